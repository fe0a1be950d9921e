"""Checks that no identifying value of the input, and no pseudonym, appears in any file of the
bundles: record and case ids, national ids, passport numbers, names and dates of birth of the
identifiable records, and every 32-hex-digit pseudonym of the pseudonymised records.

usage: check_no_identifiers.py RECORDS_DIR PSEUDONYMISED_DIR BUNDLES_DIR
Prints "ok: ..." and exits 0; on a leak prints only which column of which file leaked (never the
value) and exits 1."""
import csv
import os
import re
import sys

records, pseudonymised, bundles = sys.argv[1:4]
identifying = {"victims.csv": ["record_id", "national_id", "passport_number", "given_name", "family_name", "date_of_birth", "case_ids"],
               "offenders.csv": ["record_id", "case_id", "national_id", "passport_number", "given_name", "family_name", "date_of_birth"],
               "cases.csv": ["case_id", "legal_article"]}
values = {}
for name, columns in identifying.items():
    path = os.path.join(records, name)
    if not os.path.exists(path):
        continue
    for row in csv.DictReader(open(path, encoding="utf-8-sig", newline="")):
        for column in columns:
            for item in (row.get(column) or "").split(";"):
                item = item.strip()
                if len(item) >= 4:
                    values[item] = f"{name}:{column}"
for name in os.listdir(pseudonymised):
    text = open(os.path.join(pseudonymised, name), encoding="utf-8").read()
    for pseudonym in re.findall(r"[0-9a-f]{32}", text):
        values[pseudonym] = f"{name}: a pseudonym"

leaks = set()
files = 0
for root, _, names in os.walk(bundles):
    for name in names:
        files += 1
        # Binary files too (the job's SQLite history): their text parts are searched.
        text = open(os.path.join(root, name), "rb").read().decode("utf-8", errors="replace")
        tokens = set(re.findall(r"[^\s,;\"<>:{}\[\]()]+", text))
        for value, where in values.items():
            if value in tokens or (len(value) >= 8 and value in text):
                leaks.add(f"{os.path.relpath(os.path.join(root, name), bundles)} holds a value of {where}")
if leaks:
    print("\n".join(sorted(leaks)))
    sys.exit(1)
print(f"ok: {len(values)} identifying values and pseudonyms, none in {files} files")
