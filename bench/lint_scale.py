#!/usr/bin/env python3
"""`check` on a made-up dataset of 100,003 records (50,000 people, 50,000 terms
of a post that may have several holders), clean and damaged, as TOML and as
its JSON export: what finding positions cost when there are findings, and that
the clean path does not pay for them. Prints a Markdown table for
BENCHMARKS.md. Nothing in the dataset is a fact; it is written to a temporary
directory and removed.

    cargo build --release && python3 bench/lint_scale.py [RUNS]
"""

import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("SUMMIT_KB_BIN") or os.path.join(ROOT, "target", "release", "summit-kb")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
N = 50_000


def dataset():
    parts = [
        '[[source]]\nid = "s"\npublisher = "P"\ntitle = "T"\n',
        '[[organization]]\nid = "org"\nname = "Org"\ncitations = [{ source = "s", quote = "q" }]\n',
        '[[post]]\nid = "head"\norganization = "org"\nname = "Head"\nsingle_holder = false\n'
        'citations = [{ source = "s" }]\n',
    ]
    for i in range(N):
        parts.append(
            f'[[person]]\nid = "p{i}"\nname = "Person {i}"\n'
            f'citations = [{{ source = "s", quote = "q{i}" }}]\n'
        )
    for i in range(N):
        parts.append(
            f'[[term]]\nid = "t{i}"\npost = "head"\nperson = "p{i}"\nstart = "2000-01-01"\n'
            f'end = "2001-01-01"\ncitations = [{{ source = "s" }}]\n'
        )
    return "\n".join(parts)


def empty_quotes(text, every=5):
    """Every `every`-th quote emptied: 10,000 warnings."""
    count = [0]

    def blank(m):
        count[0] += 1
        return m.group(1) + '""' if count[0] % every == 0 else m.group(0)

    return re.sub(r'("?quote"?\s*[=:]\s*)"q\d+"', blank, text)


def measure(path):
    times, code = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        proc = subprocess.run([BIN, "check", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        times.append((time.perf_counter() - start) * 1000)
        code = proc.returncode
        if code not in (0, 1):
            sys.exit(f"{path}: exit {code}: {proc.stderr.decode()}")
    summary = proc.stdout.decode().strip().splitlines()[-1]
    return sum(times) / len(times), min(times), summary


def main():
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        clean = dataset()
        files["TOML, clean"] = ("clean.toml", clean)
        files["TOML, 10,000 empty quotes"] = ("bad.toml", empty_quotes(clean))
        path = os.path.join(tmp, "clean.toml")
        with open(path, "w") as f:
            f.write(clean)
        exported = subprocess.run(
            [BIN, "--data", path, "export"], stdout=subprocess.PIPE, check=True
        ).stdout.decode()
        files["JSON export, clean"] = ("clean.json", exported)
        files["JSON export, 10,000 empty quotes"] = ("bad.json", empty_quotes(exported))
        print(f"{RUNS} runs each; 100,003 records\n")
        print("| dataset | mean ms | min ms | check says |")
        print("|---|---|---|---|")
        for label, (name, text) in files.items():
            path = os.path.join(tmp, name)
            with open(path, "w") as f:
                f.write(text)
            mean, least, summary = measure(path)
            print(f"| {label} | {mean:.0f} | {least:.0f} | {summary} |")


if __name__ == "__main__":
    main()
