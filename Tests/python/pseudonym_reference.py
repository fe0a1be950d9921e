#!/usr/bin/env python3
"""Independent reference implementation of safestats pseudonyms (normalisation v1), using only
Python's standard library (hashlib, hmac, unicodedata). It reads a key file and a vector file and
checks every vector: the normalised message and the pseudonym. Exit status 0 if all match.

Usage: pseudonym_reference.py KEY_FILE VECTORS_JSON
"""
import base64
import hashlib
import hmac
import json
import sys
import unicodedata

# Unicode White_Space (the property, as Swift's Unicode.Scalar.Properties.isWhitespace uses).
WHITE_SPACE = set(map(chr, [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B),
                            0x2028, 0x2029, 0x202F, 0x205F, 0x3000]))
DASHES = set(map(chr, [0x2D, *range(0x2010, 0x2016), 0x2212])) | {".", "/"}


def text(s):
    s = unicodedata.normalize("NFKC", s)
    out, pending = [], False
    for c in s:
        if c in WHITE_SPACE:
            pending = True
            continue
        if pending and out:
            out.append(" ")
        pending = False
        out.append(c)
    return "".join(out)


def name(s):
    return text(s).replace("\u0130", "I").replace("\u0131", "I").upper()


def identifier(s):
    return "".join(c for c in name(s) if c not in WHITE_SPACE and c not in DASHES)


def reference(s):
    s = unicodedata.normalize("NFKC", s)
    start, end = 0, len(s)
    while start < end and s[start] in WHITE_SPACE:
        start += 1
    while end > start and s[end - 1] in WHITE_SPACE:
        end -= 1
    return s[start:end]


def subkey(master, subkey_id):
    # crypto_kdf_derive_from_key: BLAKE2b-256 keyed with the master key, salt = subkey id (LE64) + 8 zero
    # bytes, personal = context (8 bytes) + 8 zero bytes.
    return hashlib.blake2b(b"", digest_size=32, key=master, salt=subkey_id.to_bytes(8, "little") + bytes(8),
                           person=b"SSPSEUDO" + bytes(8)).digest()


def message(v):
    kind, i = v["kind"], v["input"]
    if kind == "nid":
        return 1, "nid:" + identifier(i["national_id"])
    if kind == "passport":
        return 1, "pp:" + identifier(i["passport_country"]) + ":" + identifier(i["passport_number"])
    if kind == "name-dob":
        return 1, "name-dob:" + name(i["family_name"]) + "|" + name(i["given_name"]) + "|" + i["date_of_birth"]
    if kind == "case":
        return 2, "case:" + reference(i["case_id"])
    if kind == "record":
        return 3, "record:" + i["kind"] + ":" + reference(i["record_id"])
    raise ValueError(kind)


def main():
    key_file = json.load(open(sys.argv[1], encoding="utf-8"))
    master = base64.b64decode(key_file["key"])
    assert hashlib.blake2b(master, digest_size=32).digest()[:8].hex() == key_file["key_id"], "key_id mismatch"
    vectors = json.load(open(sys.argv[2], encoding="utf-8"))["vectors"]
    failures = 0
    for v in vectors:
        sub, msg = message(v)
        pid = hmac.new(subkey(master, sub), msg.encode("utf-8"), hashlib.sha256).digest()[:16].hex()
        if msg != v["message"] or pid != v["pseudonym"]:
            failures += 1
            print(f"MISMATCH {v['kind']}: message {msg!r} vs {v['message']!r}, pseudonym {pid} vs {v['pseudonym']}")
    print(f"{len(vectors) - failures} passed, {failures} failed")
    sys.exit(1 if failures or not vectors else 0)


if __name__ == "__main__":
    main()
