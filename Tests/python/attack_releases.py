"""An attacker holding every bundle ever sent, written without safestats' solver: scipy's HiGHS.

usage: attack_releases.py BUNDLE_DIR...

Cells of all bundles are one cell when they agree on population, period rule, period and
categories. Every period is cut into the atoms that all periods of its rule make (each person or
case is dated once, so a period's count is the sum of its atoms'); each cell is the sum of its
atoms' counts, and every relation a bundle states holds in each atom of its period. Counts are
real numbers >= 0 (the relaxation the audits solve). For each hidden cell the attacker minimises
and maximises it; it is narrow when the interval is narrower than its protection width, its lower
end is below its threshold and its upper end is at least 1 (it could be a small count).

Prints "ok: N cells, H hidden, none narrow over B bundles and A atoms" and exits 0, or lists the
narrow cells (no value of theirs, only their interval's width) and exits 1."""
import datetime as dt
import json
import os
import sys

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


def period_range(text):
    if ".." in text:
        a, b = text.split("..")
        return dt.date.fromisoformat(a), dt.date.fromisoformat(b)
    if "-Q" in text:
        year, q = int(text[:4]), int(text[-1])
        start = dt.date(year, 3 * q - 2, 1)
        end = dt.date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - dt.timedelta(days=1)
        return start, end
    if len(text) == 7:
        year, month = int(text[:4]), int(text[5:])
        return dt.date(year, month, 1), dt.date(year + (month == 12), 1 if month == 12 else month + 1, 1) - dt.timedelta(days=1)
    year = int(text)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def period_atoms(rule_periods):
    """The atoms of each period rule's periods (every period cut at every start and every day after
    an end), as a function (rule, period) -> the atoms of that period, oldest first."""
    ranges = {}
    for rule, period in rule_periods:
        ranges.setdefault(rule, set()).add(period)
    atoms_of_rule = {}
    for rule, periods in ranges.items():
        cuts = set()
        for p in periods:
            a, b = period_range(p)
            cuts.add(a)
            cuts.add(b + dt.timedelta(days=1))
        cuts = sorted(cuts)
        atoms_of_rule[rule] = [(cuts[i], cuts[i + 1] - dt.timedelta(days=1)) for i in range(len(cuts) - 1)]

    def atoms(rule, period):
        a, b = period_range(period)
        return [atom for atom in atoms_of_rule[rule] if a <= atom[0] and atom[1] <= b]

    atoms.count = sum(len(a) for a in atoms_of_rule.values())
    return atoms


def main():
    bundles = sys.argv[1:]
    if not bundles:
        sys.exit(__doc__)
    cells = {}  # key -> {"value", "threshold", "width"}
    relations = []  # (period, total key-without-period, [part keys-without-period], population/rule)
    for bundle in bundles:
        doc = json.load(open(os.path.join(bundle, "tables.json")))
        keys = []
        for c in doc["cells"]:
            base = (c["population"], c["period_rule"], tuple(sorted(c["categories"].items())))
            key = (base, c["period"])
            keys.append(key)
            known = cells.setdefault(key, {"value": None, "threshold": 0, "width": 0})
            if c["value"] is not None:
                if known["value"] is not None and known["value"] != c["value"]:
                    print(f"inconsistent: one cell published with two values in {bundle}")
                    sys.exit(1)
                known["value"] = c["value"]
            known["threshold"] = max(known["threshold"], c["threshold"])
            known["width"] = max(known["width"], c["protection_width"])
        for r in doc["relations"]:
            total = keys[r["total"]]
            parts = [keys[p] for p in r["parts"]]
            if any(p[1] != total[1] for p in parts):
                continue  # a relation between periods (a period of its atoms): the atoms below state it
            relations.append((total[1], total[0], [p[0] for p in parts]))

    atoms = period_atoms((base[1], period) for (base, period) in cells)


    variable = {}


    def var(base, atom):
        return variable.setdefault((base, atom), len(variable))


    rows, cols, data, rhs = [], [], [], []


    def equation(terms, value):
        row = len(rhs)
        for column, coefficient in terms:
            rows.append(row)
            cols.append(column)
            data.append(coefficient)
        rhs.append(value)


    # Each published cell is the sum of its atoms.
    for (base, period), c in cells.items():
        if c["value"] is not None:
            equation([(var(base, atom), 1.0) for atom in atoms(base[1], period)], float(c["value"]))
    # Each relation in each atom of its period.
    for period, total, parts in relations:
        for atom in atoms(total[1], period):
            equation([(var(p, atom), 1.0) for p in parts] + [(var(total, atom), -1.0)], 0.0)
    hidden = [(key, c) for key, c in cells.items() if c["value"] is None]
    for (base, period), _ in hidden:
        for atom in atoms(base[1], period):
            var(base, atom)
    n = len(variable)
    A = coo_matrix((data, (rows, cols)), shape=(len(rhs), n)).tocsr()
    b = np.array(rhs)
    # The program falls apart into independent blocks (variables linked by no equation): each hidden
    # cell's bounds come from its block alone.
    incidence = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(rhs), n)).tocsr()
    _, block = connected_components(incidence.T @ incidence, directed=False)
    row_block = np.array([block[incidence[r].indices[0]] if incidence[r].nnz else -1 for r in range(len(rhs))])
    programs = {}


    def program(k):
        if k not in programs:
            columns = np.flatnonzero(block == k)
            selected = np.flatnonzero(row_block == k)
            programs[k] = (columns, A[selected][:, columns], b[selected])
        return programs[k]


    narrow = []
    for (base, period), c in hidden:
        members = [var(base, atom) for atom in atoms(base[1], period)]
        # Atoms of one cell may fall in different blocks: the cell's bounds add up over them.
        low_total, high_total = 0.0, 0.0
        for k in sorted(set(block[m] for m in members)):
            columns, A_k, b_k = program(k)
            objective = np.isin(columns, members).astype(float)
            if A_k.shape[0] == 0:
                high_total = float("inf")
                continue
            low = linprog(objective, A_eq=A_k, b_eq=b_k, bounds=(0, None), method="highs")
            if low.status != 0:
                print(f"the attacker's program has no solution ({low.message}): the bundles contradict one another")
                sys.exit(1)
            low_total += low.fun
        if low_total >= c["threshold"] - 1e-6:
            continue  # never a small count, however narrow
        for k in sorted(set(block[m] for m in members)):
            columns, A_k, b_k = program(k)
            if A_k.shape[0] == 0:
                continue
            high = linprog(-np.isin(columns, members).astype(float), A_eq=A_k, b_eq=b_k, bounds=(0, None), method="highs")
            high_total += float("inf") if high.status == 3 else -high.fun
        upper = high_total
        if upper - low_total + 1e-6 < c["width"] and low_total < c["threshold"] - 1e-6 and upper >= 1 - 1e-6:
            narrow.append(f"{base[0]} {base[1]} {period} {dict(base[2])}: interval {upper - low_total:.3f} wide, width {c['width']}")
    if narrow:
        print(f"{len(narrow)} narrow cells:")
        print("\n".join(narrow))
        sys.exit(1)
    atom_count = atoms.count
    print(f"ok: {len(cells)} cells, {len(hidden)} hidden, none narrow over {len(bundles)} bundles and {atom_count} atoms")


if __name__ == "__main__":
    main()
