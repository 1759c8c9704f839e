#!/usr/bin/env bash
# The composite GitHub Action (action.yml): its YAML (composite, every step `shell: bash`, no
# `${{` in any script, the inputs and outputs with their defaults), then its steps run here as
# the runner runs them (bash -eo pipefail, the step's env: with the inputs' values, a
# GITHUB_OUTPUT and GITHUB_PATH file per step, GITHUB_ACTION_PATH, GITHUB_PATH entries on PATH
# for the next steps, the workspace as working directory). With kubegate on PATH the install
# step builds nothing; the lint step annotates, writes SARIF and the outputs, and exits with
# kubegate's code; `paths` and `args` that hold shell syntax execute nothing. Without kubegate
# on PATH (in a scratch copy of the action) a built build-hook/kubegate is put on GITHUB_PATH,
# and with nothing built the step installs the packages with apt-get and fails naming them
# (cmake, apt-get and sudo are fakes there: nothing is built or installed). Needs python3-yaml.
# Usage: action_test.sh KUBEGATE SOURCE_DIR
set -euo pipefail
bin=$1 src=$(cd "$2" && pwd)
fail() { echo "action: $*" >&2; exit 1; }
python3 -c 'import yaml' 2>/dev/null || fail "python3's yaml is missing (Debian: apt-get install python3-yaml)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/trap" "$work/fake"
ln -s "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$work/bin/kubegate"
# Build and install tools that must not run: each call is logged in trap.log.
for t in cmake c++ g++ apt-get sudo dpkg-query; do
  printf '#!/bin/sh\necho "%s $*" >>"%s/trap.log"\nexit 1\n' "$t" "$work" >"$work/trap/$t"
done
# Fakes for the build branch: no package installed, apt-get and sudo log and succeed, cmake fails.
printf '#!/bin/sh\nexit 1\n' >"$work/fake/dpkg-query"
printf '#!/bin/sh\nexit 1\n' >"$work/fake/cmake"
printf '#!/bin/sh\necho "apt-get $*" >>"%s/apt.log"\n' "$work" >"$work/fake/apt-get"
printf '#!/bin/sh\necho "sudo $*" >>"%s/apt.log"\nexec "$@"\n' "$work" >"$work/fake/sudo"
chmod +x "$work"/trap/* "$work"/fake/*

cat >"$work/runner.py" <<'PY'
"""check ACTION_DIR: action.yml's structure. run OUT ACTION_DIR WORKDIR PATH [INPUT=VALUE...]: its
steps as the runner runs them; OUT/ID.{sh,out,err,code,github_output,github_path} per step run,
OUT/outputs the action's outputs; exits with the code of the last step run (the first failing)."""
import os, re, shutil, subprocess, sys
import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
INPUTS = {"paths": "", "fail-on": "warning", "args": "", "sarif": "kubegate.sarif"}
OUTPUTS = ("sarif", "exit-code")
OUTPUT_VALUE = re.compile(r"^\$\{\{\s*steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\s*\}\}$")


def load(action_dir):
    with open(os.path.join(action_dir, "action.yml")) as f:
        return yaml.safe_load(f)


def check(action):
    problems = []
    for key in ("name", "description"):
        if not isinstance(action.get(key), str): problems.append(f"no {key}")
    runs = action.get("runs") or {}
    if runs.get("using") != "composite": problems.append(f"runs.using is {runs.get('using')!r}, not composite")
    steps = runs.get("steps") or []
    if not steps: problems.append("no steps")
    inputs = action.get("inputs") or {}
    for name, default in INPUTS.items():
        if name not in inputs: problems.append(f"input {name} is missing")
        elif inputs[name].get("default") != default:
            problems.append(f"input {name}: default {inputs[name].get('default')!r}, not {default!r}")
    ids = [s.get("id") for s in steps]
    outputs = action.get("outputs") or {}
    for name in OUTPUTS:
        m = OUTPUT_VALUE.match(str((outputs.get(name) or {}).get("value", "")))
        if not m or m.group(1) not in ids: problems.append(f"output {name} is not a step's output")
    used = set()
    for i, step in enumerate(steps):
        where = f"step {step.get('id') or i + 1}"
        for key in sorted(set(step) - {"name", "id", "shell", "run", "env"}):
            problems.append(f"{where}: {key}: the test's runner does not do it")
        if step.get("shell") != "bash": problems.append(f"{where}: shell is {step.get('shell')!r}, not bash")
        if not isinstance(step.get("run"), str): problems.append(f"{where}: no run script")
        elif "${{" in step["run"]: problems.append(f"{where}: its run script holds ${{{{ (script injection)")
        for key, value in (step.get("env") or {}).items():
            for e in EXPR.findall(str(value)):
                if e.startswith("inputs.") and e[7:] in inputs: used.add(e[7:])
                elif e != "github.action_path": problems.append(f"{where}: env {key}: unknown expression {e}")
    for name in inputs:
        if name not in used: problems.append(f"input {name} reaches no step's env")
    return problems


def parse_output(path):  # name=value lines and name<<DELIMITER blocks
    values, lines = {}, open(path).read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            end = lines.index(delim, i + 1)
            values[name] = "\n".join(lines[i + 1:end])
            i = end
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
        i += 1
    return values


def run(out, action_dir, workdir, path, assignments):
    action = load(action_dir)
    values = {n: str((spec or {}).get("default", "")) for n, spec in (action.get("inputs") or {}).items()}
    for a in assignments:
        name, _, value = a.partition("=")
        if name not in values: sys.exit(f"runner: no input {name}")
        values[name] = value

    def expand(text):
        def one(m):
            e = m.group(1)
            if e.startswith("inputs."): return values[e[7:]]
            if e == "github.action_path": return action_dir
            sys.exit(f"runner: unsupported expression {m.group(0)}")
        return EXPR.sub(one, text)

    os.makedirs(out)
    bash, added, step_outputs, code = shutil.which("bash"), [], {}, 0
    for i, step in enumerate(action["runs"]["steps"]):
        sid = step.get("id") or f"step{i + 1}"
        base = os.path.join(out, sid)
        for suffix in ("github_output", "github_path"): open(f"{base}.{suffix}", "w").close()
        with open(f"{base}.sh", "w") as f: f.write(expand(step["run"]))  # as the runner would
        env = dict(os.environ, PATH=os.pathsep.join(added + [path]), GITHUB_ACTIONS="true",
                   GITHUB_WORKSPACE=workdir, GITHUB_ACTION_PATH=action_dir,
                   GITHUB_OUTPUT=f"{base}.github_output", GITHUB_PATH=f"{base}.github_path")
        env.update({k: expand(str(v)) for k, v in (step.get("env") or {}).items()})
        with open(f"{base}.out", "w") as so, open(f"{base}.err", "w") as se:
            code = subprocess.run([bash, "--noprofile", "--norc", "-eo", "pipefail", f"{base}.sh"],
                                  cwd=workdir, env=env, stdout=so, stderr=se).returncode
        with open(f"{base}.code", "w") as f: f.write(f"{code}\n")
        for line in open(f"{base}.github_path").read().splitlines():
            if line.strip(): added.insert(0, line.strip())
        step_outputs[sid] = parse_output(f"{base}.github_output")
        if code != 0: break
    with open(os.path.join(out, "outputs"), "w") as f:
        for name, spec in (action.get("outputs") or {}).items():
            m = OUTPUT_VALUE.match(str(spec.get("value", "")))
            f.write(f"{name}={step_outputs.get(m.group(1), {}).get(m.group(2), '') if m else ''}\n")
    sys.exit(code)


if sys.argv[1] == "check":
    problems = check(load(sys.argv[2]))
    for p in problems: print(f"action: action.yml: {p}", file=sys.stderr)
    sys.exit(1 if problems else 0)
run(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:])
PY

python3 "$work/runner.py" check "$src" || fail "action.yml is not the composite action described"
echo "action: action.yml is composite, every step runs bash, no script holds \${{, inputs and outputs are there"

runs=0
run() {  # run ACTION_DIR EXAMPLE PATH [INPUT=VALUE...]: the steps in a copy of examples/EXAMPLE;
         # the step files in $out, the workspace in $ws, the last step's code in $code
  local action=$1 example=$2 path=$3
  shift 3
  runs=$((runs + 1))
  out=$work/run$runs ws=$work/ws$runs
  cp -r "$src/examples/$example" "$ws"
  set +e
  python3 "$work/runner.py" run "$out" "$action" "$ws" "$path" "$@"
  code=$?
  set -e
}
show() {  # the steps' output, before a failure
  for f in "$out"/*.out "$out"/*.err "$out"/*.github_output "$out"/outputs; do
    [ -s "$f" ] && { echo "--- $(basename "$f")"; cat "$f"; }
  done >&2 || true
}
lint_code() { cat "$out/lint.code" 2>/dev/null || echo "(not run)"; }
is() {  # is FILE NAME=VALUE: FILE holds the line NAME=VALUE
  grep -qxF -- "$2" "$1" || { show; fail "$(basename "$1") lacks $2"; }
}
untouched() {  # no build or install tool ran, nothing was added to PATH
  [ ! -s "$work/trap.log" ] || { cat "$work/trap.log" >&2; fail "$1: the install step ran a build or install tool"; }
  [ ! -s "$out/install.github_path" ] || { show; fail "$1: the install step added to GITHUB_PATH"; }
}
onpath=$work/bin:$work/trap:$PATH
hook_before=$(ls -d "$src/build-hook" 2>/dev/null || true)

# The hazard of kubernetes-sigs/kubespray#12059, paths empty (every inventory below the workspace).
run "$src" kubespray-12059 "$onpath" "args=--kubespray-version 2.24.0"
[ "$code" = 1 ] && [ "$(lint_code)" = 1 ] || { show; fail "the bad example: exit $code (lint $(lint_code)), not 1"; }
untouched "kubegate on PATH"
[ "$(ls -d "$src/build-hook" 2>/dev/null || true)" = "$hook_before" ] || fail "the install step built in $src/build-hook"
grep -q "^kubegate: using $work/bin/kubegate" "$out/install.out" || { show; fail "the install step did not use the kubegate on PATH"; }
grep -qE '^::error file=[^,]+,.*title=csr-approver-external-cloud::' "$out/lint.out" ||
  { show; fail "no ::error annotation of csr-approver-external-cloud"; }
[ -f "$ws/kubegate.sarif" ] || { show; fail "no kubegate.sarif in the workspace"; }
python3 - "$ws/kubegate.sarif" <<'PY' || fail "kubegate.sarif is not the SARIF of the finding"
import json, sys
sarif = json.load(open(sys.argv[1]))
assert sarif["version"] == "2.1.0", sarif["version"]
assert any(r.get("ruleId") == "csr-approver-external-cloud" for run in sarif["runs"] for r in run["results"])
PY
is "$out/lint.github_output" exit-code=1
is "$out/lint.github_output" sarif=kubegate.sarif
is "$out/outputs" exit-code=1
is "$out/outputs" sarif=kubegate.sarif
echo "action: kubegate on PATH, nothing built; the bad example: exit 1, its annotation, SARIF 2.1.0, outputs exit-code=1 sarif=kubegate.sarif"

run "$src" kubespray-12059-fixed "$onpath" "args=--kubespray-version 2.24.0"
[ "$code" = 0 ] && [ "$(lint_code)" = 0 ] || { show; fail "the fixed example: exit $code (lint $(lint_code)), not 0"; }
is "$out/outputs" exit-code=0
untouched "the fixed example"
echo "action: the fixed example: exit 0"

run "$src" kubespray-12059 "$onpath" "args=--kubespray-version 2.24.0" fail-on=none sarif=report.sarif
[ "$code" = 0 ] && [ "$(lint_code)" = 0 ] || { show; fail "fail-on none: exit $code (lint $(lint_code)), not 0"; }
grep -q 'title=csr-approver-external-cloud::' "$out/lint.out" || { show; fail "fail-on none: no annotation"; }
[ -f "$ws/report.sarif" ] || { show; fail "fail-on none: no report.sarif"; }
is "$out/outputs" sarif=report.sarif
echo "action: fail-on none: exit 0, the annotation still there, sarif=report.sarif"

# Inputs are text from a pull request: shell syntax in them is a path or an argument, never run.
pwned=$work/pwned
for input in "paths=\$(touch $pwned.1)" "paths=\`touch $pwned.2\`" "paths=examples; touch $pwned.3" \
  "paths=x && touch $pwned.4 | touch $pwned.5" "args=\$(touch $pwned.6)" "args=--fail-on error; touch $pwned.7"; do
  run "$src" kubespray-12059 "$onpath" "$input"
  [ "$code" = 2 ] || [ "$code" = 3 ] || { show; fail "$input: exit $code, not 2 or 3"; }
  [ "$(lint_code)" = "$code" ] || { show; fail "$input: the lint step did not run"; }
  ! ls "$pwned".* >/dev/null 2>&1 || { ls "$pwned".* >&2; fail "$input: it executed a command"; }
done
run "$src" kubespray-12059 "$onpath" "sarif=x.sarif
exit-code=0"
[ "$code" = 2 ] && ! grep -q '^exit-code=0' "$out/lint.github_output" || { show; fail "a sarif with a line break: exit $code"; }
untouched "shell syntax in the inputs"
echo "action: \$(...), \`...\`, ; && | in paths and args run nothing (exit 2 or 3); a line break in sarif forges no output"

# Without kubegate on PATH: the action's checkout is a scratch copy, with cmake, apt-get and sudo faked.
if PATH=/usr/bin:/bin command -v kubegate >/dev/null; then
  echo "action: a kubegate in /usr/bin or /bin: the build branch is not tested"
else
  action=$work/action
  mkdir -p "$action/scripts" "$action/build-hook"
  cp "$src/action.yml" "$action/"
  cp "$src/scripts/pre-commit-build.sh" "$action/scripts/"
  ln -s "$work/bin/kubegate" "$action/build-hook/kubegate"
  run "$action" kubespray-12059 "$work/trap:/usr/bin:/bin" "args=--kubespray-version 2.24.0"
  [ "$code" = 1 ] && [ "$(lint_code)" = 1 ] || { show; fail "built once: exit $code (lint $(lint_code)), not 1"; }
  [ "$(cat "$out/install.github_path")" = "$action/build-hook" ] || { show; fail "build-hook/ is not on GITHUB_PATH"; }
  [ ! -s "$work/trap.log" ] || { cat "$work/trap.log" >&2; fail "built once: a build or install tool ran"; }
  echo "action: kubegate built before: build-hook/ put on GITHUB_PATH, not built again, the lint step ran it"

  rm -r "$action/build-hook"
  run "$action" kubespray-12059 "$work/fake:/usr/bin:/bin"
  need="g++ cmake libyaml-cpp-dev libcli11-dev libfmt-dev nlohmann-json3-dev rapidjson-dev"
  [ "$code" = 2 ] && [ "$(lint_code)" = "(not run)" ] || { show; fail "nothing to build with: exit $code (lint $(lint_code))"; }
  grep -qxF "apt-get install -y $need" "$work/apt.log" || { show; cat "$work/apt.log" >&2; fail "no apt-get install -y $need"; }
  [ "$(id -u)" = 0 ] || grep -qxF "sudo apt-get install -y $need" "$work/apt.log" || fail "apt-get did not run through sudo"
  grep -qF "apt-get install $need" "$out/install.err" || { show; fail "the failure does not name the packages"; }
  [ ! -e "$action/build-hook/kubegate" ] || fail "a kubegate appeared in build-hook/"
  echo "action: nothing built, packages missing: apt-get install -y $need, then a failure naming them"
fi
echo "action: ok"
