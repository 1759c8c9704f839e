#!/usr/bin/env bash
# Fills one seed folder per fuzz target from the project's own inputs (tests/corpus/, the check
# fixtures checks/*/bad-*/ and good-*/, examples/, tests/kubespray-*), at run time: nothing is
# copied into the repository. Usage: tests/fuzz/seeds.sh [OUT_DIR]   (default build-fuzz/seeds)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/build-fuzz/seeds}"
exec python3 - "$root" "$out" <<'PY'
import hashlib, pathlib, re, shutil, sys

root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
LIMIT = 65536  # larger inputs only slow the fuzzer down
TARGETS = ["ini_hosts", "yaml_hosts", "vars_file", "rke2_config", "rke2_registries", "kubeup_env", "jinja", "lint_tree"]
for t in TARGETS:
    shutil.rmtree(out / t, ignore_errors=True)
    (out / t).mkdir(parents=True)

def seed(target, data):
    """One seed, named by its content's hash (duplicates collapse)."""
    if len(data) <= LIMIT:
        (out / target / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)

fixtures = sorted(p for p in root.glob("checks/*/*") if p.is_dir() and p.name.startswith(("bad-", "good-")))
folders = [root / "tests/corpus", root / "examples", *sorted(root.glob("tests/kubespray-*")), *fixtures]
jinja = set()
for f in (p for d in folders if d.is_dir() for p in d.rglob("*") if p.is_file()):
    rel, name, data = f.relative_to(root).as_posix(), f.name, f.read_bytes()
    if "/group_vars/" in rel or "/host_vars/" in rel:
        seed("vars_file", data)
    elif re.search(r"registries.*\.ya?ml$", name):
        seed("rke2_registries", data)
    elif re.search(r"config.*\.ya?ml$", name) or "/config.yaml.d/" in rel:
        seed("rke2_config", data)
    elif name.endswith(".ini") or name in ("hosts", "inventory"):
        seed("ini_hosts", data)
    elif re.search(r"(hosts|inventory).*\.ya?ml$", name):
        seed("yaml_hosts", data)
    elif name.endswith((".env", ".sh")):
        seed("kubeup_env", data)
    if name.endswith((".yml", ".yaml", ".ini")):  # Jinja: every expression or statement written in a value
        jinja.update(re.findall(rb"\{[{%].*?[}%]\}", data))
for expr in sorted(jinja)[:3000]:
    seed("jinja", expr)

# lint_tree: each fixture or example folder packed as the target reads it (see lint_tree.cpp):
# a layout byte, then the layout's files separated by byte 0x01.
def joined(paths):
    return b"".join(p.read_bytes() for p in sorted(paths))
for d in [*sorted(p for p in (root / "examples").iterdir() if p.is_dir()), *fixtures]:
    files = [p for p in d.rglob("*") if p.is_file()]
    rel = lambda p: p.relative_to(d).as_posix()
    ini = [p for p in files if p.suffix == ".ini" or p.name in ("hosts", "inventory")]
    yml_hosts = [p for p in files if p.suffix in (".yml", ".yaml") and ("hosts" in p.name or "inventory" in p.name)
                 and "group_vars" not in rel(p) and "host_vars" not in rel(p)]
    configs = [p for p in files if p.name == "config.yaml"]
    envs = [p for p in files if p.suffix in (".env", ".sh")]
    if ini or yml_hosts:
        layout, hosts = (b"0", ini[0]) if ini else (b"1", yml_hosts[0])
        gv_all = [p for p in files if rel(p).startswith("group_vars/all")]
        gv_other = [p for p in files if rel(p).startswith("group_vars/") and p not in gv_all]
        host_vars = [p for p in files if rel(p).startswith("host_vars/")][:1]
        parts = [hosts.read_bytes(), joined(gv_all), joined(gv_other), joined(host_vars)]
    elif configs:
        dropins = [p for p in files if "config.yaml.d" in rel(p)][:1]
        registries = [p for p in files if p.name == "registries.yaml"][:1]
        layout, parts = b"2", [configs[0].read_bytes(), joined(dropins), joined(registries)]
    elif envs:
        layout, parts = b"3", [envs[0].read_bytes()]
    else:
        continue
    while len(parts) > 1 and not parts[-1]:
        parts.pop()
    seed("lint_tree", layout + b"\x01".join(parts))

for t in TARGETS:
    print(f"{t:<16} {sum(1 for _ in (out / t).iterdir()):5d} seeds")
PY
