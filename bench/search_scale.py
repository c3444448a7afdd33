#!/usr/bin/env python3
"""Whole-process timing of `search` on a large synthetic dataset: the embedded
dataset's export with its people and documents copied under new ids until it
holds RECORDS records. `docs --kind plan` (load, index and check, no search)
is the baseline. Prints a Markdown table for BENCHMARKS.md.

    cargo build --release && python3 bench/search_scale.py [RECORDS] [RUNS]
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "summit-kb")
RECORDS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
WORDS = (
    "security council strategy drug channel border treaty summit minister defence plan "
    "cooperation information analysis bureau report budget declaration statement military"
).split()


def synthetic(exported, path):
    """Writes a dataset of about RECORDS records built from the export."""
    data = json.load(open(exported, encoding="utf-8"))
    base = sum(len(v) for v in data.values() if isinstance(v, list))
    rng = random.Random(1)
    people, docs = list(data["person"]), list(data["document"])
    for i in range(max(0, RECORDS - base) // 2):
        p = dict(rng.choice(people))
        p["id"] = f"{p['id']}-{i}"
        p["name"] = f"{p['name']} {rng.choice(WORDS).title()}{i}"
        data["person"].append(p)
        d = dict(rng.choice(docs))
        d["id"] = f"{d['id']}-{i}"
        d["title"] = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + f" {i}"
        d.pop("adopted_at", None)
        d.pop("amends", None)
        data["document"].append(d)
    json.dump(data, open(path, "w", encoding="utf-8"))
    return sum(len(v) for v in data.values() if isinstance(v, list))


def measure(args):
    """(mean ms, min ms, exit code) of RUNS runs."""
    times, code = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        proc = subprocess.run([BIN, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append((time.perf_counter() - start) * 1000)
        code = proc.returncode
        if code not in (0, 1):
            sys.exit(f"{args}: exit {code}: {proc.stderr.decode()}")
    return sum(times) / len(times), min(times), code


def main():
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release")
    with tempfile.TemporaryDirectory() as tmp:
        exported = os.path.join(tmp, "csto.json")
        subprocess.run([BIN, "export", "--output", exported], check=True)
        big = os.path.join(tmp, "big.json")
        count = synthetic(exported, big)
        size_mib = os.path.getsize(big) / 1024 / 1024
        print(f"{RUNS} runs each; {count} records, {size_mib:.0f} MiB of JSON\n")
        print("| command | mean ms | min ms | exit |")
        print("|---|---|---|---|")
        cases = [["docs", "--kind", "plan"]] + [
            ["search", q]
            for q in (
                "masadykov",
                "Масадыков",
                "Masadykow",
                "operation channel",
                "Information Analysis Bureau",
                "xyzzy",
            )
        ]
        for args in cases:
            mean, least, code = measure(["--data", big, *args])
            print(f"| {' '.join(args)} | {mean:.0f} | {least:.0f} | {code} |")


if __name__ == "__main__":
    main()
