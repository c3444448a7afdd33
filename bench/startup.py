#!/usr/bin/env python3
"""Whole-process timings of queries on the embedded dataset, as ratios to the
same binary's `--version` and to jq making the same selection from the same
records exported as JSON, at the shipped size and with a synthetic embedded
dataset about 10 times larger; for the binary of this checkout ("after") and
of an earlier commit ("before"), in one run. Prints Markdown for BENCHMARKS.md.

    python3 bench/startup.py                       # builds everything, measures (~15 min)
    python3 bench/startup.py --before none         # this checkout only
    python3 bench/startup.py --before 7e2c0ff --scale 92 --runs 40
    python3 bench/startup.py --no-build            # measure again what a run built

"After" is built twice: as is, and with SUMMIT_KB_EMBED_DIR pointing at the
synthetic TOML of `examples/synth.rs --scale N` (117 records an organisation,
so 92 gives 10,764 records, 10 times the 1,078 of data/). "Before" is built
from `git archive REV` under --work; its build.rs embeds only the top-level
files of data/, so for its large binary the synthetic files are copied into
its data/ flattened (o0003/people.toml -> o0003-people.toml).

Needs hyperfine and jq (Debian: apt-get install hyperfine jq). Times are
hyperfine medians; CPU is
hyperfine's mean user+system time.
"""

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DAY = "2019-06-01"
CHAIR_DAY = "2024-06-01"
# Goals: a query at most this many times `--version`, at shipped size and
# at 10x, and at most this many times jq at shipped size.
GOAL_VERSION, GOAL_VERSION_10X, GOAL_JQ = 1.5, 2.0, 0.1


def run(cmd, **kw):
    print("+ " + shlex.join(cmd), file=sys.stderr)
    return subprocess.run(cmd, check=True, **kw)


def build(src, target, embed_dir=None):
    """Builds the release binary of the checkout at `src`; returns its path."""
    env = dict(os.environ, CARGO_TARGET_DIR=target)
    env.pop("SUMMIT_KB_EMBED_DIR", None)
    if embed_dir:
        env["SUMMIT_KB_EMBED_DIR"] = embed_dir
    run(["cargo", "build", "--release", "--quiet", "--bin", "summit-kb"], cwd=src, env=env)
    return os.path.join(target, "release", "summit-kb")


def keep(binary, path):
    shutil.copy2(binary, path)
    return path


def cases(synthetic):
    """(name, summit-kb args, jq filter over the export)."""
    if synthetic is None:
        meeting, post, name = "csc-2025-bishkek", "secretary-general", "Masadykov"
    else:
        org = f"o{synthetic - 1:04}"
        meeting, post, name = f"{org}-m2025", f"{org}-sg", f"Person {synthetic - 1}.3 Synthov"
    return [
        ("docs", ["docs"], ".document[]"),
        (
            "docs --summit",
            ["docs", "--summit", meeting],
            f'.document[] | select(.adopted_at == "{meeting}")',
        ),
        (
            "holder",
            ["holder", post, "--on", DAY],
            f'.term[] | select(.post == "{post}" and .start <= "{DAY}"'
            f' and (.end == null or .end >= "{DAY}"))',
        ),
        (
            "chair",
            ["chair", "--on", CHAIR_DAY],
            f'.chairmanship[] | select(.start != null and .start <= "{CHAIR_DAY}"'
            f' and (.end == null or .end >= "{CHAIR_DAY}"))',
        ),
        (
            "search",
            ["search", name],
            f'.[] | arrays | .[] | select(any(.. | strings; contains("{name}")))',
        ),
        ("export", ["export"], "."),
    ]


def medians(commands, runs, warmup):
    """(median wall-clock seconds, mean user+system seconds) of each command
    (a list of argv lists): on a loaded machine CPU time does not count the
    waiting for a core."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        argv = [
            "hyperfine", "-N", "--style", "none",
            "--runs", str(runs), "--warmup", str(warmup),
            "--export-json", out.name,
        ] + [shlex.join(c) for c in commands]
        run(argv, stdout=subprocess.DEVNULL)
        with open(out.name) as f:
            return [(r["median"], r["user"] + r["system"]) for r in json.load(f)["results"]]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", default="7e2c0ff",
                    help="commit to compare with, or 'none' (default: %(default)s)")
    ap.add_argument("--scale", type=int, default=92,
                    help="organisations in the synthetic dataset (default: %(default)s)")
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "summit-kb-startup"))
    ap.add_argument("--no-build", action="store_true",
                    help="measure the binaries an earlier run left in --work")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    work = os.path.abspath(args.work)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))

    # The synthetic dataset, and this checkout's two binaries.
    env = dict(os.environ)
    env.pop("SUMMIT_KB_EMBED_DIR", None)
    synth_dir = os.path.join(work, f"synth-{args.scale}")
    if not os.path.exists(os.path.join(synth_dir, "dataset.json")):
        run(["cargo", "build", "--release", "--quiet", "--example", "synth"], cwd=ROOT, env=env)
        shutil.rmtree(synth_dir, ignore_errors=True)
        run([os.path.join(target, "release", "examples", "synth"),
             "--scale", str(args.scale), "--out", synth_dir], stdout=subprocess.DEVNULL)
    synth_toml = os.path.join(synth_dir, "toml")
    binaries = {}
    if args.no_build:
        for who, shipped, name in [("after", True, "after"), ("after", False, "after-10x"),
                                   ("before", True, "before"), ("before", False, "before-10x")]:
            if os.path.exists(os.path.join(work, name)) and (who == "after" or args.before != "none"):
                binaries[(who, shipped)] = os.path.join(work, name)
    else:
        binaries[("after", False)] = keep(build(ROOT, target, synth_toml),
                                          os.path.join(work, "after-10x"))
        binaries[("after", True)] = keep(build(ROOT, target), os.path.join(work, "after"))

    if args.before != "none" and not args.no_build:
        src = os.path.join(work, "before-src")
        shutil.rmtree(src, ignore_errors=True)
        os.makedirs(src)
        archive = subprocess.run(["git", "archive", args.before], cwd=ROOT, check=True,
                                 stdout=subprocess.PIPE).stdout
        subprocess.run(["tar", "-x", "-C", src], input=archive, check=True)
        before_target = os.path.join(work, "before-target")
        binaries[("before", True)] = keep(build(src, before_target), os.path.join(work, "before"))
        shutil.rmtree(os.path.join(src, "data"))
        os.makedirs(os.path.join(src, "data"))
        for d, _, files in os.walk(synth_toml):
            rel = os.path.relpath(d, synth_toml)
            for f in files:
                flat = f if rel == "." else f"{rel.replace(os.sep, '-')}-{f}"
                shutil.copy(os.path.join(d, f), os.path.join(src, "data", flat))
        binaries[("before", False)] = keep(build(src, before_target),
                                           os.path.join(work, "before-10x"))

    rows = []  # (size, name, version, {who: (ms, ratio to version, ratio to jq)})
    for shipped in (True, False):
        size = "shipped" if shipped else f"10x (synth --scale {args.scale})"
        after = binaries[("after", shipped)]
        export = os.path.join(work, f"export-{'shipped' if shipped else args.scale}.json")
        run([after, "export", "--output", export])
        with open(export) as f:
            records = sum(len(v) for v in json.load(f).values() if isinstance(v, list))
        who = [w for w in ("before", "after") if (w, shipped) in binaries]
        commands, labels = [], []
        for w in who:
            commands.append([binaries[(w, shipped)], "--version"])
            labels.append((w, "--version"))
        for name, cmd, jq_filter in cases(None if shipped else args.scale):
            for w in who:
                argv = [binaries[(w, shipped)]] + cmd
                proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                if proc.returncode != 0:
                    sys.exit(f"{shlex.join(argv)}: exit {proc.returncode}: {proc.stderr.decode()}")
                commands.append(argv)
                labels.append((w, name))
            commands.append(["jq", jq_filter, export])
            labels.append(("jq", name))
        times = dict(zip(labels, medians(commands, args.runs, 3)))
        for name, _, _ in cases(None):
            cells = {}
            for w in who:
                (t, c), (tv, cv), (tj, cj) = (times[(w, name)], times[(w, "--version")],
                                              times[("jq", name)])
                cells[w] = (t * 1000, t / tv, t / tj, c / cv, c / cj)
            rows.append((size, records, name, times[("jq", name)][0] * 1000, cells))
        for w in who:
            rows.append((size, records, f"`--version` ({w})", None,
                         {w: (times[(w, '--version')][0] * 1000, 1.0, None, 1.0, None)}))

    who = [w for w in ("before", "after") if (w, True) in binaries]
    head = "| dataset | records | command | jq ms |"
    for w in who:
        head += f" {w} ms | {w} / --version | {w} / jq | {w} CPU / --version | {w} CPU / jq |"
    print(head)
    print("|---" * (4 + 5 * len(who)) + "|")
    for size, records, name, jq_ms, cells in rows:
        line = f"| {size} | {records} | {name} | {'' if jq_ms is None else f'{jq_ms:.1f}'} |"
        for w in who:
            if w in cells:
                ms, rv, rj, cv, cj = cells[w]
                line += (f" {ms:.1f} | {rv:.2f} | {'' if rj is None else f'{rj:.3f}'} |"
                         f" {cv:.2f} | {'' if cj is None else f'{cj:.3f}'} |")
            else:
                line += " | | | | |"
        print(line)

    print("\nGoals (after):")
    for shipped, goal in ((True, GOAL_VERSION), (False, GOAL_VERSION_10X)):
        queries = [r for r in rows if r[3] is not None and (r[0] == "shipped") == shipped]
        worst = max(queries, key=lambda r: r[4]["after"][1])
        v, cv = worst[4]["after"][1], worst[4]["after"][3]
        print(f"- {worst[0]}: query <= {goal}x --version: worst {worst[2]} {v:.2f}x "
              f"(CPU {cv:.2f}x) -> {'met' if v <= goal else 'MISSED'}")
        met = [r[2] for r in queries if r[4]["after"][1] <= goal]
        missed = [f"{r[2]} {r[4]['after'][1]:.2f}x" for r in queries if r[4]["after"][1] > goal]
        print(f"  - met by: {', '.join(met) or 'none'}; missed by: {', '.join(missed) or 'none'}")
        if shipped:
            worst = max(queries, key=lambda r: r[4]["after"][2])
            j, cj = worst[4]["after"][2], worst[4]["after"][4]
            print(f"- shipped: query <= {GOAL_JQ}x jq: worst {worst[2]} {j:.3f}x "
                  f"(CPU {cj:.3f}x) -> {'met' if j <= GOAL_JQ else 'MISSED'}")
            missed = [f"{r[2]} {r[4]['after'][2]:.3f}x" for r in queries
                      if r[4]["after"][2] > GOAL_JQ]
            print(f"  - missed by: {', '.join(missed) or 'none'}")


if __name__ == "__main__":
    main()
