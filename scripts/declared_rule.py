"""Holds a safestats bundle of tables to the rule it declares, with Python's standard library only
(used by check-certificate; no safestats code). An audit of tables.json means what the recipient
was promised only if tables.json states the rule and the relations the bundle's profile implies,
and if what recipients read (tables.csv, tables.xlsx) is what tables.json says. Checked here:

- manifest.json (version 2) names the profile's SHA-256 and every table's rule; profile.json is in
  the bundle with that SHA-256, id and version;
- every table's rule in the manifest is at least the profile's (threshold, protection_width; a
  table's own, else the profile's, else 5; the width defaults to the threshold), and tables.json
  states each table's rule as the manifest does; every cell's rule is at least that of every table
  it is in;
- every table is a full cube over the categories it shows (all of them, when the profile lists a
  dimension's categories), and for each of its cells at a total, the relation that sums it along
  the first dimension at its total (in the table's order of dimensions) is declared exactly;
- tables.csv: each row, found by its table, period and category labels (the profile's), shows its
  cell's value (or [c]) and status, every cell of every table once, in the profile's table order;
- tables.xlsx: its "Long format" sheet holds the rows of tables.csv (values as numbers), and each
  table's sheet shows that table's values: every non-zero value and every [c] exactly as often as
  the table holds it (rows of published zeros are left out there).

Not checked here (safestats verify makes tables.csv and tables.xlsx again byte for byte, and the
whole cell universe from the profile): the relations through hierarchy levels and filter
categories that lie outside the tables, the order of rows within a table, the position of a value
in a table's sheet, and labels beyond those needed to find a row's cell."""
import csv
import hashlib
import io
import json
import os
import re
import zipfile
from xml.etree import ElementTree


class Unusable(Exception):
    pass


def _read(bundle, name):
    try:
        with open(os.path.join(bundle, name), "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise Unusable(f"{os.path.join(bundle, name)} is missing")


def _json(bundle, name):
    try:
        return json.loads(_read(bundle, name).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise Unusable(f"{os.path.join(bundle, name)} cannot be read as JSON ({e.__class__.__name__})")


def _profile_rules(profile):
    """Table id (profile/table) -> (threshold, width) as the profile declares them."""
    top_t, top_w = profile.get("threshold"), profile.get("protection_width")
    shared_t = top_t if top_t is not None else 5
    shared_w = top_w if top_w is not None else shared_t
    rules = {}
    for t in profile["tables"]:
        threshold = t.get("threshold", shared_t)
        width = t.get("protection_width", shared_w if t.get("threshold") is None else threshold)
        rules[profile["id"] + "/" + t["id"]] = (threshold, width)
    return rules


def failures(bundle):
    """What is wrong with the declared rule of the bundle directory `bundle`: a list of messages."""
    manifest = _json(bundle, "manifest.json")
    if "extract" in manifest:
        return []
    found = []
    digest, rules = manifest.get("profile", {}).get("sha256"), manifest.get("table_rules")
    if manifest.get("version", 1) < 2 or digest is None or rules is None:
        return ["manifest.json does not name the profile's SHA-256 and every table's rule: the bundle cannot be held to its rule"]
    profile_bytes = _read(bundle, "profile.json")
    if hashlib.sha256(profile_bytes).hexdigest() != digest:
        found.append("profile.json is not the profile the manifest names (SHA-256 differs)")
    profile = json.loads(profile_bytes.decode("utf-8"))
    if (profile.get("id"), profile.get("version")) != (manifest["profile"]["id"], manifest["profile"]["version"]):
        found.append("profile.json is not the profile the manifest names (id or version differs)")
    tables = _json(bundle, "tables.json")
    cells = tables["cells"]
    declared = {r["table"]: (r["threshold"], r["protection_width"]) for r in rules}
    for table_id, (threshold, width) in _profile_rules(profile).items():
        if table_id not in declared:
            found.append(f"the manifest names no rule for table {table_id}")
        elif declared[table_id][0] < threshold or declared[table_id][1] < width:
            found.append(f"table {table_id}: the manifest's threshold {declared[table_id][0]} and width {declared[table_id][1]} "
                         f"are below the profile's {threshold} and {width}")
    strictest = {}
    for t in tables["tables"]:
        if declared.get(t["id"]) != (t["threshold"], t["protection_width"]):
            found.append(f"table {t['id']} ({t['period']}): tables.json states threshold {t['threshold']} and width "
                         f"{t['protection_width']}, not the manifest's rule")
        for c in t["cells"]:
            a, b = strictest.get(c, (0, 0))
            strictest[c] = (max(a, t["threshold"]), max(b, t["protection_width"]))
    for c, (threshold, width) in sorted(strictest.items()):
        if cells[c]["threshold"] < threshold or cells[c]["protection_width"] < width:
            found.append(f"cell {c}: threshold {cells[c]['threshold']} and width {cells[c]['protection_width']} are below its tables'")
    found += _relation_failures(tables, profile)
    csv_rows, csv_found = _csv_failures(bundle, tables, profile, manifest)
    found += csv_found
    if csv_rows is not None:
        found += _workbook_failures(bundle, tables, profile, manifest, csv_rows)
    return found


def _relation_failures(tables, profile):
    found = []
    cells = tables["cells"]
    declared = {(r["total"], tuple(sorted(r["parts"]))) for r in tables["relations"]}
    listed = {name: {c["code"] for c in d["categories"]} for name, d in profile.get("dimensions", {}).items() if d.get("categories")}
    missing = 0
    for t in tables["tables"]:
        dims = t["dimensions"]
        by_key = {}
        for c in t["cells"]:
            key = tuple(cells[c]["categories"].get(d) for d in dims)
            if key in by_key or any(cells[c]["categories"].get(k) != v for k, v in t["filter"].items()):
                found.append(f"table {t['id']} ({t['period']}): cell {c} is not one of a cube's cells")
            by_key[key] = c
        shown = [sorted({k[i] for k in by_key if k[i] is not None}) for i in range(len(dims))]
        size = 1
        for i, d in enumerate(dims):
            size *= len(shown[i]) + 1
            if d in listed and set(shown[i]) != listed[d]:
                found.append(f"table {t['id']} ({t['period']}): shows other categories of {d} than the profile lists")
        if size != len(by_key):
            found.append(f"table {t['id']} ({t['period']}): {len(by_key)} cells, not the full cube of {size}")
            continue
        for key, c in by_key.items():
            at_total = [i for i, v in enumerate(key) if v is None]
            if not at_total:
                continue
            i = at_total[0]
            parts = tuple(sorted(by_key[key[:i] + (v,) + key[i + 1:]] for v in shown[i]))
            if (c, parts) not in declared:
                missing += 1
    if missing:
        found.append(f"{missing} relations the tables' margins imply are not declared in tables.json")
    return found


def _reverse_labels(profile, dimension):
    d = profile.get("dimensions", {}).get(dimension, {})
    labels = {c["label"]: c["code"] for c in d.get("categories") or []}
    labels.update({label: code for code, label in (d.get("labels") or {}).items()})
    return d.get("total", "Total"), labels


def _ordered_tables(tables, profile, manifest):
    periods = [p["start"] + ".." + p["end"] for p in manifest["periods"]]
    by = {(t["id"], t["period"]): t for t in tables["tables"]}
    out = []
    for pt in profile["tables"]:
        for p in periods:
            match = [t for (tid, tp), t in by.items() if tid == profile["id"] + "/" + pt["id"] and _same_period(tp, p)]
            out += [(pt, m) for m in match]
    return out


def _same_period(text, start_end):
    """Whether tables.json's period text (2023, 2023-Q1, 2023-04, or start..end) is start..end."""
    start, end = start_end.split("..")
    if text == start_end:
        return True
    if re.fullmatch(r"\d{4}", text):
        return (start, end) == (f"{text}-01-01", f"{text}-12-31")
    q = re.fullmatch(r"(\d{4})-Q([1-4])", text)
    if q:
        first = 3 * int(q.group(2)) - 2
        return start == f"{q.group(1)}-{first:02d}-01" and end[:7] == f"{q.group(1)}-{first + 2:02d}"
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    return bool(m) and start == f"{text}-01" and end[:7] == text


def _csv_failures(bundle, tables, profile, manifest):
    """The rows of tables.csv (or None when unusable) and what is wrong with them."""
    try:
        rows = list(csv.reader(io.StringIO(_read(bundle, "tables.csv").decode("utf-8"), newline="")))
    except (UnicodeDecodeError, csv.Error):
        return None, ["tables.csv is not UTF-8 CSV"]
    columns = profile["csv_columns"]
    if not rows or rows[0] != [c["name"] for c in columns]:
        return None, ["tables.csv does not have the profile's columns"]
    cells = tables["cells"]
    content = [c["content"] for c in columns]
    bound = {c["dimension"] for c in columns if c["content"] == "dimension"}
    found, r = [], 1
    for pt, t in _ordered_tables(tables, profile, manifest):
        wanted = {}
        for c in t["cells"]:
            wanted[tuple(sorted(cells[c]["categories"].items()))] = c
        breakdown = [d for d in t["dimensions"] if d not in bound]
        for _ in t["cells"]:
            if r >= len(rows) or len(rows[r]) != len(columns):
                found.append(f"tables.csv: line {r + 1}: missing, or not one value per column")
                return rows, found
            row = rows[r]
            categories = dict(t["filter"])
            problem = None
            if "table" in content and row[content.index("table")] != pt["id"]:
                problem = f"is not a row of table {pt['id']}"
            for k, column in enumerate(columns):
                if column["content"] == "dimension" and column["dimension"] in t["dimensions"]:
                    total, labels = _reverse_labels(profile, column["dimension"])
                    if row[k] != total:
                        categories[column["dimension"]] = labels.get(row[k], row[k])
                if column["content"] == "breakdown_category" and breakdown:
                    parts = row[k].split(" × ")
                    if len(parts) != len(breakdown):
                        problem = "does not name one category per dimension of its breakdown"
                        continue
                    for d, label in zip(breakdown, parts):
                        total, labels = _reverse_labels(profile, d)
                        if label != total:
                            categories[d] = labels.get(label, label)
            cell = wanted.pop(tuple(sorted(categories.items())), None)
            if problem is None and cell is None:
                problem = "names no cell of its table that an earlier row did not"
            if problem is None:
                value = cells[cell]["value"]
                shown = row[content.index("value")] if "value" in content else None
                if shown is not None and shown != ("[c]" if value is None else str(value)):
                    problem = f"shows another value than tables.json's cell {cell}"
                if "status" in content and row[content.index("status")] != ("suppressed" if value is None else "published"):
                    problem = f"shows another status than tables.json's cell {cell}"
            if problem:
                found.append(f"tables.csv: line {r + 1} {problem}")
            r += 1
    if r != len(rows):
        found.append(f"tables.csv: {len(rows) - r} rows beyond the cells of the tables")
    return rows, found


def _sheets(data):
    """Sheet name -> rows (lists of text; numbers as their digits) of an .xlsx."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
          "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
    z = zipfile.ZipFile(io.BytesIO(data))
    workbook = ElementTree.fromstring(z.read("xl/workbook.xml"))
    rels = {r.get("Id"): r.get("Target") for r in ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels")).findall("p:Relationship", ns)}
    out = []
    for sheet in workbook.find("m:sheets", ns).findall("m:sheet", ns):
        root = ElementTree.fromstring(z.read("xl/" + rels[sheet.get("{%s}id" % ns["r"])]))
        rows = []
        for row in root.iter("{%s}row" % ns["m"]):
            values = []
            for c in row.findall("m:c", ns):
                if c.get("t") == "inlineStr":
                    values.append(("text", "".join(t.text or "" for t in c.iter("{%s}t" % ns["m"]))))
                else:
                    values.append(("number", c.findtext("m:v", default="", namespaces=ns)))
            rows.append(values)
        out.append((sheet.get("name"), rows))
    return out


def _workbook_failures(bundle, tables, profile, manifest, csv_rows):
    try:
        sheets = _sheets(_read(bundle, "tables.xlsx"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, AttributeError):
        return ["tables.xlsx is not a workbook safestats writes"]
    found = []
    long = [rows for name, rows in sheets if name == "Long format"]
    if len(long) != 1 or [[v for _, v in row] for row in long[0]] != csv_rows:
        found.append("tables.xlsx: its Long format sheet does not hold the rows of tables.csv")
    cells = tables["cells"]
    ordered = _ordered_tables(tables, profile, manifest)
    grids = [rows for name, rows in sheets if name not in ("Parameters", "Long format")]
    if len(grids) != len(ordered):
        return found + [f"tables.xlsx: {len(grids)} table sheets for {len(ordered)} tables"]
    for (pt, t), rows in zip(ordered, grids):
        labels = 0 if not t["dimensions"] else len(t["dimensions"]) - 1
        header = next((k for k, row in enumerate(rows) if k >= 1 and len(row) > 1 or (not t["dimensions"] and row == [("text", "Total")])), None)
        shown = []
        for row in rows[header + 1:] if header is not None else []:
            if len(row) <= labels or row[0][1].startswith("[c]:"):
                continue
            shown += ["[c]" if kind == "text" else value for kind, value in row[labels:]]
        held = ["[c]" if cells[c]["value"] is None else str(cells[c]["value"]) for c in t["cells"]]
        for value in set(shown) | set(held):
            if value == "0":
                ok = shown.count(value) <= held.count(value)
            else:
                ok = shown.count(value) == held.count(value)
            if not ok:
                found.append(f"tables.xlsx: the sheet of table {t['id']} ({t['period']}) does not show the values of tables.json")
                break
    return found
