#!/usr/bin/env python3
"""Validates JSON Lines files against safestats' JSON Schemas with the jsonschema package and prints,
as JSON, the 1-based line numbers of the invalid lines of each file. Lines that are not JSON
objects count as invalid; blank lines are skipped, as safestats does.

KIND is a schema's name: victims, cases, offenders for records, profile for recipient profiles (one
profile a line; ProfileSchemaTests compares these verdicts with the Swift check of profiles). Python's
re lets a pattern's $ match before a last line break, where ECMA-262 (and safestats) does not.

Usage: schema_verdicts.py SCHEMA_DIR KIND=FILE [KIND=FILE ...]
"""
import glob
import json
import os
import sys

import jsonschema
from referencing import Registry, Resource


def main():
    schema_dir = sys.argv[1]
    registry = Registry()
    schemas = {}
    for path in glob.glob(os.path.join(schema_dir, "*.schema.json")):
        schema = json.load(open(path, encoding="utf-8"))
        registry = registry.with_resource(schema["$id"], Resource.from_contents(schema))
        schemas[os.path.basename(path).split(".")[0]] = schema
    result = {}
    for arg in sys.argv[2:]:
        kind, path = arg.split("=", 1)
        validator = jsonschema.Draft202012Validator(
            schemas[kind], registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        invalid = []
        with open(path, "rb") as f:
            for number, raw in enumerate(f.read().split(b"\n"), start=1):
                if raw.endswith(b"\r"):
                    raw = raw[:-1]
                if not raw.strip(b" \t"):
                    continue
                try:
                    value = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    invalid.append(number)
                    continue
                if not isinstance(value, dict) or not validator.is_valid(value):
                    invalid.append(number)
        result[path] = invalid
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
