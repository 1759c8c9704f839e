#!/usr/bin/env python3
"""Copies the static upstream tasks listed in late-tasks.tsv for one ref into
<roles>/<role>/tasks/kg_static.yml (upstream order kept) and prints each role used, one a line.

usage: extract_tasks.py <late-tasks.tsv> <ref> <roles dir>
"""
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
        by_role.setdefault(role, []).extend(found)
    for role, tasks in by_role.items():
        with open(f"{roles}/{role}/tasks/kg_static.yml", "w", encoding="utf-8") as f:
            yaml.safe_dump(tasks, f, sort_keys=False, width=1000)
        print(role)


if __name__ == "__main__":
    main()
