#!/usr/bin/env python3
"""Peak memory of loading one TOML file, and the same records as exported JSON,
as a multiple of the file's size: the figure README.md gives for the TOML limit.

    cargo build --release
    python3 bench/toml_memory.py [path/to/summit-kb]

Two files of [[source]] records: tiny ones (an id and two one-letter fields,
56 bytes each), where the memory per record dwarfs its bytes, and ones of the
size the shipped sources have (seven fields, about 310 bytes). Peak memory is
GNU time's maximum resident set size of `check --format json` on the file,
less that of `--version` (the binary and its embedded dataset).
"""

import os
import subprocess
import sys
import tempfile

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/summit-kb"


def peak_kib(args):
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", BIN, *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
    )
    return int(result.stderr.strip().splitlines()[-1])


def tiny(f, n):
    for i in range(n):
        f.write(f'[[source]]\nid = "s-{i:06d}"\npublisher = "P"\ntitle = "T"\n\n')


def usual(f, n):
    for i in range(n):
        f.write(
            f'[[source]]\nid = "s-{i:06d}"\npublisher = "Publisher number {i} of the synthetic set"\n'
            f'title = "A title of a publication that is about as long as the usual ones, number {i}"\n'
            f'url = "https://example.org/publications/{i}/a-longer-path-of-the-article"\n'
            f'published = "2024-05-{i % 28 + 1:02d}"\nlanguage = "en"\nkind = "news-agency"\n\n'
        )


def main():
    base = peak_kib(["--version"])
    print("| records | each | file | MiB | peak RSS MiB (less --version) | x file size |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, write, n in [("tiny", tiny, 300_000), ("usual", usual, 60_000)]:
            toml = os.path.join(tmp, f"{name}.toml")
            with open(toml, "w") as f:
                write(f, n)
            json = os.path.join(tmp, f"{name}.json")
            subprocess.run([BIN, "--data", toml, "export", "--output", json], check=True)
            for path in (toml, json):
                size = os.path.getsize(path)
                peak = (peak_kib(["--data", path, "--format", "json", "check"]) - base) * 1024
                kind = "TOML" if path == toml else "JSON"
                print(f"| {n} | {name} | {kind} | {size / 2**20:.1f} | {peak / 2**20:.0f} | {peak / size:.1f} |")


if __name__ == "__main__":
    main()
