#!/usr/bin/env bash
# kubegate's hooks under Debian's pre-commit, as a user gets them: a throw-away repository whose
# .pre-commit-config.yaml names this checkout by `repo:` (its working tree, committed in a scratch
# clone), `pre-commit install`, then real commits: a bad Kubespray inventory is rejected with
# its finding shown once, the fixed one is accepted, a commit touching only an RKE2 drop-in is
# checked and rejected; and the kubegate-build hook (no kubegate installed) builds kubegate on
# first use and reports the same finding. Needs pre-commit and git; network is not used.
# Usage: pre_commit_test.sh KUBEGATE SOURCE_DIR
set -euo pipefail
kubegate=$1 src=$2
fail() { echo "pre-commit: $*" >&2; exit 1; }
command -v pre-commit >/dev/null || fail "pre-commit is missing (Debian: apt-get install pre-commit)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME=$work/cache GIT_CONFIG_GLOBAL=$work/gitconfig GIT_CONFIG_NOSYSTEM=1
git config --global user.email test@example.com
git config --global user.name test
git config --global init.defaultBranch main
mkdir -p "$work/bin"
ln -s "$(cd "$(dirname "$kubegate")" && pwd)/$(basename "$kubegate")" "$work/bin/kubegate"

# The hook repository: this checkout with its uncommitted changes, as one commit.
hooks=$work/hooks
git clone -q "$src" "$hooks"
(cd "$src" && git diff HEAD --binary) | (cd "$hooks" && git apply --allow-empty)
(cd "$src" && git ls-files --others --exclude-standard -z) | (cd "$src" && xargs -0 -r cp --parents -t "$hooks")
(cd "$hooks" && git add -A && git commit -qm "hooks under test" --allow-empty)
rev=$(git -C "$hooks" rev-parse HEAD)

repo=$work/repo
mkdir -p "$repo"
cd "$repo"
git init -q
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: kubegate
        args: [--kubespray-version, "2.24.0"]
YAML
git add .pre-commit-config.yaml
git commit -qm "pre-commit configuration"
PATH=$work/bin:$PATH pre-commit install >/dev/null

commit() {  # commit MESSAGE: the commit's output in $work/out, its status returned
  set +e
  PATH=$work/bin:$PATH git commit -m "$1" >"$work/out" 2>&1
  local code=$?
  set -e
  return $code
}
once() {  # once TEXT: TEXT appears exactly once in the last commit's output
  local n
  n=$(grep -cF -- "$1" "$work/out" || true)
  [ "$n" = 1 ] || { cat "$work/out"; fail "\"$1\" appears $n times, not once"; }
}

# A bad inventory (kubernetes-sigs/kubespray#12059), many files in one commit: rejected, once.
cp -r "$src/examples/kubespray-12059" inventory
for i in $(seq 1 40); do echo "extra_var_$i: $i" >"inventory/group_vars/all/extra$i.yml"; done
git add -A
if commit "bad inventory"; then cat "$work/out"; fail "the bad inventory was committed"; fi
once "[csr-approver-external-cloud]"
echo "pre-commit: bad commit rejected, its finding shown once"

sed -i 's/^kubelet_rotate_server_certificates: true/kubelet_rotate_server_certificates: false/' \
  inventory/group_vars/k8s_cluster/k8s-cluster.yml
git add -A
commit "fixed inventory" || { cat "$work/out"; fail "the fixed inventory was rejected"; }
echo "pre-commit: good commit accepted"

# A commit touching only an RKE2 drop-in.
mkdir -p rke2/server1/config.yaml.d
printf 'token: x\ncni: canal\n' >rke2/server1/config.yaml
git add -A
commit "rke2 server" || { cat "$work/out"; fail "the good RKE2 configuration was rejected"; }
printf 'cni: not-a-cni\n' >rke2/server1/config.yaml.d/50-cni.yaml
git add rke2/server1/config.yaml.d/50-cni.yaml
if commit "rke2 drop-in"; then cat "$work/out"; fail "the RKE2 drop-in with a bad cni was committed"; fi
once "50-cni.yaml:1:6: error: RKE2 refuses to start"
echo "pre-commit: a commit touching only an RKE2 drop-in is checked"

# kubegate-build: no kubegate on PATH; the hook builds it in pre-commit's cache on first use.
git reset -q --hard
sed -i 's/^kubelet_rotate_server_certificates: false/kubelet_rotate_server_certificates: true/' \
  inventory/group_vars/k8s_cluster/k8s-cluster.yml
set +e
pre-commit try-repo "$hooks" kubegate-build --ref "$rev" --files inventory/group_vars/k8s_cluster/k8s-cluster.yml \
  >"$work/out" 2>&1
code=$?
set -e
[ "$code" = 1 ] || { cat "$work/out"; fail "kubegate-build exited $code, not 1"; }
grep -qF "[csr-approver-external-cloud]" "$work/out" || { cat "$work/out"; fail "kubegate-build lacks the finding"; }
echo "pre-commit: kubegate-build built kubegate and found the hazard"
echo "pre-commit: ok"
