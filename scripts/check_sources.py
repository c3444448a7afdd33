#!/usr/bin/env python3
"""Checks data/ against the verified fact sheets it was entered from.

Every `quote` in data/ must appear verbatim in ../shared/facts/*.md or the seed
article (../shared/seed/), and every source url in data/ must appear in a sheet
(or the seed). White space is folded, since the sheets wrap long lines, and the
sheets' Markdown escapes (\\" \\| \\*) are read as the characters they stand for.

Usage: scripts/check_sources.py [DATA_DIR] [SHARED_DIR]
Exits 0 when everything is found, 1 when something is not, and 0 with a note
when SHARED_DIR does not exist (a clone without ../shared cannot check).
"""
import pathlib
import re
import sys
import tomllib

root = pathlib.Path(__file__).resolve().parent.parent
data = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root / "data"
shared = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else root.parent / "shared"

if not (shared / "facts").is_dir():
    print(f"check_sources: skipped: no fact sheets at {shared / 'facts'}")
    sys.exit(0)


def fold(text):
    return re.sub(r"\s+", " ", text).strip()


def unescape(text):
    return re.sub(r"\\([\"|*_`\\\[\]])", r"\1", text)


texts = [p.read_text(encoding="utf-8") for p in sorted((shared / "facts").glob("*.md"))]
texts += [p.read_text(encoding="utf-8") for p in sorted((shared / "seed").glob("*"))]
corpus = fold("\n".join(texts))
corpus_unescaped = fold(unescape("\n".join(texts)))


def found(needle):
    needle = fold(needle)
    return needle in corpus or needle in corpus_unescaped


def walk(value, path, out):
    """Yields (path, key, text) for every quote and url below `value`."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in ("quote", "url") and isinstance(inner, str):
                out.append((path, key, inner))
            else:
                walk(inner, f"{path}.{key}" if path else key, out)
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            label = inner.get("id") if isinstance(inner, dict) else None
            walk(inner, f"{path}[{label or i}]", out)


missing = []
counts = {"quote": 0, "url": 0}
for file in sorted(data.glob("*.toml")):
    items = []
    walk(tomllib.loads(file.read_text(encoding="utf-8")), "", items)
    for path, key, text in items:
        counts[key] += 1
        if not found(text):
            missing.append(f"{file.name}: {path}: {key} not in the sheets: {text!r}")

for line in missing:
    print(line)
print(
    f"check_sources: {counts['quote']} quotes and {counts['url']} urls checked "
    f"against {len(texts)} sheets: {len(missing)} not found"
)
sys.exit(1 if missing else 0)
