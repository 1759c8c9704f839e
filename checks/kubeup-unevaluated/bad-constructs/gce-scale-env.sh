#!/bin/bash
KUBE_GCE_ZONE=us-east1-b
# expect: kubeup-unevaluated info @11 /value unknown: kubegate does not run \$\(\.\.\.\) \(NUM_NODES\)/
NUM_NODES=$(cat node-count)
# expect: kubeup-unevaluated @1 /kubegate does not evaluate `if` blocks \(KUBE_GCE_INSTANCE_PREFIX\)/
if [[ "${KUBE_GCE_ZONE}" == us-* ]]; then
  KUBE_GCE_INSTANCE_PREFIX=us-scale
fi
# expect: kubeup-unevaluated @1 /kubegate does not follow `source` \(the sourced file is not read\)/
source "${KUBE_ROOT}/cluster/gce/config-default.sh"
