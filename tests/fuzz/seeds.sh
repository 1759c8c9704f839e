#!/usr/bin/env bash
# Fills one seed folder per fuzz target from the project's own inputs (tests/corpus/, the check
# fixtures checks/*/bad-*/ and good-*/, examples/, tests/kubespray-*), at run time: nothing is
# copied into the repository. Usage: tests/fuzz/seeds.sh [OUT_DIR]   (default build-fuzz/seeds)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/build-fuzz/seeds}"
max_bytes=65536  # larger inputs only slow the fuzzer down
targets=(ini_hosts yaml_hosts vars_file rke2_config rke2_registries kubeup_env jinja lint_tree)
for t in "${targets[@]}"; do rm -rf "${out:?}/$t"; mkdir -p "$out/$t"; done

sources=("$root/tests/corpus" "$root/examples")
for d in "$root"/tests/kubespray-*; do [ -d "$d" ] && sources+=("$d"); done
for d in "$root"/checks/*/bad-* "$root"/checks/*/good-*; do [ -d "$d" ] && sources+=("$d"); done

# One seed per file, named by its content's hash (duplicates collapse).
seed() {  # seed TARGET FILE
  local size
  size=$(stat -c %s "$2")
  [ "$size" -le "$max_bytes" ] || return 0
  cp "$2" "$out/$1/$(sha1sum <"$2" | cut -c1-16)"
}

while IFS= read -r -d '' f; do
  rel="${f#"$root"/}"
  base="$(basename "$f")"
  case "$rel" in
    */group_vars/*|*/host_vars/*) case "$base" in *.yml|*.yaml|*.json|all|[!.]*[!.]) seed vars_file "$f" ;; esac; continue ;;
  esac
  case "$base" in
    registries.yaml|registries.yml|*registries*.y*ml) seed rke2_registries "$f" ;;
    config.yaml|*config*.yaml|*config*.yml) seed rke2_config "$f" ;;
    *.ini|hosts|inventory) seed ini_hosts "$f" ;;
    *hosts*.y*ml|*inventory*.y*ml) seed yaml_hosts "$f" ;;
    *.env|*.sh) seed kubeup_env "$f" ;;
  esac
  case "$rel" in */config.yaml.d/*) seed rke2_config "$f" ;; esac
done < <(find "${sources[@]}" -type f -print0)

# Jinja: every template expression or statement written in a YAML value, one seed each.
find "${sources[@]}" -type f \( -name '*.yml' -o -name '*.yaml' -o -name '*.ini' \) -print0 |
  xargs -0 grep -hoE '\{[{%].*[}%]\}' 2>/dev/null | sort -u | head -n 3000 |
  while IFS= read -r line; do
    printf '%s' "$line" >"$out/jinja/$(printf '%s' "$line" | sha1sum | cut -c1-16)"
  done

# lint_tree: each fixture or example folder packed as the target reads it (see lint_tree.cpp):
# a layout byte, then the layout's files separated by byte 0x01.
python3 - "$out/lint_tree" "$max_bytes" "$root"/examples/* "$root"/checks/*/bad-* "$root"/checks/*/good-* <<'PY'
import hashlib, pathlib, sys
out, limit = pathlib.Path(sys.argv[1]), int(sys.argv[2])
def read(paths):
    return b"".join(p.read_bytes() for p in sorted(paths))
for d in map(pathlib.Path, sys.argv[3:]):
    if not d.is_dir():
        continue
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
        hv = [p for p in files if rel(p).startswith("host_vars/")][:1]
        parts = [hosts.read_bytes(), read(gv_all), read(gv_other), read(hv)]
    elif configs:
        layout = b"2"
        dropins = [p for p in files if "config.yaml.d" in rel(p)][:1]
        regs = [p for p in files if p.name == "registries.yaml"][:1]
        parts = [configs[0].read_bytes(), read(dropins), read(regs)]
    elif envs:
        layout, parts = b"3", [envs[0].read_bytes()]
    else:
        continue
    while len(parts) > 1 and not parts[-1]:
        parts.pop()
    data = layout + b"\x01".join(parts)
    if len(data) <= limit:
        (out / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)
PY

for t in "${targets[@]}"; do printf '%-16s %5d seeds\n' "$t" "$(find "$out/$t" -type f | wc -l)"; done
