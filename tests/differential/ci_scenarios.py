#!/usr/bin/env python3
"""Turns Kubespray's CI scenario files (tests/files/*.yml at one ref) into inventories the way
Kubespray's CI does, one folder each under <out>:

  inventory.ini                    the layout: the scenario's cluster_layout, else the packet-ci
                                   role's layout for its `mode` (master: the `scenarios` table;
                                   older refs: the inventory.j2 template, rendered)
  group_vars/all/<common>.yml      tests/common_vars.yml (older refs: tests/common/*.yml)
  group_vars/all/zz-scenario.yml   the scenario file (CI passes both with -e; here they are
                                   group_vars of all, the scenario last, for Kubespray and kubegate alike)

usage: ci_scenarios.py <kubespray git dir> <ref> <out>
"""
import os
import subprocess
import sys

import jinja2
import yaml

from extract_tasks import Loader

CI_ROLE = "tests/cloud_playbooks/roles/packet-ci"


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True, capture_output=True,
                          text=True).stdout


def from_table(scenario, ci_vars):
    """INI for a layout given as [{node_groups: [...], name?}], hosts named as vm.yml.j2 names them."""
    layout = scenario.get("cluster_layout") or ci_vars["scenarios"][scenario.get("mode", "default")]
    image = scenario.get("cloud_image", "instance")
    groups = {}
    hosts = []
    for index, vm in enumerate(layout):
        name = vm.get("name", f"{image}-{index}")
        hosts.append(f"{name} ansible_host=10.0.0.{index + 10}")
        for group in vm["node_groups"]:
            groups.setdefault(group, []).append(name)
    lines = ["[all]", *hosts, ""]
    for group, members in groups.items():
        lines += [f"[{group}]", *members, ""]
    return "\n".join(lines)


def from_template(scenario, template, ci_vars):
    """INI rendered from the old inventory.j2 with fake VM addresses."""
    mode = scenario.get("mode", "default")
    count = ci_vars["_vm_count_dict"][mode]
    vms = {"results": [{"stdout": f"10.0.0.{i + 10}"} for i in range(count)]}
    return jinja2.Template(template).render({**scenario, "vms": vms})


def main():
    git_dir, ref, out = sys.argv[1:4]
    files = [f for f in git(git_dir, "ls-tree", "--name-only", ref, "tests/files/").split()
             if f.endswith(".yml")]
    tree = git(git_dir, "ls-tree", "-r", "--name-only", ref, "tests/").split()
    common = {os.path.basename(p): git(git_dir, "show", f"{ref}:{p}") for p in tree
              if p == "tests/common_vars.yml" or (p.startswith("tests/common/") and p.endswith(".yml"))}
    ci_vars = yaml.load(git(git_dir, "show", f"{ref}:{CI_ROLE}/vars/main.yml"), Loader=Loader) or {}
    defaults = yaml.load(git(git_dir, "show", f"{ref}:{CI_ROLE}/defaults/main.yml"), Loader=Loader) or {}
    try:
        template = git(git_dir, "show", f"{ref}:{CI_ROLE}/templates/inventory.j2")
    except subprocess.CalledProcessError:
        template = None
    for path in files:
        text = git(git_dir, "show", f"{ref}:{path}")
        if "\n" not in text.strip() and text.strip().endswith(".yml"):  # a symbolic link
            text = git(git_dir, "show", f"{ref}:tests/files/{text.strip()}")
        scenario = yaml.load(text, Loader=Loader) or {}
        scenario.setdefault("mode", defaults.get("mode", "default"))
        if "scenarios" in ci_vars or "cluster_layout" in scenario:
            ini = from_table(scenario, ci_vars)
        else:
            ini = from_template(scenario, template, ci_vars)
        case = os.path.join(out, os.path.basename(path)[:-4])
        os.makedirs(os.path.join(case, "group_vars", "all"), exist_ok=True)
        with open(os.path.join(case, "inventory.ini"), "w", encoding="utf-8") as f:
            f.write(ini)
        for name, content in common.items():
            with open(os.path.join(case, "group_vars", "all", name), "w", encoding="utf-8") as f:
                f.write(content)
        with open(os.path.join(case, "group_vars", "all", "zz-scenario.yml"), "w", encoding="utf-8") as f:
            f.write(text)
        print(case)


if __name__ == "__main__":
    main()
