#!/usr/bin/env python3
"""Whole-process timings of summit-kb at 1x to 1000x the size of the embedded
dataset, from TOML and from exported JSON, side by side with jq doing the same
selection over the same JSON. Prints Markdown tables for BENCHMARKS.md and a
verdict on each target.

    python3 bench/scale.py                      # builds, generates, measures
    python3 bench/scale.py --scales 1,10,100    # a quicker run
    python3 bench/scale.py --no-build --work /tmp/summit-kb-bench

Needs hyperfine (Debian: apt-get install hyperfine), jq and GNU time
(/usr/bin/time). Synthetic datasets come from `examples/synth.rs` and are kept
in --work between runs. Times are hyperfine medians; peak memory is GNU time's
maximum resident set size of one run.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "summit-kb")
SYNTH = os.path.join(ROOT, "target", "release", "examples", "synth")
DAY = "2019-06-01"


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def disk_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(
        os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files
    )


def has_search():
    proc = subprocess.run([BIN, "search", "--help"], capture_output=True)
    return proc.returncode == 0


def cases(scale):
    """(name, summit-kb args, jq filter) for a dataset; scale 0 is the embedded one."""
    if scale == 0:
        meeting, post, name = "csc-2025-bishkek", "secretary-general", "Masadykov"
    else:
        org = f"o{scale - 1:04}"
        meeting, post, name = f"{org}-m2025", f"{org}-sg", f"Person {scale - 1}.3 Synthov"
    out = [
        (
            "docs",
            ["docs", "--summit", meeting],
            f'.document[] | select(.adopted_at == "{meeting}")',
        ),
        (
            "holder",
            ["holder", post, "--on", DAY],
            f'.term[] | select(.post == "{post}" and .start <= "{DAY}"'
            f' and (.end == null or .end >= "{DAY}"))',
        ),
    ]
    if has_search():
        out.append(
            (
                "search",
                ["search", name],
                f'.[] | arrays | .[] | select(any(.. | strings; contains("{name}")))',
            )
        )
    out.append(("export", ["export"], "."))
    return out


def hyperfine(commands, runs, warmup):
    """(median wall-clock seconds, mean CPU seconds) of each command (a list of
    argv lists): on a shared machine the median shrugs off the runs another
    process slowed down, and CPU time does not count waiting for a core."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        argv = [
            "hyperfine", "-N", "-i", "--style", "none",
            "--runs", str(runs), "--warmup", str(warmup),
            "--export-json", out.name,
        ] + [shlex.join(c) for c in commands]
        run(argv, stdout=subprocess.DEVNULL)
        with open(out.name) as f:
            return [(r["median"], r["user"] + r["system"]) for r in json.load(f)["results"]]


def peak_rss(argv):
    """Peak resident memory of one run, in bytes (GNU time's %M is KiB)."""
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M"] + argv,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    if proc.returncode not in (0, 1):
        sys.exit(f"{argv}: exit {proc.returncode}: {proc.stderr}")
    return int(proc.stderr.strip().splitlines()[-1]) * 1024


def dataset(scale, work):
    """(TOML path or None for embedded, JSON path, records) for a scale."""
    if scale == 0:
        path = os.path.join(work, "embedded.json")
        run([BIN, "export", "--output", path])
        return None, path
    out = os.path.join(work, f"scale-{scale}")
    json_path = os.path.join(out, "dataset.json")
    if not os.path.exists(json_path):
        run([SYNTH, "--scale", str(scale), "--out", out], stdout=subprocess.DEVNULL)
    return os.path.join(out, "toml"), json_path


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="1,10,100,300,1000")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "summit-kb-bench"))
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    os.makedirs(args.work, exist_ok=True)
    if not args.no_build:
        run(["cargo", "build", "--release", "--quiet", "--bin", "summit-kb",
             "--example", "synth"], cwd=ROOT)

    rows = []  # (scale label, scale, case, source, seconds, jq seconds, rss, disk)
    for scale in [0] + scales:
        toml, js = dataset(scale, args.work)
        label = "embedded" if scale == 0 else f"{scale}x"
        big = scale >= 300
        runs, warmup = (5, 1) if scale >= 1000 else (10, 1) if big else (30, 3)
        for name, cmd, jq_filter in cases(scale):
            variants = []
            if toml is None:
                variants.append(("embedded TOML", [BIN] + cmd, 0))
            else:
                variants.append(("TOML", [BIN, "--data", toml] + cmd, disk_bytes(toml)))
            variants.append(("JSON", [BIN, "--data", js] + cmd, disk_bytes(js)))
            jq = ["jq", jq_filter, js]
            for _, argv, _ in variants:
                proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                if proc.returncode != 0:
                    sys.exit(f"{shlex.join(argv)}: exit {proc.returncode}: {proc.stderr.decode()}")
            times = hyperfine([v[1] for v in variants] + [jq], runs, warmup)
            jq_mean, jq_cpu = times[-1]
            for (source, argv, disk), (mean, cpu) in zip(variants, times):
                rows.append((label, scale, name, source, mean, jq_mean, peak_rss(argv), disk,
                             cpu / jq_cpu))
            print(f"{label} {name}: done", file=sys.stderr)

    print("| dataset | records | command | source | on disk MiB | summit-kb ms | jq ms | ratio to jq | CPU ratio | peak RSS MiB | RSS / disk |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for label, scale, name, source, mean, jq_mean, rss, disk, cpu_ratio in rows:
        records = 117 * max(scale, 1)
        disk_mib = f"{disk / 2**20:.2f}" if disk else "(in binary)"
        per_disk = f"{rss / disk:.1f}" if disk else ""
        print(f"| {label} | {records} | {name} | {source} | {disk_mib} | {mean * 1000:.1f} "
              f"| {jq_mean * 1000:.1f} | {mean / jq_mean:.2f} | {cpu_ratio:.2f} | {rss / 2**20:.1f} | {per_disk} |")

    # Growth: time at 10N over time at N, for each command and source.
    by = {(scale, name, source): r[4] for r in rows for _, scale, name, source in [r[:4]]}
    pairs = [(a, b) for a in scales for b in scales if b == 10 * a]
    if pairs:
        print("\n| command | source | " + " | ".join(f"{b}x / {a}x" for a, b in pairs) + " |")
        print("|---|---|" + "---|" * len(pairs))
        names = sorted({(name, source) for _, s, name, source, *_ in rows if s})
        for name, source in names:
            cells = [f"{by[(b, name, source)] / by[(a, name, source)]:.2f}" for a, b in pairs]
            print(f"| {name} | {source} | " + " | ".join(cells) + " |")

    print("\nTargets:")
    emb = [r for r in rows if r[1] == 0 and r[3] == "embedded TOML"]
    worst = max(emb, key=lambda r: r[4] / r[5])
    print(f"- embedded, query vs jq <= 0.2x: worst {worst[2]} {worst[4] / worst[5]:.2f}x "
          f"-> {'met' if worst[4] / worst[5] <= 0.2 else 'MISSED'}")
    at300 = [r for r in rows if r[1] == 300 and r[3] == "JSON"]
    if at300:
        worst = max(at300, key=lambda r: r[4] / r[5])
        print(f"- 300x from JSON vs jq <= 0.5x: worst {worst[2]} {worst[4] / worst[5]:.2f}x "
              f"-> {'met' if worst[4] / worst[5] <= 0.5 else 'MISSED'}")
    if (100, 1000) in pairs:
        growth = [(by[(1000, n, s)] / by[(100, n, s)], n, s)
                  for n, s in {(r[2], r[3]) for r in rows if r[1] == 1000}]
        g, n, s = max(growth)
        print(f"- 100x -> 1000x time growth <= 11: worst {n} from {s} {g:.2f} "
              f"-> {'met' if g <= 11 else 'MISSED'}")
    # A process needs about 4 MiB whatever the data; the target is about how
    # memory grows with the data, so it is judged from 100x up.
    mem = [r for r in rows if r[7]]
    small = max(mem, key=lambda r: r[6] / r[7])
    bigger = [r for r in mem if r[1] >= 100]
    if bigger:
        wb = max(bigger, key=lambda r: r[6] / r[7])
        print(f"- peak RSS <= 4x data on disk (from 100x up): worst {wb[0]} {wb[2]} from {wb[3]} "
              f"{wb[6] / wb[7]:.1f}x -> {'met' if wb[6] / wb[7] <= 4 else 'MISSED'}")
    print(f"  (below 100x the fixed ~4 MiB of a process dominates: worst {small[0]} {small[2]} "
          f"from {small[3]} {small[6] / 2**20:.1f} MiB, {small[6] / small[7]:.0f}x its data)")

if __name__ == "__main__":
    main()
