#!/usr/bin/env python3
"""Generate schemas/kubespray/releases.json: what tells Kubespray releases apart.

Usage:
    python3 schemas/kubespray/gen_index.py --git-dir DIR > schemas/kubespray/releases.json

DIR is a (bare or normal) git directory of kubernetes-sigs/kubespray.  For every tag from
gen_release.OLDEST_TAG on (patch tags included) and for master, the script records:
  * the commit the ref resolves to and the `version` of galaxy.yml (empty before v2.22.0,
    which has no galaxy.yml);
  * the Kubernetes versions the release can install: the keys of kubelet_checksums["amd64"]
    in the defaults role, or up to v2.23.x in roles/download/defaults (the same files
    gen_release.py reads, defaults_files()), without a leading "v",
    newest first, and whether the release writes them with a leading "v";
  * the FNV-1a 64-bit hash (hex) of every file under inventory/sample/, keyed by the path
    relative to inventory/sample/, each hash mapped to the releases that ship those bytes.

kubegate reads this file only when the user names no release (--kubespray-version): an
inventory's pinned kube_version, or a sample file it copied unchanged, narrows down the
release it was written for.
"""

import argparse
import json
import re
import subprocess
import sys

import yaml

from gen_release import OLDEST_TAG, REPOSITORY, Repo, _Loader, defaults_files, version_key

FIRST_TAG = tuple(int(p) for p in OLDEST_TAG[1:].split("."))  # the profiles' oldest tag
FNV_OFFSET, FNV_PRIME, MASK = 0xCBF29CE484222325, 0x100000001B3, (1 << 64) - 1


def fnv1a64(data):
    h = FNV_OFFSET
    for b in data:
        h = ((h ^ b) * FNV_PRIME) & MASK
    return f"{h:016x}"


def git(git_dir, *args, text=True):
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True,
                          capture_output=True, text=text).stdout


def release_refs(git_dir):
    """Tags vX.Y.Z >= FIRST_TAG, oldest first, then master."""
    tags = []
    for tag in git(git_dir, "tag", "--list", "v*").split():
        m = re.fullmatch(r"v(\d+)\.(\d+)\.(\d+)", tag)
        if m and tuple(map(int, m.groups())) >= FIRST_TAG:
            tags.append(tag)
    return sorted(tags, key=version_key) + ["master"]


def kube_versions(repo):
    """(keys of kubelet_checksums amd64 as written, the file that holds them)."""
    found = None
    for path in defaults_files(repo):
        text = repo._git("show", f"{repo.commit}:{path}")
        if "kubelet_checksums:" not in text:
            continue
        data = yaml.load(text, Loader=_Loader) or {}
        if isinstance(data, dict) and "kubelet_checksums" in data:
            found = ([str(v) for v in data["kubelet_checksums"]["amd64"]], path)
    if found is None:
        sys.exit(f"kubelet_checksums not found at {repo.commit}")
    return found


def sample_hashes(git_dir, commit):
    """Path relative to inventory/sample -> hash of its bytes."""
    out = {}
    for line in git(git_dir, "ls-tree", "-r", commit, "inventory/sample/").splitlines():
        meta, path = line.split("\t", 1)
        if meta.split()[1] != "blob":
            continue
        data = git(git_dir, "cat-file", "blob", meta.split()[2], text=False)
        out[path[len("inventory/sample/"):]] = fnv1a64(data)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--git-dir", required=True)
    args = ap.parse_args()

    releases, samples = [], {}
    for ref in release_refs(args.git_dir):
        repo = Repo(args.git_dir, ref)
        name = ref[1:] if ref.startswith("v") else ref
        # galaxy.yml exists from v2.22.0; older releases record an empty galaxy_version
        galaxy = (yaml.safe_load(repo._git("show", f"{repo.commit}:galaxy.yml"))
                  if "galaxy.yml" in repo.files else {})
        keys, checksums_file = kube_versions(repo)
        plain = sorted({k.lstrip("v") for k in keys}, key=version_key, reverse=True)
        releases.append({
            "release": name, "ref": ref, "commit": repo.commit,
            "galaxy_version": str(galaxy.get("version", "")),
            "checksums_file": checksums_file,
            "kube_version_v_prefix": all(k.startswith("v") for k in keys),
            "kube_versions": plain,
        })
        for path, digest in sample_hashes(args.git_dir, repo.commit).items():
            samples.setdefault(path, {}).setdefault(digest, []).append(name)
        print(f"{ref}: {len(plain)} Kubernetes versions", file=sys.stderr)

    out = {
        "source": {
            "repository": REPOSITORY,
            "refs": [r["ref"] for r in releases],
            "files": "galaxy.yml (version); kubelet_checksums amd64 keys in the defaults role "
                     "(checksums_file of each release); every file under inventory/sample/",
            "hash": "FNV-1a 64-bit of the file's bytes, 16 hex digits",
            "generated_by": "schemas/kubespray/gen_index.py",
        },
        "releases": releases,
        "sample_files": samples,
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
