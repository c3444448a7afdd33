#!/usr/bin/env python3
"""Whole-process timing of summit-kb commands on the embedded dataset and on
its JSON export. Prints a Markdown table for BENCHMARKS.md.

    cargo build --release && python3 bench/bench.py [RUNS]
"""

import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "summit-kb")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 50


def peak_rss_mib(args):
    """Peak resident memory of one run, as GNU time reports it. (A child forked
    from Python would report Python's memory before the exec.)"""
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M", BIN, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    return int(proc.stderr.strip().splitlines()[-1]) / 1024


def measure(args):
    """(mean ms, min ms, peak RSS MiB) of running BIN with args, RUNS times."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        proc = subprocess.run([BIN, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append((time.perf_counter() - start) * 1000)
        if proc.returncode not in (0, 1):
            sys.exit(f"{args}: exit {proc.returncode}: {proc.stderr.decode()}")
    return sum(times) / len(times), min(times), peak_rss_mib(args)


def main():
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release")
    with tempfile.TemporaryDirectory() as tmp:
        exported = os.path.join(tmp, "csto.json")
        subprocess.run([BIN, "export", "--output", exported], check=True)
        size_kib = os.path.getsize(exported) / 1024
        cases = [
            ("docs", ["docs"]),
            ("holder", ["holder", "secretary-general", "--on", "2019-06-01"]),
            ("chair", ["chair", "--on", "2026-06-01"]),
            ("show", ["show", "csc-2025-bishkek"]),
            ("export", ["export"]),
            ("check", ["check"]),
        ]
        print(f"{RUNS} runs each; exported JSON {size_kib:.0f} KiB\n")
        print("| command | dataset | mean ms | min ms | peak RSS MiB |")
        print("|---|---|---|---|---|")
        for name, args in cases:
            for label, extra in (("embedded TOML", []), ("exported JSON", ["--data", exported])):
                mean, least, rss = measure([*extra, *args])
                print(f"| {name} | {label} | {mean:.2f} | {least:.2f} | {rss:.1f} |")


if __name__ == "__main__":
    main()
