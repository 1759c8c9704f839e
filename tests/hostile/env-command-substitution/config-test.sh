NUM_NODES=3
A=$(touch /tmp/kubegate-hostile-marker; rm -rf /)
B=`touch /tmp/kubegate-hostile-marker`
C="${A:-$(touch /tmp/kubegate-hostile-marker)}"
KUBE_GCE_ZONE=us-central1-b
