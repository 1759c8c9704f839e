#!/usr/bin/env bash
# The shell completions `kubegate completion SHELL` writes complete what the command line accepts:
# bash and fish are asked for real completions (bash through its completion function, fish with
# `complete -C`); zsh's script is checked for syntax and that it registers itself, since zsh
# completes only in an interactive line editor.
# Usage: completion_test.sh KUBEGATE SOURCE_DIR
set -euo pipefail
kubegate=$1 src=$2
fail() { echo "completion: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for shell in bash zsh fish; do "$kubegate" completion "$shell" >"$work/$shell"; done
cd "$src"

# bash: `bash_complete WORD...` prints the candidates for the last word, one per line.
bash_complete() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _kubegate; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$work/bash" "$@"
}
expect() {  # expect SHELL WANTED CANDIDATES...
  local shell=$1 wanted=$2 got
  shift 2
  got=$("$@" | tr '\n' ' ')
  got=${got% }
  [ "$got" = "$wanted" ] || fail "$shell: $* completes to \"$got\", not \"$wanted\""
}
expect bash "lint" bash_complete kubegate li
expect bash "sarif" bash_complete kubegate lint --format s
expect bash "json" bash_complete kubegate checks --format j
expect bash "csr-approver-external-cloud csr-approver-generic-cni" bash_complete kubegate explain csr-
expect bash "etcd-even-members" bash_complete kubegate lint --disable etcd-ev
expect bash "--fail-on" bash_complete kubegate lint --fa
expect bash "examples/kubespray-12059 examples/kubespray-12059-fixed" bash_complete kubegate lint examples/kubespray-1
expect bash "" bash_complete kubegate lint --kubespray-version 2.
expect bash "zsh" bash_complete kubegate completion z

command -v fish >/dev/null || fail "fish is missing (scripts/setup.sh --test installs it)"
fish_complete() { fish -c "source $work/fish; complete -C '$*'" | cut -f1; }
expect fish "lint" fish_complete kubegate li
expect fish "sarif" fish_complete kubegate lint --format s
expect fish "csr-approver-external-cloud csr-approver-generic-cni" fish_complete kubegate explain csr-
expect fish "--fail-on" fish_complete kubegate lint --fa
expect fish "examples/kubespray-12059/ examples/kubespray-12059-fixed/" fish_complete kubegate lint examples/kubespray-1
expect fish "" fish_complete kubegate lint --kubespray-version 2.
expect fish "zsh" fish_complete kubegate completion z

command -v zsh >/dev/null || fail "zsh is missing (scripts/setup.sh --test installs it)"
zsh -n "$work/zsh" || fail "zsh: the script does not parse"
registered=$(zsh -fc "autoload -Uz compinit && compinit -u -d $work/zcompdump && source $work/zsh && print \$_comps[kubegate]")
[ "$registered" = "_kubegate" ] || fail "zsh: sourcing the script registers \"$registered\", not _kubegate"
grep -qF "'*:path:_files'" "$work/zsh" || fail "zsh: lint's paths do not complete as files"
echo "completion: bash, fish and zsh complete kubegate's commands, options, values and paths"
