"""An attacker holding every version of every bundle ever sent, written without safestats' solver:
HiGHS (highspy).

usage: attack_versions.py RELEASE_DIR...   (the release directories, oldest first)

Each release directory is one version of the register: its bundles were counted from the register
as it was then. Within a version the model is attack_releases.py's: every period cut into the
atoms all periods of its rule make, each cell the sum of its atoms' counts, every relation a
bundle states holding in each atom of its period, counts real numbers >= 0. Across versions the
attacker knows what the policy tells: a cell that a bundle of an earlier version sent and no
bundle of a later version sends again counts the same there as in the version that last sent it
(bundles whose figures change are revised). Nothing else links
two versions: persons may be added and removed.

Protected: every hidden cell of every version (narrow as in attack_releases.py), and the
difference between two versions of every cell of a bundle sent in both (a revision): narrow when
its interval is narrower than the cell's protection width and holds a difference of 1 .. t-1
persons either way.

Prints "ok: V versions, N cells, H hidden, D differences, none narrow" and exits 0, or lists the
narrow ones (never a value, only an interval's width) and exits 1."""
import json
import os
import sys

import numpy as np
import highspy
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attack_releases import period_atoms  # noqa: E402


def quiet_highs():
    """A HiGHS instance, its banner kept off standard output."""
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    try:
        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    return highs


def bundles_of(release):
    out = []
    for name in sorted(os.listdir(release)):
        path = os.path.join(release, name)
        if os.path.isfile(os.path.join(path, "manifest.json")):
            manifest = json.load(open(os.path.join(path, "manifest.json")))
            identity = (manifest["recipient"], manifest["period"]["start"], manifest["period"]["end"])
            out.append((identity, json.load(open(os.path.join(path, "tables.json")))))
    return out


def main():
    releases = sys.argv[1:]
    if not releases:
        sys.exit(__doc__)
    versions = [bundles_of(r) for r in releases]
    cells = {}  # (version, base, period) -> {"value", "threshold", "width"}
    relations = []  # (version, period, total base, [part bases])
    tables_of = {}  # (version, identity) -> set of (base, period)
    for v, bundles in enumerate(versions):
        for identity, doc in bundles:
            keys = []
            mine = tables_of.setdefault((v, identity), set())
            for c in doc["cells"]:
                base = (c["population"], c["period_rule"], tuple(sorted(c["categories"].items())))
                key = (v, base, c["period"])
                keys.append(key)
                mine.add((base, c["period"]))
                known = cells.setdefault(key, {"value": None, "threshold": 0, "width": 0})
                if c["value"] is not None:
                    if known["value"] is not None and known["value"] != c["value"]:
                        print(f"inconsistent: one cell published with two values in version {v}")
                        sys.exit(1)
                    known["value"] = c["value"]
                known["threshold"] = max(known["threshold"], c["threshold"])
                known["width"] = max(known["width"], c["protection_width"])
            for r in doc["relations"]:
                total, parts = keys[r["total"]], [keys[p] for p in r["parts"]]
                if any(p[2] != total[2] for p in parts):
                    continue  # between periods: the atoms state it
                relations.append((v, total[2], total[1], [p[1] for p in parts]))

    atoms = period_atoms((base[1], period) for (_, base, period) in cells)

    # A cell a version does not send again counts there as the version that last sent it: a
    # cell of one atom is one variable (union-find over (version, cell, atom)), a cell of several
    # atoms one sum (an equation below).
    parent = {}

    def find(key):
        root = key
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(key, key) != root:
            parent[key], key = root, parent[key]
        return root

    identities = sorted({identity for (_, identity) in tables_of})
    in_version = [set().union(*[cells for (v, _), cells in tables_of.items() if v == w]) for w in range(len(versions))]
    links = []  # (earlier version, later version, base, period): one count, summed over its atoms
    last = {}
    for w in range(len(versions)):
        for cell in sorted(set(last) - in_version[w]):
            links.append((last[cell], w) + cell)
        for cell in in_version[w]:
            last[cell] = w
    for u, w, base, period in links:
        parts = atoms(base[1], period)
        if len(parts) == 1:
            a, b = find((u, base, parts[0])), find((w, base, parts[0]))
            if a != b:
                parent[b] = a

    variable = {}

    def var(v, base, atom):
        return variable.setdefault(find((v, base, atom)), len(variable))

    rows, cols, data, rhs = [], [], [], []

    def equation(terms, value):
        row = len(rhs)
        for column, coefficient in terms:
            rows.append(row)
            cols.append(column)
            data.append(coefficient)
        rhs.append(value)

    for (v, base, period), c in cells.items():
        members = [var(v, base, atom) for atom in atoms(base[1], period)]
        if c["value"] is not None:
            equation([(m, 1.0) for m in members], float(c["value"]))
    for v, period, total, parts in relations:
        for atom in atoms(total[1], period):
            equation([(var(v, p, atom), 1.0) for p in parts] + [(var(v, total, atom), -1.0)], 0.0)
    for u, w, base, period in links:
        parts = atoms(base[1], period)
        if len(parts) > 1:
            equation([(var(u, base, atom), 1.0) for atom in parts] + [(var(w, base, atom), -1.0) for atom in parts], 0.0)
    n = len(variable)
    A = coo_matrix((data, (rows, cols)), shape=(len(rhs), n)).tocsr()
    b = np.array(rhs)

    # The program falls apart into independent blocks: a sum's bounds add up over its blocks'.
    incidence = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(rhs), n)).tocsr()
    _, block = connected_components(incidence.T @ incidence, directed=False)
    row_block = np.array([block[incidence[r].indices[0]] if incidence[r].nnz else -1 for r in range(len(rhs))])
    programs = {}

    class Program:
        """One block's program in HiGHS, made once: each bound changes the objective only, and
        HiGHS starts from the basis of the one before."""

        def __init__(self, k):
            self.columns = np.flatnonzero(block == k)
            selected = np.flatnonzero(row_block == k)
            matrix = A[selected][:, self.columns].tocsc()
            lp = highspy.HighsLp()
            lp.num_col_, lp.num_row_ = len(self.columns), len(selected)
            lp.col_cost_ = np.zeros(len(self.columns))
            lp.col_lower_ = np.zeros(len(self.columns))
            lp.col_upper_ = np.full(len(self.columns), highspy.kHighsInf)
            lp.row_lower_ = lp.row_upper_ = b[selected]
            lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
            lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = matrix.indptr, matrix.indices, matrix.data
            self.highs = quiet_highs()
            self.highs.passModel(lp)
            self.rows = len(selected)
            self.costed = np.array([], dtype=np.int32)

        def minimum(self, objective):
            """min objective . x, or -inf when unbounded."""
            self.highs.changeColsCost(len(self.costed), self.costed, np.zeros(len(self.costed)))
            self.costed = np.flatnonzero(objective).astype(np.int32)
            self.highs.changeColsCost(len(self.costed), self.costed, objective[self.costed])
            self.highs.run()
            status = self.highs.getModelStatus()
            if status == highspy.HighsModelStatus.kOptimal:
                return self.highs.getInfo().objective_function_value
            if status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
                return -float("inf")
            print(f"the attacker's program has no solution ({self.highs.modelStatusToString(status)}): the bundles contradict one another")
            sys.exit(1)

    def program(k):
        if k not in programs:
            programs[k] = Program(k)
        return programs[k]

    def blocks_of(terms):
        for k in sorted({block[column] for column, _ in terms}):
            p = program(k)
            objective = np.zeros(len(p.columns))
            for column, coefficient in terms:
                if block[column] == k:
                    objective[np.searchsorted(p.columns, column)] += coefficient
            yield p, objective

    def lowest(terms):
        """min of sum(coefficient * variable) over the attacker's program."""
        total = 0.0
        for p, objective in blocks_of(terms):
            total += (-float("inf") if (objective < 0).any() else 0.0) if p.rows == 0 else p.minimum(objective)
        return total

    def highest(terms):
        return -lowest([(column, -coefficient) for column, coefficient in terms])

    narrow = []
    hidden = [(key, c) for key, c in cells.items() if c["value"] is None]
    for (v, base, period), c in hidden:
        terms = [(var(v, base, atom), 1.0) for atom in atoms(base[1], period)]
        low = lowest(terms)
        if low >= c["threshold"] - 1e-6:
            continue  # never a small count, however narrow
        high = highest(terms)
        if high - low + 1e-6 < c["width"] and low < c["threshold"] - 1e-6 and high >= 1 - 1e-6:
            narrow.append(f"version {v}: {base[0]} {base[1]} {period} {dict(base[2])}: interval {high - low:.3f} wide, width {c['width']}")
    differences = 0
    for identity in identities:
        sent_in = [v for v in range(len(versions)) if (v, identity) in tables_of]
        for i, u in enumerate(sent_in):
            for w in sent_in[i + 1:]:
                for base, period in sorted(tables_of[(u, identity)] & tables_of[(w, identity)]):
                    cu, cw = cells[(u, base, period)], cells[(w, base, period)]
                    differences += 1
                    if cu["value"] is not None and cw["value"] is not None:
                        low = high = float(cw["value"] - cu["value"])
                    else:
                        terms = ([(var(w, base, atom), 1.0) for atom in atoms(base[1], period)]
                                 + [(var(u, base, atom), -1.0) for atom in atoms(base[1], period)])
                        low, high = lowest(terms), highest(terms)
                    t, p = max(cu["threshold"], cw["threshold"]), max(cu["width"], cw["width"])
                    small = (low < t - 1e-6 and high >= 1 - 1e-6) or (high > -t + 1e-6 and low <= -1 + 1e-6)
                    if high - low + 1e-6 < p and small:
                        narrow.append(f"versions {u} and {w}: {base[0]} {base[1]} {period} {dict(base[2])}: "
                                      f"difference in an interval {high - low:.3f} wide, width {p}")
    if narrow:
        print(f"{len(narrow)} narrow:")
        print("\n".join(narrow))
        sys.exit(1)
    print(f"ok: {len(versions)} versions, {len(cells)} cells, {len(hidden)} hidden, {differences} differences, none narrow")


if __name__ == "__main__":
    main()
