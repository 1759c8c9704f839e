#!/usr/bin/env python3
"""Scaffolds a new check: checks/ID/ with check.cpp, check.md, bad-todo/ and good-todo/.

    checks/new-check.py ID --platform kubespray|rke2|kubeup [--severity error|warning|info] --summary "..."

The check compiles and registers itself but reports nothing yet, so its bad-todo fixture and
its doc's Bad example fail their tests until the check is written. Standard library only.
"""

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLATFORM_BITS = {"kubespray": "kKubespray", "rke2": "kRke2", "kubeup": "kKubeup"}

# Per platform: the fixture file, a neutral setting (bad and good start the same), the doc's fence.
INPUTS = {
    "kubespray": ("inventory.ini", "todo_setting=true", "yaml", "todo_setting: true"),
    "rke2": ("config.yaml", "cni: canal", "yaml", "cni: canal"),
    "kubeup": ("kube-up.env", "NUM_NODES=3", "sh", "NUM_NODES=3"),
}

KUBESPRAY_HOSTS = """[kube_control_plane]
cp1 ansible_host=10.0.0.1

[etcd:children]
kube_control_plane

[kube_node]
worker1 ansible_host=10.0.0.4

[k8s_cluster:children]
kube_control_plane
kube_node

"""

CHECK_CPP = """// TODO: what {id} flags and why the deploy breaks, in one or two lines. Doc: check.md
// Upstream: TODO (the task, file or issue that shows the failure)
#include "kubegate/check.hpp"

namespace kubegate {{
namespace {{

/// Reports TODO.
void run(const CheckContext& ctx, Reporter& r) {{
  const Cluster& c = ctx.cluster;
  // TODO: read the model and report what breaks the deploy, for example
  //   Setting s = c.settings.get("some_variable");
  //   if (s && !s.is_default()) r.report(s.loc(), "message").fix("how to fix");
  // A check that depends on the release reads its facts with ctx.release_data<Data>()
  // (see checks/kubespray-bool-as-string/check.cpp).
  (void)c;
  (void)r;
}}

const CheckRegistration reg{{{{"{id}", Severity::{severity},
                             "{summary}", {platform_bit}}},
                            run}};

}}  // namespace
}}  // namespace kubegate
"""

DOC_MD = """# {id}

**Severity:** {severity} · **Platforms:** {platform}

## What it flags
TODO: the setting or combination the check reports, and what it does not report.

## Why it breaks the deploy
TODO: where and how the deploy fails (the task, the error message).

## How to fix
TODO: what to write instead.

## Bad
```{fence}
# TODO: the smallest example the check flags (tests/docs_test.cpp lints it)
{setting}
```

## Good
```{fence}
# TODO: the same example, fixed
{setting}
```

## Upstream
- TODO: the upstream file and task, issue or pull request
"""


def fixture(platform, check_id, bad):
    """The text of the fixture's one file; the bad one announces a finding on its last line."""
    name, setting, _, _ = INPUTS[platform]
    head = KUBESPRAY_HOSTS + "[all:vars]\n" if platform == "kubespray" else ""
    lines = []
    if bad:
        lines.append("# TODO: the setting that breaks the deploy; `# expect:` announces the finding on the next line")
        lines.append(f"# expect: {check_id}")
    lines.append(setting)
    return name, head + "\n".join(lines) + "\n"


def cpp_string(text):
    """`text` as the inside of a C++ string literal."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def main(argv):
    checks_dir = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description="Scaffold a new kubegate check in checks/ID/.")
    parser.add_argument("id", metavar="ID", help="the check's id: lower-case letters, digits and '-'")
    parser.add_argument("--platform", required=True, choices=sorted(PLATFORM_BITS))
    parser.add_argument("--severity", default="error", choices=["error", "warning", "info"])
    parser.add_argument("--summary", required=True, help="one line, at most 90 characters")
    parser.add_argument("--checks-dir", type=Path, default=checks_dir, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if not ID_RE.match(args.id):
        parser.error(f"malformed id {args.id!r}: use lower-case letters, digits and single '-' between them")
    if args.id == "lib":
        parser.error("the id 'lib' is taken: checks/lib/ holds the code the checks share")
    summary = args.summary.strip()
    if not summary or "\n" in summary or len(summary) > 90:
        parser.error("the summary is one non-empty line of at most 90 characters")
    target = args.checks_dir / args.id
    if target.exists():
        parser.error(f"{target} already exists")

    _, _, fence, setting = INPUTS[args.platform]
    files = {
        "check.cpp": CHECK_CPP.format(id=args.id, severity=args.severity, summary=cpp_string(summary),
                                      platform_bit=PLATFORM_BITS[args.platform]),
        "check.md": DOC_MD.format(id=args.id, severity=args.severity, platform=args.platform, fence=fence,
                                setting=setting),
    }
    for kind in ("bad", "good"):
        name, text = fixture(args.platform, args.id, kind == "bad")
        files[f"{kind}-todo/{name}"] = text
    for rel, text in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    # The project's formatting, when clang-format is at hand (a long summary wraps as the tool says).
    style = Path(__file__).resolve().parent.parent / ".clang-format"
    if shutil.which("clang-format") and style.is_file():
        subprocess.run(["clang-format", "-i", f"--style=file:{style}", str(target / "check.cpp")], check=False)

    print(f"""
Next steps:
  1. Write the check in {target}/check.cpp: run() reports nothing yet.
  2. Make bad-todo/ the smallest input that breaks the deploy, with `# expect: {args.id}` on the
     line above each finding (optionally `# expect: {args.id} {args.severity} @COL /REGEX/`), and good-todo/
     the fixed one; rename them bad-<what>/ and good-<what>/. A file kubespray-version (or
     rke2-version) in a fixture picks the release.
  3. Fill in check.md; its ## Bad and ## Good examples are linted by tests/docs_test.cpp (the
     conventions are at the top of that file).
  4. Build (the new check.cpp is picked up on its own) and run only this check's fixtures:
       build/tests/kubegate_tests "every check fixture yields exactly its expected findings" -c {args.id}
     or everything about it (fixtures, doc examples, meta-tests):
       build/tests/kubegate_tests "[checks],[docs]" -c {args.id}
     Until run() reports, bad-todo/ and the doc's Bad example fail: that is expected.""")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
