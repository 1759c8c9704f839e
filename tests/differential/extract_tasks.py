#!/usr/bin/env python3
"""Copies the static upstream tasks listed in late-tasks.tsv for one ref into
<roles>/<role>/tasks/kg_static.yml (upstream order kept) and prints each role used, one a line.
A role's meta dependencies are cut down to its defaults-only roles (e.g. calico_defaults), which
it prints as "needs <role>" for the caller to fetch; other dependencies would do real work.

Each copied task gets its role's gate from role-gates.tsv (beside late-tasks.tsv) first in its when.

usage: extract_tasks.py <late-tasks.tsv> <ref> <roles dir>
"""
import os
import sys

import yaml


class Loader(yaml.SafeLoader):
    """Reads Ansible's !unsafe / !vault tags as plain values."""


def plain(loader, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


for tag in ("!unsafe", "!vault"):
    Loader.add_constructor(tag, plain)


def main():
    table, ref, roles = sys.argv[1:4]
    gates = {}
    for line in open(os.path.join(os.path.dirname(table), "role-gates.tsv"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            role, condition = line.rstrip("\n").split("\t")
            gates[role] = condition
    wanted = {}  # (role, file) -> task names
    for line in open(table, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        refs, role, tasks_file, name = line.rstrip("\n").split("\t")
        if ref in refs.split():
            wanted.setdefault((role, tasks_file), []).append(name)
    by_role = {}
    for (role, tasks_file), names in wanted.items():
        with open(f"{roles}/{role}/tasks/{tasks_file}", encoding="utf-8") as f:
            tasks = yaml.load(f, Loader=Loader) or []
        found = [t for t in tasks if t.get("name") in names]
        missing = set(names) - {t["name"] for t in found}
        if missing:
            sys.exit(f"{ref}: {role}/tasks/{tasks_file} has no task named {sorted(missing)}")
        for task in found:
            if role in gates:
                own = task.get("when", [])
                task["when"] = [gates[role]] + (own if isinstance(own, list) else [own])
        by_role.setdefault(role, []).extend(found)
    for role, tasks in by_role.items():
        with open(f"{roles}/{role}/tasks/kg_static.yml", "w", encoding="utf-8") as f:
            yaml.safe_dump(tasks, f, sort_keys=False, width=1000)
        print(role)
        meta = f"{roles}/{role}/meta/main.yml"
        if os.path.exists(meta):
            with open(meta, encoding="utf-8") as f:
                deps = (yaml.load(f, Loader=Loader) or {}).get("dependencies") or []
            names = [d["role"] if isinstance(d, dict) else d for d in deps]
            kept = [n for n in names if n.endswith("_defaults")]
            with open(meta, "w", encoding="utf-8") as f:
                yaml.safe_dump({"dependencies": [{"role": n} for n in kept]}, f)
            for n in kept:
                print(f"needs {n}")


if __name__ == "__main__":
    main()
