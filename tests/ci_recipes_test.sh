#!/usr/bin/env bash
# The README's CI recipes (section "CI recipes"), taken from README.md itself: the GitLab CI job's
# YAML and the Jenkins stage. Their YAML and Groovy agree with themselves (the files kubegate
# writes are the files the job uploads and the stage publishes; `when: always`;
# `enabledForFailure: true`; the before_script installs what scripts/pre-commit-build.sh needs,
# and make). Then the job's `script:` lines (bash -eo pipefail, as GitLab's runner) and the
# stage's `sh` command (sh -xe, as Jenkins) run on a copy of the bad example (exit 1, the
# finding shown) and of the fixed one (exit 0), and the reports parse and hold what GitLab
# (Code Quality JSON, JUnit XML) and Jenkins' warnings-ng (checkstyle XML) and JUnit plugin read.
# With GITLAB_CI_LOCAL=PATH (gitlab-ci-local, npm package by firecow; it needs git and rsync),
# the job also runs under gitlab-ci-local's shell executor, without its image and before_script
# (kubegate is on PATH instead): the bad example fails the job and both reports are exported as
# artifacts all the same, the fixed one passes. No network, no npm: without GITLAB_CI_LOCAL that
# part is skipped. Neither the before_script build nor a Jenkins runs. Needs python3-yaml.
# Usage: ci_recipes_test.sh KUBEGATE SOURCE_DIR
set -euo pipefail
bin=$1 src=$(cd "$2" && pwd)
fail() { echo "ci-recipes: $*" >&2; exit 1; }
python3 -c 'import yaml' 2>/dev/null || fail "python3's yaml is missing (Debian: apt-get install python3-yaml)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$work/bin/kubegate"

# The recipes, from README.md: job.yml, job-script.sh (one line per command), stage-sh.sh, names.
python3 - "$src" "$work" <<'PY' || fail "README.md's recipes"
import json, re, shlex, sys
import yaml
src, work = sys.argv[1], sys.argv[2]
readme = open(f"{src}/README.md").read()
problems = []

def block(heading, lang):
    m = re.search(rf"^#### {re.escape(heading)}\n(.*?)(?=^###)", readme, re.S | re.M)
    if not m: sys.exit(f"no '#### {heading}' section")
    b = re.search(rf"^```{lang}\n(.*?)^```", m.group(1), re.S | re.M)
    if not b: sys.exit(f"no {lang} block under '#### {heading}'")
    return b.group(1)

def outputs(command):
    words = shlex.split(command)
    if words[:2] != ["kubegate", "lint"]: problems.append(f"not a kubegate lint command: {command}")
    found = {}
    for i, w in enumerate(words):
        if w == "--output" and i + 1 < len(words):
            fmt, _, path = words[i + 1].partition("=")
            found[fmt] = path
    return found

text = block("GitLab CI", "yaml")
job = yaml.safe_load(text)["kubegate"]
lint = [l for l in job["script"] if l.startswith("kubegate lint")]
if len(lint) != 1 or len(job["script"]) != 1: problems.append("script: is not one kubegate lint run")
out = outputs(lint[0])
art = job.get("artifacts") or {}
reports = art.get("reports") or {}
if art.get("when") != "always": problems.append("artifacts:when is not always")
if reports.get("codequality") != out.get("codeclimate"): problems.append("codequality is not the codeclimate output")
if reports.get("junit") != out.get("junit"): problems.append("junit is not the junit output")
if sorted(art.get("paths") or []) != sorted([out.get("codeclimate"), out.get("junit")]): problems.append("paths: are not the two reports")
need = re.search(r"^  need=\((.*?)\)$", open(f"{src}/scripts/pre-commit-build.sh").read(), re.M).group(1).split()
install = " ".join(l for l in job["before_script"] if "apt-get install" in l).split()
for p in need + ["make", "git", "ca-certificates"]:
    if p not in install: problems.append(f"before_script does not install {p}")
open(f"{work}/job.yml", "w").write(text)
open(f"{work}/job-script.sh", "w").write("\n".join(job["script"]) + "\n")

groovy = block("Jenkins", "groovy")
sh = re.findall(r"^\s*sh '([^']*)'$", groovy, re.M)
if len(sh) != 1: problems.append("the stage has not one sh step")
jout = outputs(sh[0])
post = re.search(r"post \{\s*always \{(.*?)\}\s*\}", groovy, re.S)
post = post.group(1) if post else ""
record = re.search(r"recordIssues (.*)", post)
record = record.group(1) if record else ""
if "enabledForFailure: true" not in record: problems.append("recordIssues without enabledForFailure: true")
if re.search(r"checkStyle\(pattern: '([^']*)'\)", record) is None or \
   re.search(r"checkStyle\(pattern: '([^']*)'\)", record).group(1) != jout.get("checkstyle"):
    problems.append("recordIssues does not read the checkstyle output")
junit = re.search(r"junit '([^']*)'", post)
if not junit or junit.group(1) != jout.get("junit"): problems.append("junit does not read the junit output")
open(f"{work}/stage-sh.sh", "w").write(sh[0] + "\n")
json.dump({"codeclimate": out.get("codeclimate"), "junit": out.get("junit"),
           "checkstyle": jout.get("checkstyle"), "jenkins-junit": jout.get("junit")},
          open(f"{work}/names.json", "w"))
for p in problems: print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY

name() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$work/names.json" "$1"; }

# reports DIR EXPECT FILE:FORMAT...: each report parses, holds the finding (EXPECT=1) or none (0).
reports() {
  python3 - "$@" <<'PY'
import json, sys
import xml.etree.ElementTree as ET
folder, expect, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
check, path, line = "csr-approver-external-cloud", "inventory/group_vars/k8s_cluster/k8s-cluster.yml", 10
problems = []
for spec in files:
    name, fmt = spec.rsplit(":", 1)
    where = f"{folder}/{name}"
    try:
        if fmt == "codeclimate":
            issues = json.load(open(where))
            if not isinstance(issues, list) or len(issues) != expect: problems.append(f"{name}: {len(issues)} issue(s)")
            for i in issues:
                for key in ("description", "check_name", "fingerprint", "severity", "location"):
                    if key not in i: problems.append(f"{name}: an issue without {key}")
                if (i.get("check_name"), i["location"].get("path"), i["location"].get("lines", {}).get("begin")) != (check, path, line):
                    problems.append(f"{name}: {i.get('check_name')} at {i['location']}")
        elif fmt == "junit":
            root = ET.parse(where).getroot()
            if root.tag != "testsuites": problems.append(f"{name}: root {root.tag}")
            cases = [c for s in root.iter("testsuite") for c in s.findall("testcase")]
            failed = [c for c in cases if c.find("failure") is not None]
            if not cases or len(failed) != expect: problems.append(f"{name}: {len(cases)} cases, {len(failed)} failed")
            if any(c.get("name") != check for c in failed): problems.append(f"{name}: a failing case is not {check}")
        elif fmt == "checkstyle":
            root = ET.parse(where).getroot()
            if root.tag != "checkstyle": problems.append(f"{name}: root {root.tag}")
            errors = [(f.get("name"), e) for f in root.iter("file") for e in f.iter("error")]
            if len(errors) != expect: problems.append(f"{name}: {len(errors)} error(s)")
            for file, e in errors:
                if any(e.get(a) is None for a in ("line", "column", "severity", "message", "source")):
                    problems.append(f"{name}: an error lacks an attribute")
                if (file, e.get("line"), e.get("source"), e.get("severity")) != (path, str(line), f"kubegate.{check}", "error"):
                    problems.append(f"{name}: {file}:{e.get('line')} {e.get('source')} {e.get('severity')}")
    except (OSError, ValueError, ET.ParseError) as err:
        problems.append(f"{name}: {err}")
for p in problems: print(f"{folder}: {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
}

cq=$(name codeclimate) ju=$(name junit) cs=$(name checkstyle) jju=$(name jenkins-junit)
for example in kubespray-12059:1 kubespray-12059-fixed:0; do
  ex=${example%:*} expect=${example#*:}
  for side in gitlab jenkins; do
    dir=$work/$side-$ex
    mkdir -p "$dir"
    cp -r "$src/examples/$ex" "$dir/inventory"
    code=0
    if [ "$side" = gitlab ]; then
      while IFS= read -r line; do
        (cd "$dir" && PATH="$work/bin:$PATH" bash -eo pipefail -c "$line") >"$dir.out" 2>&1 || { code=$?; break; }
      done <"$work/job-script.sh"
      files=("$cq:codeclimate" "$ju:junit")
    else
      (cd "$dir" && PATH="$work/bin:$PATH" sh -xe -c "$(cat "$work/stage-sh.sh")") >"$dir.out" 2>&1 || code=$?
      files=("$cs:checkstyle" "$jju:junit")
    fi
    [ "$code" = "$expect" ] || { cat "$dir.out" >&2; fail "$side on $ex: exit $code, not $expect"; }
    if [ "$expect" = 1 ]; then
      grep -q 'k8s-cluster.yml:10:1: error: .*\[csr-approver-external-cloud\]' "$dir.out" ||
        { cat "$dir.out" >&2; fail "$side on $ex: the finding is not shown"; }
    fi
    reports "$dir" "$expect" "${files[@]}" || fail "$side on $ex: the reports"
  done
done

if [ -n "${GITLAB_CI_LOCAL:-}" ]; then
  for t in git rsync; do command -v "$t" >/dev/null || fail "gitlab-ci-local needs $t"; done
  python3 - "$work/job.yml" "$work/job-local.yml" <<'PY'
import sys, yaml
config = yaml.safe_load(open(sys.argv[1]))
for key in ("image", "before_script"): config["kubegate"].pop(key)
yaml.safe_dump(config, open(sys.argv[2], "w"), sort_keys=False, width=1000)
PY
  for example in kubespray-12059:1 kubespray-12059-fixed:0; do
    ex=${example%:*} expect=${example#*:}
    dir=$work/gcl-$ex
    mkdir -p "$dir"
    cp -r "$src/examples/$ex" "$dir/inventory"
    cp "$work/job-local.yml" "$dir/.gitlab-ci.yml"
    git -C "$dir" init -q
    git -C "$dir" add -A
    git -C "$dir" -c user.name=ci-recipes -c user.email=ci-recipes@invalid commit -qm "$ex"
    code=0
    (cd "$dir" && PATH="$work/bin:$PATH" "$GITLAB_CI_LOCAL" --shell-executor-no-image kubegate) >"$dir.out" 2>&1 || code=$?
    sed 's/^/  /' "$dir.out" | grep -E 'kubegate (\$|>.*error|finished)|PASS|FAIL' || true
    [ "$code" = "$expect" ] || { cat "$dir.out" >&2; fail "gitlab-ci-local on $ex: exit $code, not $expect"; }
    if [ "$expect" = 1 ]; then
      { grep -q 'FAIL' "$dir.out" && grep -q '\[csr-approver-external-cloud\]' "$dir.out"; } ||
        fail "gitlab-ci-local on $ex: no failed job with the finding"
    else
      grep -q 'PASS' "$dir.out" || fail "gitlab-ci-local on $ex: the job did not pass"
    fi
    reports "$dir/.gitlab-ci-local/artifacts/kubegate" "$expect" "$cq:codeclimate" "$ju:junit" ||
      fail "gitlab-ci-local on $ex: the exported artifacts"
  done
  echo "ci-recipes: gitlab-ci-local $("$GITLAB_CI_LOCAL" --version) ran the job"
else
  echo "ci-recipes: GITLAB_CI_LOCAL not set: the job was not run under gitlab-ci-local"
fi
echo "ci-recipes: ok"
