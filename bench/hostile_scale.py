#!/usr/bin/env python3
"""Whole-process time and peak memory of what issue 22 found quadratic:
`search` with 10 to 10,000 words in a query, and `check` and one query with
`--data` at 1x to 1000x the embedded dataset, with the growth factor per 10x
(the goal: at most 12x). The yardsticks, measured in the same run:
`summit-kb --version` (a process that does nothing) and jq reading the same
exported JSON. Prints Markdown tables for BENCHMARKS.md.

    python3 bench/hostile_scale.py                      # builds, generates, measures
    python3 bench/hostile_scale.py --scales 1,10,100    # a quicker run
    python3 bench/hostile_scale.py --no-build --work /tmp/summit-kb-bench
    python3 bench/hostile_scale.py --before /tmp/old/summit-kb   # and the code before

Needs jq and GNU time (/usr/bin/time -v: elapsed time and maximum resident
set size of each run). Times are the median of --runs runs (three at
1000x), wall clock and CPU (user and system);
memory is the largest of the runs. Synthetic datasets come from
`examples/synth.rs` (shared with bench/scale.py) and are kept in --work.
"""

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scale  # noqa: E402  (the dataset generation and the binaries' paths)

BIN, ROOT = scale.BIN, scale.ROOT

# Query shapes: words that join into a word of the data ("co operation"
# reads as "cooperation"), one short word said again and again, and a
# phrase of 16 different words of the data, repeated.
PHRASE = ("collective security treaty organization council foreign ministers "
          "operation channel drugs terrorism summit declaration secretary general moscow").split()
SHAPES = {
    "co operation": lambda n: " ".join(("co", "operation")[i % 2] for i in range(n)),
    "e e e": lambda n: " ".join(["e"] * n),
    "16-word phrase": lambda n: " ".join(PHRASE[i % len(PHRASE)] for i in range(n)),
}


def timed(argv):
    """(seconds, CPU seconds, peak RSS bytes, exit code) of one run: the
    wall-clock time around GNU time -v and the CPU time (user and system)
    of the processes it waited for, both to the microsecond (time's own
    report counts hundredths; its overhead, about a millisecond, is in
    every row alike), the peak memory and exit status from its report."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v"] + argv,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    err = proc.stderr
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    code = re.search(r"Exit status: (\d+)", err)
    if not (rss and code):
        sys.exit(f"{argv[:3]}...: no GNU time report: {err[-500:]}")
    return seconds, cpu, int(rss.group(1)) * 1024, int(code.group(1))


def measure(argv, runs, ok=(0, 1)):
    """(median seconds, median CPU seconds, max peak RSS bytes) over `runs`
    runs: on a shared machine the median shrugs off a run another process
    slowed down."""
    times, cpus, peaks = [], [], []
    for _ in range(runs):
        seconds, cpu, peak, code = timed(argv)
        if code not in ok:
            out = subprocess.run(argv, capture_output=True, text=True)
            sys.exit(f"{argv[:4]}...: exit {code}: {out.stderr.strip()[:300]}")
        times.append(seconds)
        cpus.append(cpu)
        peaks.append(peak)
    return statistics.median(times), statistics.median(cpus), max(peaks)


def growth(rows):
    """Time, CPU time and memory growth from each size to the next (10x
    apart)."""
    out = {}
    for name in dict.fromkeys(r[0] for r in rows):
        mine = [r for r in rows if r[0] == name]
        for a, b in zip(mine, mine[1:]):
            out[(name, b[1])] = tuple(
                y / x if x else float("nan") for x, y in zip(a[2:], b[2:]))
    return out


def table(title, rows, size_label):
    g = growth(rows)
    print(f"\n| {title} | {size_label} | time ms | CPU ms | peak RSS MiB "
          "| time x per 10x | CPU x per 10x | memory x per 10x |")
    print("|---|---|---|---|---|---|---|---|")
    for name, size, seconds, cpu, peak in rows:
        cells = ["" if x is None else f"{x:.2f}" for x in g.get((name, size), (None,) * 3)]
        print(f"| {name} | {size} | {seconds * 1000:.1f} | {cpu * 1000:.1f} | {peak / 2**20:.1f} | "
              + " | ".join(cells) + " |")
    now = [v for (name, _), v in g.items() if not name.endswith(" before")]
    worst_time = max((v[0] for v in now), default=0)
    worst_cpu = max((v[1] for v in now), default=0)
    worst_mem = max((v[2] for v in now), default=0)
    # Judged on CPU time and memory (of this code, not of --before): wall-clock time on a shared machine
    # also counts the waits for a core.
    print(f"\nWorst growth per 10x: time {worst_time:.2f}, CPU {worst_cpu:.2f}, memory "
          f"{worst_mem:.2f} -> {'met' if max(worst_cpu, worst_mem) <= 12 else 'MISSED'}"
          " (goal: at most 12, in CPU time and memory)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="1,10,100,1000")
    ap.add_argument("--words", default="10,100,1000,10000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "summit-kb-bench"))
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--before", metavar="BIN",
                    help="also measure this binary (a build of the code before the fix), "
                         "in rows marked 'before'")
    ap.add_argument("--before-words", default="10,100,1000",
                    help="query lengths for --before: its search grew with the square of "
                         "the words (10,000 took gigabytes)")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "summit-kb",
                        "--example", "synth"], cwd=ROOT, check=True)

    version, _, version_rss = measure([BIN, "--version"], args.runs, ok=(0,))
    print(f"Yardstick: `summit-kb --version` {version * 1000:.1f} ms, {version_rss / 2**20:.1f} MiB")
    print(f"(every row below includes what such a run costs)")

    binaries = [("", BIN, args.words)]
    if args.before:
        binaries.append((" before", args.before, args.before_words))
    rows = []
    for shape, make in SHAPES.items():
        for mark, binary, words in binaries:
            for n in [int(w) for w in words.split(",")]:
                query = make(n)
                seconds, cpu, peak = measure([binary, "search", "--limit", "5", query], args.runs)
                rows.append((f"search '{shape}'{mark}", f"{n} words ({len(query)} bytes)",
                             seconds, cpu, peak))
                print(f"search {shape}{mark} {n}: {seconds:.3f} s", file=sys.stderr)
    table("query (embedded dataset)", rows, "words")

    rows, jq_rows = [], []
    for s in [int(x) for x in args.scales.split(",")]:
        toml, js = scale.dataset(s, args.work)
        runs = 3 if s >= 1000 else args.runs
        org = f"o{s - 1:04}"
        for mark, binary, _ in binaries:
            for name, argv in [
                ("check (TOML)", [binary, "check", toml]),
                ("holder --on (TOML)", [binary, "--data", toml, "holder", f"{org}-sg", "--on", scale.DAY]),
                ("holder --on (JSON)", [binary, "--data", js, "holder", f"{org}-sg", "--on", scale.DAY]),
            ]:
                seconds, cpu, peak = measure(argv, runs)
                rows.append((name + mark, f"{s}x", seconds, cpu, peak))
                print(f"{name}{mark} {s}x: {seconds:.3f} s", file=sys.stderr)
        seconds, cpu, peak = measure(["jq", "-c", f'.term[] | select(.post == "{org}-sg")', js], runs)
        jq_rows.append(("jq over the JSON", f"{s}x", seconds, cpu, peak))
    table("command", rows + jq_rows, "data")


if __name__ == "__main__":
    main()
