#!/usr/bin/env python3
"""The layer picture of the code: its rooms (source files), the floors they
stand on, the circles of files that import each other, and the imports that
run from a lower floor back up.

Usage:
    python3 scripts/layers.py            # a summary
    python3 scripts/layers.py --edges    # and every import, file to file
    python3 scripts/layers.py --with-mod # count `mod x;` as an import of x too

A file imports another when it names a path into it (`use crate::kb::Kb`,
`crate::output::render(..)`, `super::Ctx`, `summit_kb_core::model::Text`)
outside its `#[cfg(test)]` module; a `mod x;` line declares a child and is
not an import (unless --with-mod: then every module that declares children
and is named by one of them is in a circle with it). The floors are those `crates/summit-kb-cli/src/lib.rs`
describes, top to bottom: the binary (`src/`), `cli`, `commands`, `args` and
`value_enum`, `output`, `answer`, and the core crate (whose files are one
floor here; a circle among them is still a circle).
"""

import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRATES = {
    # crate name in paths -> source directory
    "summit_kb": "src",
    "summit_kb_cli": "crates/summit-kb-cli/src",
    "summit_kb_core": "crates/summit-kb-core/src",
}
# The command-line crate re-exports the core's modules under their own names,
# and the root crate re-exports the command-line crate.
CORE_MODULES = {"date", "kb", "load", "locate", "model", "search_index", "snapshot", "validate"}
FLOORS = [
    ("binary", lambda f: f.startswith("src/")),
    ("cli", lambda f: f == "crates/summit-kb-cli/src/cli.rs"),
    ("commands", lambda f: "/commands/" in f),
    ("args", lambda f: f.endswith(("/args.rs", "/value_enum.rs"))),
    ("output", lambda f: "/output/" in f),
    ("answer", lambda f: "/answer/" in f),
    ("core", lambda f: f.startswith("crates/summit-kb-core/")),
]


def floor(f):
    for i, (_, test) in enumerate(FLOORS):
        if test(f):
            return i
    return None


def files():
    out = []
    for d in CRATES.values():
        for base, _, names in os.walk(os.path.join(ROOT, d)):
            for n in names:
                if n.endswith(".rs"):
                    out.append(os.path.relpath(os.path.join(base, n), ROOT))
    return sorted(out)


def module_of(f):
    """(crate dir, module path) of a file."""
    for d in CRATES.values():
        if f.startswith(d + "/"):
            rel = f[len(d) + 1:-3]
            parts = rel.split("/")
            if parts[-1] in ("mod", "lib", "main"):
                parts = parts[:-1]
            return d, parts
    raise ValueError(f)


def file_of(d, parts):
    """The file a module path names in crate dir `d`: the longest prefix that is a file."""
    for n in range(len(parts), 0, -1):
        for cand in (os.path.join(d, *parts[:n]) + ".rs", os.path.join(d, *parts[:n], "mod.rs")):
            if os.path.exists(os.path.join(ROOT, cand)):
                return cand
    return None


def code_of(path):
    text = open(os.path.join(ROOT, path), encoding="utf-8").read()
    # Leave out the test module (by convention the file's last item) and comments.
    at = text.find("#[cfg(test)]\nmod tests")
    if at >= 0:
        text = text[:at]
    text = re.sub(r"//[^\n]*", "", text)
    return text


def expand(tree):
    """`a::{b, c::{d, e}}` -> [a::b, a::c::d, a::c::e]."""
    tree = tree.strip()
    m = re.match(r"^(.*?)\{(.*)\}$", tree, re.S)
    if not m:
        return [tree]
    prefix, inner = m.group(1), m.group(2)
    items, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "," and depth == 0:
            items.append(cur)
            cur = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur += ch
    items.append(cur)
    out = []
    for item in items:
        if item.strip():
            out.extend(prefix + p for p in expand(item))
    return out


def paths_in(code, with_mod=False):
    paths = []
    if with_mod:
        paths.extend("self::" + m.group(1) for m in re.finditer(r"\bmod\s+(\w+)\s*;", code))
    for m in re.finditer(r"\buse\s+([^;]+);", code):
        paths.extend(p.split(" as ")[0].strip() for p in expand(m.group(1)))
    for m in re.finditer(r"\b(?:crate|super|summit_kb_core|summit_kb_cli|summit_kb)(?:::\w+)+", code):
        paths.append(m.group(0))
    return paths


def resolve(src, path):
    d, mod = module_of(src)
    parts = [p for p in path.replace(" ", "").split("::") if p]
    if not parts:
        return None
    head = parts[0]
    if head == "crate":
        base, rest = d, parts[1:]
    elif head == "super":
        # `super` of a file's module; mod.rs/lib.rs files are their module.
        m = mod[:]
        while parts and parts[0] == "super":
            m = m[:-1]
            parts = parts[1:]
        base, rest = d, m + parts
    elif head in ("summit_kb_core", "summit_kb_cli", "summit_kb"):
        base, rest = CRATES[head], parts[1:]
    elif head == "self":
        base, rest = d, mod + parts[1:]
    else:
        return None
    # Re-exports: the command line's (and the root's) core modules.
    # (Before the workspace, at f942c82 and earlier, there were none.)
    if not os.path.isdir(os.path.join(ROOT, CRATES["summit_kb_cli"])):
        pass
    elif base != CRATES["summit_kb_core"] and rest and rest[0] in CORE_MODULES:
        base = CRATES["summit_kb_core"]
    elif base == CRATES["summit_kb"] and rest and rest[0] != "embedded":
        base = CRATES["summit_kb_cli"]
    target = file_of(base, rest)
    return target if target and target != src else None


def sccs(nodes, edges):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    for v in nodes:
        if v not in index:
            visit(v)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edges", action="store_true", help="list every import")
    ap.add_argument("--with-mod", action="store_true", help="count `mod x;` as an import")
    args = ap.parse_args()
    rooms = [f for f in files() if not f.endswith("/build.rs")]
    edges = {}
    for f in rooms:
        for p in paths_in(code_of(f), args.with_mod):
            t = resolve(f, p)
            if t and t in rooms:
                edges.setdefault(f, set()).add(t)
    n_edges = sum(len(v) for v in edges.values())
    circles = [c for c in sccs(rooms, edges) if len(c) > 1]
    back = [(f, t) for f, ts in edges.items() for t in ts
            if floor(f) is not None and floor(t) is not None and floor(t) < floor(f)]
    print(f"rooms: {len(rooms)} files; imports between them: {n_edges}")
    print("floors (top to bottom): " + ", ".join(
        f"{name} {sum(1 for f in rooms if floor(f) == i)}" for i, (name, _) in enumerate(FLOORS)))
    print(f"circles: {len(circles)}")
    for c in circles:
        print(f"  {len(c)} files: " + ", ".join(c))
    print(f"imports back up: {len(back)}")
    for f, t in sorted(back):
        print(f"  {f} ({FLOORS[floor(f)][0]}) -> {t} ({FLOORS[floor(t)][0]})")
    if args.edges:
        for f in sorted(edges):
            for t in sorted(edges[f]):
                print(f"{f} -> {t}")


if __name__ == "__main__":
    main()
