"""Checks a safestats bundle independently of safestats: manifest.json against its JSON Schema,
every listed file's size and SHA-256 (hashlib), SHA256SUMS against the manifest, that the bundle
holds exactly those files (and a .minisig of each when signed), tables.json and audit.json against theirs, and
tables.csv against tables.json: one row per cell of every table, the same values, every hidden
cell shown with the one mark and status "suppressed", nothing else.

usage: check_bundle.py BUNDLE_DIR SCHEMA_DIR
Prints "ok: ..." and exits 0, or prints each failure and exits 1."""
import csv
import json
import os
import sys

import jsonschema

import bundle_files

bundle, schemas = sys.argv[1:3]
failures = []
manifest = json.load(open(os.path.join(bundle, "manifest.json")))
jsonschema.validate(manifest, json.load(open(os.path.join(schemas, "manifest.schema.json"))))
failures += bundle_files.failures(bundle, manifest)

tables = json.load(open(os.path.join(bundle, "tables.json")))
audit = json.load(open(os.path.join(bundle, "audit.json")))
jsonschema.validate(tables, json.load(open(os.path.join(schemas, "published-tables.schema.json"))))
jsonschema.validate(audit, json.load(open(os.path.join(schemas, "audit.schema.json"))))
if not audit["passed"]:
    failures.append("the audit did not pass")

rows = list(csv.reader(open(os.path.join(bundle, "tables.csv"), encoding="utf-8", newline="")))
header, rows = rows[0], rows[1:]
value_at, status_at = header.index("Value"), header.index("Status")
expected = [tables["cells"][c]["value"] for t in tables["tables"] for c in t["cells"]]
if len(rows) != len(expected):
    failures.append(f"tables.csv has {len(rows)} rows, the tables {len(expected)} cells")
if sorted(r[value_at] for r in rows) != sorted("[c]" if v is None else str(v) for v in expected):
    failures.append("tables.csv does not show the values of tables.json")
for r in rows:
    if (r[value_at] == "[c]") != (r[status_at] == "suppressed") or r[status_at] not in ("published", "suppressed"):
        failures.append(f"row {r}: mark and status disagree")
        break
    if r[value_at] != "[c]" and 1 <= int(r[value_at]) < min(c["threshold"] for c in tables["cells"]):
        failures.append(f"row {r}: a small count is shown")
        break

if failures:
    print("\n".join(failures))
    sys.exit(1)
suppressed = sum(1 for r in rows if r[status_at] == "suppressed")
print(f"ok: {len(rows)} rows, {suppressed} suppressed, {len(manifest['files'])} files match the manifest")
