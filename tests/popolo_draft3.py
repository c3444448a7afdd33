"""Validates `summit-kb export --format popolo` with the official draft-03 Popolo
schemas in tests/popolo-schemas, using Python's jsonschema Draft3Validator.

Usage: python3 tests/popolo_draft3.py EXPORT.json
Exits 1, printing every error, when anything fails to validate; also checks that
the validator rejects a broken record, so that a validator that checks nothing
cannot pass.
"""

import json
import pathlib
import sys

from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

SCHEMAS = pathlib.Path(__file__).parent / "popolo-schemas"
KINDS = {
    "persons": "person",
    "organizations": "organization",
    "posts": "post",
    "memberships": "membership",
    "events": "event",
    "areas": "area",
}


def validators():
    schemas = {}
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        schemas[path.stem] = schema
    registry = Registry().with_resources(
        (s["id"].rstrip("#"), Resource(contents=s, specification=DRAFT3))
        for s in schemas.values()
    )
    return {
        name: Draft3Validator(
            s, registry=registry, format_checker=Draft3Validator.FORMAT_CHECKER
        )
        for name, s in schemas.items()
    }


def main():
    doc = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
    check = validators()
    errors = 0
    for key, items in doc.items():
        if key == "meta":
            continue
        if key not in KINDS:
            print(f"unexpected top-level key {key!r}")
            errors += 1
            continue
        for item in items:
            for error in check[KINDS[key]].iter_errors(item):
                errors += 1
                print(f"{key}/{item.get('id')}: {error.json_path}: {error.message}")
    bad = {"id": "x", "person_id": "p", "start_date": "2019-6", "sources": [{"note": "no url"}]}
    if len(list(check["membership"].iter_errors(bad))) < 2:
        print("the validator accepted a membership with a bad date and a link without url")
        errors += 1
    counts = ", ".join(f"{len(v)} {k}" for k, v in doc.items() if k != "meta")
    print(f"Popolo draft-03: {counts}; {errors} errors")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
