"""Checks a safestats record extract bundle independently of safestats: manifest.json and loss.json
against their JSON Schemas, every listed file's size and SHA-256 (hashlib), SHA256SUMS, that the
bundle holds exactly those files (and a .minisig of each when signed), and, with pycanon, the k of
k-anonymity and the l of distinct l-diversity of extract.csv against what the manifest promises and
loss.json states.

usage: check_extract.py BUNDLE_DIR SCHEMA_DIR
Prints "ok: k=K l=L rows=N" and exits 0, or prints each failure and exits 1."""
import json
import os
import sys
import warnings

import jsonschema
import pandas as pd
from pycanon import anonymity

import bundle_files

warnings.simplefilter("error")
bundle, schemas = sys.argv[1:3]
failures = []

read = bundle_files.read

manifest = json.loads(read(bundle, "manifest.json"))
jsonschema.validate(manifest, json.loads(read(schemas, "manifest.schema.json")))
loss = json.loads(read(bundle, "loss.json"))
jsonschema.validate(loss, json.loads(read(schemas, "extract-loss.schema.json")))
listed = [f["name"] for f in manifest["files"]]
if listed != ["extract.csv", "loss.json", "report.html"]:
    failures.append(f"the manifest lists {listed}")
failures += bundle_files.failures(bundle, manifest)

promise = manifest["extract"]
qi, sa = promise["quasi_identifiers"], promise["sensitive_attributes"]
rows = pd.read_csv(os.path.join(bundle, "extract.csv"), dtype=str, keep_default_na=False)
if list(rows.columns) != qi + ["identification_status", "exploitation_forms"]:
    failures.append(f"extract.csv has the columns {list(rows.columns)}")
if len(rows) != promise["rows"] or len(rows) != loss["rows"] or loss["victims"] != loss["rows"] + loss["records_dropped"]:
    failures.append(f"extract.csv has {len(rows)} rows; the manifest says {promise['rows']}, loss.json {loss['rows']} of {loss['victims']}")
k = anonymity.k_anonymity(rows, qi)
l = anonymity.l_diversity(rows, qi, sa)
if k < promise["k"] or l < promise["l"]:
    failures.append(f"pycanon finds k={k} and l={l}; the manifest promises k={promise['k']} and l={promise['l']}")
if (k, l) != (loss["achieved"]["k"], loss["achieved"]["l"]):
    failures.append(f"pycanon finds k={k} and l={l}; loss.json says k={loss['achieved']['k']} and l={loss['achieved']['l']}")
if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"ok: k={k} l={l} rows={len(rows)}")
