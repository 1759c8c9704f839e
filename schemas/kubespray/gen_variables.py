#!/usr/bin/env python3
"""Generate schemas/kubespray/variables.txt: every variable name Kubespray knows, over releases.

Usage:
    python3 schemas/kubespray/gen_variables.py --git-dir DIR > schemas/kubespray/variables.txt

DIR is a (bare or normal) git directory of kubernetes-sigs/kubespray.  For every ref that
gen_release.py describes (each tag vX.Y.Z from OLDEST_TAG on, and master) the script reads,
with `git ls-tree` and `git cat-file` only:
  * the top-level keys of roles/**/defaults/** and roles/**/vars/** (.yml, .yaml);
  * the top-level keys of inventory/sample/group_vars/** (every YAML file);
  * in those files, the keys of commented-out top-level lines (`# name: value`, documented);
  * in the YAML of roles/, playbooks/ and the top-level playbooks: `set_fact` keys,
    `register:` names, `loop_var:` names and the keys of `vars:` mappings;
  * the identifiers read in Jinja: inside `{{ }}` and `{% %}` of every file of roles/,
    playbooks/ and the top-level playbooks (templates included), and the bare expressions of
    `when:`, `that:`, `failed_when:`, `changed_when:` and `until:`, plus identifier-like
    quoted names there (`hostvars[host]['access_ip']`, `lookup('vars', 'name')`);
  * the backquoted identifiers with an underscore in docs/**/*.md (documented variables);
  * Ansible's magic variables (ANSIBLE_MAGIC), in every release.
Generous on purpose: a name wrongly taken as known only keeps kubespray-misspelled-variable
quiet.  Only names are recorded, one a line, sorted bytewise, each with the index of the first
and the last release (in the `release` lines) that knows it.  Standard library and PyYAML.
"""

import argparse
import re
import subprocess
import sys

import yaml

from gen_release import REPOSITORY, _Loader, all_refs

# Top-level playbooks (cluster.yml, ...) and these folders hold the YAML Ansible runs.
CODE_DIRS = ("roles/", "playbooks/")
EXPRESSION_KEYS = {"when", "that", "failed_when", "changed_when", "until"}
SET_FACT = {"set_fact", "ansible.builtin.set_fact"}
JINJA_BLOCK = re.compile(r"\{\{(.*?)\}\}|\{%-?(.*?)-?%\}", re.S)
STRING = re.compile(r"'([^'\\]*(?:\\.[^'\\]*)*)'|\"([^\"\\]*(?:\\.[^\"\\]*)*)\"")
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
COMMENTED_KEY = re.compile(r"^#\s*([A-Za-z_][A-Za-z0-9_]*):", re.M)
DOC_NAME = re.compile(r"`([a-z][a-z0-9]*_[a-z0-9_]*)`")


class Blobs:
    """Reads git objects through one `git cat-file --batch`, each blob once."""

    def __init__(self, git_dir):
        self.git_dir = git_dir
        self.proc = subprocess.Popen(["git", "--git-dir", git_dir, "cat-file", "--batch"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.cache = {}

    def git(self, *args):
        return subprocess.run(["git", "--git-dir", self.git_dir, *args], check=True,
                              capture_output=True, text=True).stdout

    def tree(self, commit):
        """{path: blob id} of every file of `commit`."""
        out = {}
        for line in self.git("ls-tree", "-r", commit).splitlines():
            meta, path = line.split("\t", 1)
            mode, kind, oid = meta.split()
            if kind == "blob":
                out[path] = oid
        return out

    def read(self, oid):
        self.proc.stdin.write(oid.encode() + b"\n")
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().split()
        size = int(header[2])
        data = self.proc.stdout.read(size + 1)[:-1]
        return data.decode("utf-8", "replace")


# Ansible's magic variables without the `ansible_` prefix (Ansible's "Special Variables" reference,
# docs.ansible.com reference_appendices/special_variables.html): Ansible sets them, every release
# knows them.  Names with the `ansible_` prefix are Ansible's by that prefix (the check skips them).
ANSIBLE_MAGIC = ("environment", "group_names", "groups", "hostvars", "inventory_dir", "inventory_file",
                 "inventory_hostname", "inventory_hostname_short", "omit", "play_hosts",
                 "playbook_dir", "role_name", "role_names", "role_path", "vars")
JINJA_WORDS = {"and", "or", "not", "in", "is", "if", "else", "elif", "endif", "for", "endfor",
               "set", "endset", "macro", "endmacro", "true", "false", "none", "True", "False",
               "None", "recursive", "with", "endwith", "raw", "endraw", "import", "include"}


class Names:
    """What files of one release tell about names: `settable` (role defaults, sample and
    documented variables, variables Jinja reads that the release does not set itself),
    `internal` (role vars/, set_fact, register, loop and task/play vars: set by the release
    itself), `other` (attributes, filters, tests and quoted names in Jinja)."""

    def __init__(self):
        self.settable, self.internal, self.read, self.other = set(), set(), set(), set()
        self.shapes = {}  # name -> shapes of its role defaults

    def update(self, o):
        for a in ("settable", "internal", "read", "other"):
            getattr(self, a).update(getattr(o, a))
        for name, shapes in o.shapes.items():
            self.shapes.setdefault(name, set()).update(shapes)


def shape(value):
    """"l" for a list, "m" for a mapping, "s" for another scalar, None for null or Jinja."""
    if value is None or (isinstance(value, str) and ("{{" in value or "{%" in value)):
        return None
    return "l" if isinstance(value, list) else "m" if isinstance(value, dict) else "s"


def expression_names(expr, out):
    """Identifiers an expression reads (`out.read`); attributes, filters, tests and
    identifier-like quoted strings go to `out.other`."""
    for m in STRING.finditer(expr):
        s = m.group(1) if m.group(1) is not None else m.group(2)
        if NAME.match(s):
            out.other.add(s)
    bare = STRING.sub(lambda m: " " * len(m.group(0)), expr)
    previous = ""
    for m in IDENT.finditer(bare):
        name = m.group(0)
        before = bare[:m.start()].rstrip()
        if before.endswith((".", "|")) or previous == "is" or (previous == "not" and before.endswith(" is not")):
            out.other.add(name)
        elif name not in JINJA_WORDS:
            out.read.add(name)
        previous = name


def jinja_names(text, out):
    for m in JINJA_BLOCK.finditer(text):
        expression_names(m.group(1) if m.group(1) is not None else m.group(2), out)


def walk(node, out):
    """Names a task or play file sets or reads (set_fact, register, vars, conditions, Jinja)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if not isinstance(key, str):
                continue
            if key in SET_FACT and isinstance(value, dict):
                out.internal.update(k for k in value if isinstance(k, str) and k != "cacheable")
            elif key in ("register", "loop_var") and isinstance(value, str):
                out.internal.add(value.strip())
            elif key == "vars" and isinstance(value, dict):
                out.internal.update(k for k in value if isinstance(k, str))
            if key in EXPRESSION_KEYS:
                for expr in value if isinstance(value, list) else [value]:
                    if isinstance(expr, str):
                        expression_names(expr, out)
            walk(value, out)
    elif isinstance(node, list):
        for item in node:
            walk(item, out)
    elif isinstance(node, str):
        jinja_names(node, out)


def load_yaml(text):
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


def top_keys(data):
    return {k for k in data if isinstance(k, str)} if isinstance(data, dict) else set()


def is_yaml(path):
    return path.endswith((".yml", ".yaml"))


def var_file_kind(path):
    """"defaults" for a role's defaults/ file or a sample group_vars file, "vars" for a role's
    vars/ file, else None."""
    parts = path.split("/")
    if path.startswith("inventory/sample/group_vars/"):
        return "defaults" if is_yaml(path) or "." not in parts[-1] else None
    if not (path.startswith("roles/") and is_yaml(path)):
        return None
    dirs = parts[2:-1]
    return "defaults" if "defaults" in dirs else "vars" if "vars" in dirs else None


def is_code(path):
    return path.startswith(CODE_DIRS) or ("/" not in path and is_yaml(path))


def is_doc(path):
    return path.startswith("docs/") and path.endswith(".md")


def names_of_file(path, text):
    out = Names()
    kind = var_file_kind(path)
    if kind:
        data = load_yaml(text)
        keys = top_keys(data) | set(COMMENTED_KEY.findall(text))
        (out.settable if kind == "defaults" else out.internal).update(keys)
        for name in top_keys(data) if kind == "defaults" else ():
            out.shapes.setdefault(name, set()).add(shape(data[name]))
        jinja_names(text, out)
    elif is_code(path):
        data = load_yaml(text) if is_yaml(path) else None
        if data is not None:
            walk(data, out)
        jinja_names(text, out)
    elif is_doc(path):
        out.settable.update(DOC_NAME.findall(text))
    return out


def wanted(path):
    return bool(var_file_kind(path)) or is_code(path) or is_doc(path)


def ranges(indexes):
    """"0-5,9-34" for the sorted release indexes."""
    out, start, prev = [], None, None
    for i in sorted(indexes):
        if start is None:
            start = prev = i
        elif i == prev + 1:
            prev = i
        else:
            out.append(f"{start}-{prev}")
            start = prev = i
    out.append(f"{start}-{prev}")
    return ",".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--git-dir", required=True)
    args = ap.parse_args()

    blobs = Blobs(args.git_dir)
    refs = all_refs(args.git_dir)
    by_blob = {}
    releases = {}  # name -> release indexes that know it
    settable = set()  # names some release lets the inventory set
    shapes = {}  # name -> shapes of its defaults in any release
    commits = []
    for index, ref in enumerate(refs):
        commit = blobs.git("rev-parse", "--verify", ref + "^{commit}").strip()
        commits.append(commit)
        names = Names()
        for path, oid in blobs.tree(commit).items():
            if not wanted(path):
                continue
            key = (path, oid)
            if key not in by_blob:
                by_blob[key] = names_of_file(path, blobs.read(oid))
            names.update(by_blob[key])
        names.internal.update(ANSIBLE_MAGIC)
        names.settable |= names.read - names.internal
        names.settable -= set(ANSIBLE_MAGIC)
        known = names.settable | names.internal | names.read | names.other
        for name in known:
            if NAME.match(name):
                releases.setdefault(name, set()).add(index)
        settable |= names.settable
        for name, found in names.shapes.items():
            shapes.setdefault(name, set()).update(found)
        print(f"{ref}: {commit} ({len(known)} names)", file=sys.stderr)

    w = sys.stdout.write
    w("# Variable names Kubespray knows: generated by schemas/kubespray/gen_variables.py from\n")
    w(f"# {REPOSITORY} (see schemas/kubespray/README.md); only names are recorded.\n")
    w("# `# release INDEX REF COMMIT` lines, then `NAME RANGES [KIND]` sorted bytewise: RANGES are\n")
    w("# the releases (indexes) that know the name; KIND `i` marks a name only the release itself\n")
    w("# sets, `s`, `l`, `m` a default that is a scalar, a list, a mapping in every release.\n")
    for index, (ref, commit) in enumerate(zip(refs, commits)):
        w(f"# release {index} {ref} {commit}\n")
    for name in sorted(releases):
        kind = shapes.get(name, set())
        kind = " i" if name not in settable else f" {kind.pop()}" if len(kind) == 1 and None not in kind else ""
        w(f"{name} {ranges(releases[name])}{kind}\n")


if __name__ == "__main__":
    main()
