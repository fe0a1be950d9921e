#!/usr/bin/env python3
"""The yardstick of `scripts/benchmark`: what a data officer could write in a few lines of pandas and
hashlib. It pseudonymises victims.csv only, with plain upper-casing and trimming instead of
normalisation v1, and no validation, no linkage, no cases or offenders, and nothing written: it does
less than `safestats pseudonymise`, so its CPU time is a floor that safestats should beat.

Usage: baseline-pseudonymise.py KEY_FILE INPUT_DIR
"""
import base64
import hashlib
import hmac
import json
import sys

import pandas as pd


def subkey(master, subkey_id):
    # crypto_kdf_derive_from_key, as Tests/python/pseudonym_reference.py computes it.
    return hashlib.blake2b(b"", digest_size=32, key=master, salt=subkey_id.to_bytes(8, "little") + bytes(8),
                           person=b"SSPSEUDO" + bytes(8)).digest()


def main():
    master = base64.b64decode(json.load(open(sys.argv[1], encoding="utf-8"))["key"])
    person, record = subkey(master, 1), subkey(master, 3)
    victims = pd.read_csv(sys.argv[2] + "/victims.csv", dtype=str, keep_default_na=False)

    def pid(key, message):
        return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()[:16].hex()

    records = [pid(record, "record:victims:" + r.strip()) for r in victims["record_id"]]
    nids = [pid(person, "nid:" + n.strip().upper()) for n in victims["national_id"] if n]
    passports = [pid(person, "pp:" + c.strip().upper() + ":" + n.strip().upper())
                 for c, n in zip(victims["passport_country"], victims["passport_number"]) if c and n]
    names = [pid(person, "name-dob:" + f.strip().upper() + "|" + g.strip().upper() + "|" + d)
             for f, g, d in zip(victims["family_name"], victims["given_name"], victims["date_of_birth"]) if f and g and d]
    print(f"baseline: {len(records)} victim records, {len(nids) + len(passports) + len(names)} identifier pseudonyms")


if __name__ == "__main__":
    main()
