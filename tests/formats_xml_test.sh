#!/usr/bin/env bash
# The XML formats parse as XML (Python's ElementTree, as consumers' parsers would) and hold the
# elements their consumers read: JUnit testsuites/testsuite/testcase/failure, checkstyle
# checkstyle/file/error; the Code Quality JSON has the fields GitLab reads. On every example.
# Usage: formats_xml_test.sh KUBEGATE SOURCE_DIR
set -euo pipefail
bin=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
for example in examples/*/; do
  name=$(basename "$example")
  platform=auto
  case "$name" in kubeup-*) platform=kubeup ;; esac
  for f in junit checkstyle codeclimate; do
    "$bin" lint --platform "$platform" --fail-on none --format "$f" "$example" >"$work/$name.$f"
  done
done
python3 - "$work" <<'PY'
import json, pathlib, sys
import xml.etree.ElementTree as ET
work = pathlib.Path(sys.argv[1])
problems = []
for p in sorted(work.glob("*.junit")):
    root = ET.parse(p).getroot()
    if root.tag != "testsuites": problems.append(f"{p.name}: root {root.tag}")
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        if int(suite.get("tests")) != len(cases): problems.append(f"{p.name}: tests= of {suite.get('name')}")
        if int(suite.get("failures")) != sum(1 for c in cases if c.find("failure") is not None):
            problems.append(f"{p.name}: failures= of {suite.get('name')}")
        for c in cases:
            if not c.get("name") or not c.get("classname"): problems.append(f"{p.name}: a testcase without names")
for p in sorted(work.glob("*.checkstyle")):
    root = ET.parse(p).getroot()
    if root.tag != "checkstyle": problems.append(f"{p.name}: root {root.tag}")
    for f in root.iter("file"):
        for e in f.iter("error"):
            for a in ("line", "column", "severity", "message", "source"):
                if e.get(a) is None: problems.append(f"{p.name}: error without {a}")
for p in sorted(work.glob("*.codeclimate")):
    for issue in json.loads(p.read_text()):
        for k in ("type", "check_name", "description", "severity", "fingerprint", "location"):
            if k not in issue: problems.append(f"{p.name}: issue without {k}")
        if "path" not in issue["location"] or "begin" not in issue["location"]["lines"]:
            problems.append(f"{p.name}: a location without path or line")
print("\n".join(problems) if problems else f"formats: {len(list(work.iterdir()))} reports parse and hold their elements")
sys.exit(1 if problems else 0)
PY
