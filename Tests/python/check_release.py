"""Checks a published release (tables.json) and its audit (audit.json) independently of safestats:
JSON Schemas (jsonschema), relations that add up, no small published count, and the attacker's
interval of a sample of hidden cells recomputed with scipy.optimize.linprog.

usage: check_release.py TABLES_JSON AUDIT_JSON SCHEMA_DIR [SAMPLE]
Prints "ok" and exits 0, or prints each failure and exits 1."""
import json
import sys

import jsonschema
import numpy as np
from scipy.optimize import linprog
from scipy.sparse import lil_matrix

tables_path, audit_path, schemas = sys.argv[1:4]
sample = int(sys.argv[4]) if len(sys.argv) > 4 else 40
tables = json.load(open(tables_path))
audit = json.load(open(audit_path))
jsonschema.validate(tables, json.load(open(schemas + "/published-tables.schema.json")))
jsonschema.validate(audit, json.load(open(schemas + "/audit.schema.json")))
failures = []

cells = tables["cells"]
if [c["id"] for c in cells] != list(range(len(cells))):
    failures.append("cell ids are not 0, 1, 2, ...")
value = [c["value"] for c in cells]
hidden = [i for i, v in enumerate(value) if v is None]
for c in cells:
    if c["value"] is not None and 1 <= c["value"] < c["threshold"]:
        failures.append(f"cell {c['id']}: small count published")
for r in tables["relations"]:
    members = [r["total"]] + r["parts"]
    if all(value[m] is not None for m in members) and value[r["total"]] != sum(value[p] for p in r["parts"]):
        failures.append(f"relation {r}: does not add up")

entries = {e["cell"]: e for e in audit["intervals"]}
if sorted(entries) != hidden:
    failures.append("audit.json does not list exactly the hidden cells")

# The attacker's program: hidden cells are variables >= 0; each relation sum(parts) - total = 0
# with published cells moved to the right-hand side.
column = {c: k for k, c in enumerate(hidden)}
rows = []
for r in tables["relations"]:
    coefficients, rhs = {}, 0.0
    for cell, sign in [(p, 1.0) for p in r["parts"]] + [(r["total"], -1.0)]:
        if value[cell] is None:
            coefficients[column[cell]] = coefficients.get(column[cell], 0.0) + sign
        else:
            rhs -= sign * value[cell]
    coefficients = {k: v for k, v in coefficients.items() if v != 0}
    if coefficients:
        rows.append((coefficients, rhs))
A = lil_matrix((len(rows), len(hidden)))
b = np.zeros(len(rows))
for i, (coefficients, rhs) in enumerate(rows):
    for k, v in coefficients.items():
        A[i, k] = v
    b[i] = rhs
A = A.tocsr()
step = max(1, len(hidden) // sample)
checked = 0
for cell in hidden[::step][:sample]:
    c = np.zeros(len(hidden))
    c[column[cell]] = 1.0
    low = linprog(c, A_eq=A, b_eq=b, bounds=(0, None), method="highs")
    high = linprog(-c, A_eq=A, b_eq=b, bounds=(0, None), method="highs")
    if low.status != 0:
        failures.append(f"cell {cell}: the attacker's program has no minimum ({low.message})")
        continue
    e = entries[cell]
    upper = None if high.status == 3 else -high.fun
    if e["exact"]:
        if abs(low.fun - e["lower"]) > 1e-5:
            failures.append(f"cell {cell}: lower {e['lower']} but scipy finds {low.fun}")
        if (upper is None) != (e["upper"] is None) or (upper is not None and abs(upper - e["upper"]) > 1e-5):
            failures.append(f"cell {cell}: upper {e['upper']} but scipy finds {upper}")
    else:
        # Every value from lower to upper must be possible: within the exact bounds.
        if low.fun > e["lower"] + 1e-5 or (upper is not None and upper < e["upper"] - 1e-5):
            failures.append(f"cell {cell}: [{e['lower']}, {e['upper']}] is not within scipy's [{low.fun}, {upper}]")
    checked += 1

for cell, e in entries.items():
    width = (e["upper"] if e["upper"] is not None else float("inf")) - e["lower"]
    upper = e["upper"] if e["upper"] is not None else float("inf")
    narrow = width + 1e-9 < cells[cell]["protection_width"] and e["lower"] < cells[cell]["threshold"] - 1e-9 and upper >= 1 - 1e-9
    if not e["exact"] and narrow:
        failures.append(f"cell {cell}: an inexact range must show the cell wide enough or never small")
    if narrow != e["narrow"]:
        failures.append(f"cell {cell}: narrow is {e['narrow']} but the interval says {narrow}")
if audit["passed"] != (not any(e["narrow"] for e in entries.values()) and not audit["small_published"]):
    failures.append("passed does not follow from the intervals")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"ok: {len(cells)} cells, {len(hidden)} hidden, {checked} intervals recomputed with scipy")
