#!/usr/bin/env python3
"""What the embedded dataset costs to build and to query as it grows: the
release build with the shipped data and with synthetic data about 10 and 100
times its size embedded (`SUMMIT_KB_EMBED_DIR`), the rebuild after a one-line
edit of the data, the binary's size, and whole-process query times as ratios to
the same binary's `--version` and to jq selecting the same records from the same
dataset's JSON export. Prints Markdown for BENCHMARKS.md.

    python3 bench/build_scale.py                  # ~15 min on 2 cores
    python3 bench/build_scale.py --sizes 10 --runs 20

Needs hyperfine, jq and GNU time (/usr/bin/time). Builds into its own target
directory (--work/target), so that the repository's own target is left alone;
the first build there compiles every dependency and is not timed.
"""

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DAY = "2019-06-01"


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def timed_build(env, target):
    """(seconds, peak RSS bytes of the largest process) of `cargo build --release`."""
    start = time.monotonic()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "cargo", "build", "--release", "--quiet", "--bin", "summit-kb"],
        cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True,
    )
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stderr}")
    rss = int(proc.stderr.strip().splitlines()[-1]) * 1024
    return seconds, rss


def hyperfine(commands, runs):
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        run(["hyperfine", "-N", "-i", "--style", "none", "--runs", str(runs), "--warmup", "3",
             "--export-json", out.name] + [shlex.join(c) for c in commands],
            stdout=subprocess.DEVNULL)
        with open(out.name) as f:
            return [r["median"] for r in json.load(f)["results"]]


def cases(synthetic, meeting_org):
    if not synthetic:
        meeting, post, name = "csc-2025-bishkek", "secretary-general", "Masadykov"
    else:
        org = meeting_org
        meeting, post, name = f"{org}-m2025", f"{org}-sg", "Synthov"
    return [
        ("holder", ["holder", post, "--on", DAY],
         f'.term[] | select(.post == "{post}" and .start <= "{DAY}" and (.end == null or .end >= "{DAY}"))'),
        ("docs --summit", ["docs", "--summit", meeting],
         f'.document[] | select(.adopted_at == "{meeting}")'),
        ("chair", ["chair", "--on", DAY],
         f'.chairmanship[] | select((.start // "0") <= "{DAY}" and ((.end // "9") >= "{DAY}"))'),
        ("docs", ["docs"], ".document[]"),
        ("search", ["search", name], f'.person[] | select(.name | contains("{name}"))'),
        ("export", ["export"], "."),
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10,100", help="multiples of the shipped dataset")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "summit-kb-build-bench"))
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    target = os.path.join(args.work, "target")
    env = dict(os.environ, CARGO_TARGET_DIR=target)
    env.pop("SUMMIT_KB_EMBED_DIR", None)
    binary = os.path.join(target, "release", "summit-kb")

    # Dependencies and the synthetic-data generator, not timed. The example
    # and the binary are built apart, as the timed builds build the binary:
    # an example brings the dev-dependencies, whose features would otherwise
    # make the first timed build compile dependencies again.
    run(["cargo", "build", "--release", "--quiet", "--example", "synth"], cwd=ROOT, env=env)
    run(["cargo", "build", "--release", "--quiet", "--bin", "summit-kb"], cwd=ROOT, env=env)
    synth = os.path.join(target, "release", "examples", "synth")
    shipped = json.loads(subprocess.run([binary, "export"], capture_output=True, check=True).stdout)
    shipped_records = sum(len(v) for k, v in shipped.items() if isinstance(v, list))

    # Records per synthetic organisation, to size the datasets.
    one = os.path.join(args.work, "synth-1")
    if not os.path.exists(os.path.join(one, "dataset.json")):
        run([synth, "--scale", "1", "--out", one], stdout=subprocess.DEVNULL)
    with open(os.path.join(one, "dataset.json")) as f:
        per_org = sum(len(v) for k, v in json.load(f).items() if isinstance(v, list))

    rows = []  # (label, records, build s, build rss, binary bytes, {case: (ms, /version, /jq)})
    data_copy = os.path.join(args.work, "data")
    shutil.rmtree(data_copy, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "data"), data_copy)
    sizes = [("shipped", 0)] + [(f"{n}x", n) for n in (int(s) for s in args.sizes.split(","))]
    edit = None
    for label, n in sizes:
        if n == 0:
            embed, records, js = data_copy, shipped_records, None
        else:
            scale = max(1, round(n * shipped_records / per_org))
            out = os.path.join(args.work, f"synth-{scale}")
            if not os.path.exists(os.path.join(out, "dataset.json")):
                run([synth, "--scale", str(scale), "--out", out], stdout=subprocess.DEVNULL)
            embed, records, js = os.path.join(out, "toml"), scale * per_org, os.path.join(out, "dataset.json")
        benv = dict(env, SUMMIT_KB_EMBED_DIR=embed)
        seconds, rss = timed_build(benv, target)
        size = os.path.getsize(binary)
        copy = os.path.join(args.work, f"summit-kb-{label}")
        shutil.copy(binary, copy)
        if n == 0:
            # A one-line edit of the data that changes a record (a title):
            # the rebuild a data contributor waits for.
            first = sorted(f for f in os.listdir(data_copy) if f.endswith(".toml"))[0]
            with open(os.path.join(data_copy, first), encoding="utf-8") as f:
                text = f.read()
            at = text.index('\ntitle = "') + len('\ntitle = "')
            with open(os.path.join(data_copy, first), "w", encoding="utf-8") as f:
                f.write(text[:at] + "Edited: " + text[at:])
            edit = timed_build(benv, target)
            js = os.path.join(args.work, "shipped.json")
            run([copy, "export", "--output", js])
        org = "o0000"
        measured = {}
        commands = [[copy, "--version"]]
        for name, argv, _ in cases(n != 0, org):
            commands.append([copy] + argv)
        jqs = [["jq", flt, js] for _, _, flt in cases(n != 0, org)]
        times = hyperfine(commands + [jqs[0]], args.runs)
        version, jq_time = times[0], times[-1]
        for (name, _, _), t in zip(cases(n != 0, org), times[1:-1]):
            measured[name] = (t * 1000, t / version, t / jq_time)
        measured["--version"] = (version * 1000, 1.0, version / jq_time)
        rows.append((label, records, seconds, rss, size, measured, jq_time * 1000))
        print(f"{label}: {records} records, build {seconds:.0f} s, {rss / 2**30:.2f} GiB", file=sys.stderr)

    print("| dataset | records | build s | build peak GiB | binary MB |")
    print("|---|---|---|---|---|")
    for label, records, seconds, rss, size, _, _ in rows:
        print(f"| {label} | {records:,} | {seconds:.0f} | {rss / 2**30:.2f} | {size / 1e6:.1f} |")
    if edit:
        print(f"\nOne-line edit of the shipped data: rebuilt in {edit[0]:.0f} s, peak {edit[1] / 2**30:.2f} GiB.\n")
    names = ["--version"] + [c[0] for c in cases(False, "")]
    print("| query | " + " | ".join(f"{r[0]} ms | / --version | / jq" for r in rows) + " |")
    print("|---|" + "---|---|---|" * len(rows))
    for name in names:
        cells = []
        for r in rows:
            ms, v, j = r[5][name]
            cells.append(f"{ms:.2f} | {v:.2f} | {j:.3f}")
        print(f"| `{name}` | " + " | ".join(cells) + " |")
    print("| jq (the yardstick) | " + " | ".join(f"{r[6]:.1f} | | 1" for r in rows) + " |")


if __name__ == "__main__":
    main()
