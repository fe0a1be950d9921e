"""An attacker's (or a careless producer's) tool, written from the bundle format alone: after files of
a bundle were edited, make its manifest, SHA256SUMS and every signature consistent again with a
signing key, using Debian's minisign. Whatever verify still finds wrong afterwards is found in the
content, not in the seals.

usage: resign_bundle.py BUNDLE_DIR SECRET_KEY [--drop FILE ...]

Every file the manifest lists gets its size and SHA-256 again (FILE given with --drop is removed
from the bundle and the manifest); the manifest's profile.sha256 follows profile.json; the bundle
id, SHA256SUMS and each .minisig (trusted comment as safestats writes it) are made anew."""
import hashlib
import json
import os
import subprocess
import sys
import time


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    bundle, key = argv[1], argv[2]
    drop = set(argv[argv.index("--drop") + 1:]) if "--drop" in argv else set()
    for name in drop:
        for path in (os.path.join(bundle, name), os.path.join(bundle, name + ".minisig")):
            if os.path.exists(path):
                os.remove(path)
    manifest_path = os.path.join(bundle, "manifest.json")
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    manifest["files"] = [
        {"name": f["name"], "size": os.path.getsize(os.path.join(bundle, f["name"])), "sha256": sha256(os.path.join(bundle, f["name"]))}
        for f in manifest["files"] if f["name"] not in drop
    ]
    if os.path.exists(os.path.join(bundle, "profile.json")) and "sha256" in manifest.get("profile", {}):
        manifest["profile"]["sha256"] = sha256(os.path.join(bundle, "profile.json"))
    period = manifest["period"]["start"] + ".." + manifest["period"]["end"]
    text = "\n".join([manifest["recipient"], period] + [f"{f['name']} {f['size']} {f['sha256']}" for f in manifest["files"]]) + "\n"
    manifest["bundle_id"] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    with open(manifest_path, "w", encoding="utf-8") as f:
        f.write(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    sums = "".join(f"{f['sha256']}  {f['name']}\n" for f in manifest["files"]) + f"{sha256(manifest_path)}  manifest.json\n"
    with open(os.path.join(bundle, "SHA256SUMS"), "w", encoding="utf-8") as f:
        f.write(sums)
    key_id = manifest["signing_key_id"]
    stamp = int(time.time())
    for name in [f["name"] for f in manifest["files"]] + ["manifest.json", "SHA256SUMS"]:
        fields = [f"timestamp:{stamp}", f"file:{name}", f"recipient:{manifest['recipient']}", f"period:{period}",
                  f"bundle:{manifest['bundle_id']}", f"key:{key_id}"]
        if manifest.get("example_signing_key"):
            fields.append("example_key:yes")
        path = os.path.join(bundle, name)
        os.remove(path + ".minisig")
        subprocess.run(["minisign", "-S", "-s", key, "-m", path, "-x", path + ".minisig", "-t", "\t".join(fields),
                        "-c", f"signature from safestats signing key {key_id}"], check=True, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
