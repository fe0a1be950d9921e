"""What every safestats bundle holds, checked with hashlib: exactly the files its manifest lists,
manifest.json and SHA256SUMS (and a .minisig of each when signed), each listed file's size and
SHA-256, and SHA256SUMS listing them and manifest.json. Shared by check_bundle.py and
check_extract.py."""
import hashlib
import os


def read(directory, name):
    with open(os.path.join(directory, name), "rb") as f:
        return f.read()


def failures(bundle, manifest):
    """What is wrong with the files of `bundle` given its `manifest` (parsed): a list of messages."""
    found = []
    listed = [f["name"] for f in manifest["files"]]
    expected = listed + ["manifest.json", "SHA256SUMS"]
    if "signing_key_id" in manifest:
        expected += [n + ".minisig" for n in expected]
    if sorted(expected) != sorted(os.listdir(bundle)):
        found.append(f"expected {sorted(expected)}, the bundle holds {sorted(os.listdir(bundle))}")
    sums = [f"{f['sha256']}  {f['name']}\n" for f in manifest["files"]]
    sums.append(f"{hashlib.sha256(read(bundle, 'manifest.json')).hexdigest()}  manifest.json\n")
    if read(bundle, "SHA256SUMS").decode("utf-8") != "".join(sums):
        found.append("SHA256SUMS does not list the manifest's files and manifest.json with their SHA-256")
    for f in manifest["files"]:
        data = read(bundle, f["name"])
        if len(data) != f["size"] or hashlib.sha256(data).hexdigest() != f["sha256"]:
            found.append(f"{f['name']}: size or SHA-256 differs from the manifest")
    return found
