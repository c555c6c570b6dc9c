#!/usr/bin/env python3
"""Checks manifests against tunnelform.schema.json with an independent validator.

usage: check_schema.py SCHEMA VALID_DIR INVALID_DIR
Every document under VALID_DIR must validate; every file under INVALID_DIR must hold at least
one document that does not. Exits 1 on any disagreement.
"""
import json
import pathlib
import sys

import jsonschema
import yaml


def documents(path):
    with open(path, encoding="utf-8") as handle:
        return [doc for doc in yaml.safe_load_all(handle) if doc is not None]


def main():
    schema_path, valid_dir, invalid_dir = sys.argv[1:4]
    schema = json.loads(pathlib.Path(schema_path).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    failures = []

    valid = sorted(pathlib.Path(valid_dir).rglob("*.yaml"))
    for path in valid:
        for doc in documents(path):
            for error in validator.iter_errors(doc):
                failures.append(f"{path}: valid manifest rejected: {error.message}")

    invalid = sorted(pathlib.Path(invalid_dir).glob("*.yaml"))
    for path in invalid:
        if all(validator.is_valid(doc) for doc in documents(path)):
            failures.append(f"{path}: invalid manifest accepted")

    for failure in failures:
        print(failure)
    print(f"{len(valid)} valid files accepted, {len(invalid)} invalid files rejected" if not failures else "schema check failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
