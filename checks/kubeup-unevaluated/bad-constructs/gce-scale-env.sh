#!/bin/bash
KUBE_GCE_ZONE=us-east1-b
# expect: kubeup-unevaluated info
NUM_NODES=$(cat node-count)
# expect: kubeup-unevaluated
if [[ "${KUBE_GCE_ZONE}" == us-* ]]; then
  KUBE_GCE_INSTANCE_PREFIX=us-scale
fi
# expect: kubeup-unevaluated
source "${KUBE_ROOT}/cluster/gce/config-default.sh"
