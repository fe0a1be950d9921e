"""Reads a bundle's tables.xlsx with openpyxl and compares every value with tables.csv and tables.json.

Usage: check_workbook.py BUNDLE_DIR
- the long-format sheet holds tables.csv cell for cell (numbers as numbers);
- each table sheet (in the order of tables.json) shows the table's values: every value of its grid
  is one of the table's cells in tables.json ([c] for a hidden one), and the cells it leaves out
  are published zeros (rows of zeros are left out, as in report.html);
- the parameters sheet names the period and says when a key is an example.
Prints "ok: ..." or fails with a message.
"""
import collections, csv, json, sys, warnings
import openpyxl

bundle = sys.argv[1]
with warnings.catch_warnings():
    warnings.simplefilter("error")  # a workbook openpyxl has to repair is a failure
    wb = openpyxl.load_workbook(bundle + "/tables.xlsx")
tables = json.load(open(bundle + "/tables.json"))
rows = list(csv.reader(open(bundle + "/tables.csv", newline="", encoding="utf-8")))

def text(v):
    return "" if v is None else str(v)

assert wb.sheetnames[0] == "Parameters" and wb.sheetnames[-1] == "Long format", wb.sheetnames
long = [[text(v) for v in r] for r in wb["Long format"].iter_rows(values_only=True)]
assert long == rows, "the long-format sheet differs from tables.csv"
for r in wb["Long format"].iter_rows(min_row=2, values_only=True):
    assert any(isinstance(v, int) for v in r) or "[c]" in r, r  # values are numbers, or the mark

sheets = wb.sheetnames[1:-1]
assert len(sheets) == len(tables["tables"]), (len(sheets), len(tables["tables"]))
# The workbook lists each table for each period in turn; tables.json each period's tables in turn.
ids = list(dict.fromkeys(t["id"] for t in tables["tables"]))
periods = list(dict.fromkeys(t["period"] for t in tables["tables"]))
ordered = sorted(tables["tables"], key=lambda t: (ids.index(t["id"]), periods.index(t["period"])))
compared = 0
for name, table in zip(sheets, ordered):
    assert table["id"].split("/", 1)[1].startswith(name.split(" ")[0].split("~")[0]), (name, table["id"])
    grid = [list(r) for r in wb[name].iter_rows(values_only=True)]
    blank = [i for i, r in enumerate(grid) if all(v is None for v in r)]
    body = grid[blank[0] + 2:blank[1]]  # after the blank row: the header, the rows, a blank row
    labels = max(0, len(table["dimensions"]) - 1)
    shown = collections.Counter(v for r in body for v in r[labels:] if v is not None)
    expected = collections.Counter("[c]" if tables["cells"][c]["value"] is None else tables["cells"][c]["value"] for c in table["cells"])
    missing = expected - shown
    assert not (shown - expected), (name, shown - expected)
    assert set(missing) <= {0}, (name, missing)
    compared += sum(shown.values())

parameters = [[text(v) for v in r] for r in wb["Parameters"].iter_rows(values_only=True)]
manifest = json.load(open(bundle + "/manifest.json"))
flat = " ".join(" ".join(r) for r in parameters)
assert manifest["pseudonymisation_key_id"] in flat, "the parameters do not name the pseudonymisation key"
if manifest.get("example_key"):
    assert "EXAMPLE pseudonymisation key" in flat, "no example-key warning"
print(f"ok: {len(sheets)} table sheets, {compared} values compared with tables.json, {len(rows) - 1} long-format rows")
