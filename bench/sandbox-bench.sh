#!/usr/bin/env bash
# Benchmark of embedded sandboxes (not a test): time to READY per session, latency of an API read
# through a sandbox token and of a check (grading) through the API, and the heap held with N idle
# sandboxes.
#
#   mvn -B package -DskipTests && bench/sandbox-bench.sh [N=1000]
#
# Starts the packaged jar on a fresh H2 database in a temporary folder, with HTTPS from the test
# certificate. Prints p50/p95 figures and the heap used after a full GC.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000}"
# shellcheck source=bench/launch.sh
. bench/launch.sh
bench_launch -Dmeshdojo.sandbox.max-active-per-account=100000
bench_sign_in loadtest
AUTH=(-b "$WORK/cookies")

pct() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int(NR*p/100); if (i<1) i=1; printf "%.1f", a[i]*1000}'; }

# warm-up (JIT, connection pools)
for _ in $(seq 1 20); do curl -sf "${AUTH[@]}" -X POST "$BASE/api/labs/request-routing/sessions" >/dev/null; done

: >"$WORK/create.txt"
LAST=""
for _ in $(seq 1 "$N"); do
  OUT=$(curl -sf "${AUTH[@]}" -X POST -w ' %{time_total}' "$BASE/api/labs/request-routing/sessions")
  echo "${OUT##* }" >>"$WORK/create.txt"
  LAST=$(echo "$OUT" | python3 -c 'import sys,json; print(json.loads(sys.stdin.read().rsplit(" ",1)[0])["id"])')
done
echo "sessions created to READY: $N (+20 warm-up)"
echo "  p50 $(pct 50 <"$WORK/create.txt") ms   p95 $(pct 95 <"$WORK/create.txt") ms"

curl -sf "${AUTH[@]}" "$BASE/api/sessions/$LAST/kubeconfig" >"$WORK/kubeconfig"
# check a sandbox that holds the lab's reference solution, as a learner's would near the end
SOLUTION=labs/request-routing/solution/reviews-routing.yaml
kubectl --kubeconfig "$WORK/kubeconfig" --insecure-skip-tls-verify apply -f "$SOLUTION" >/dev/null
TOKEN=$(awk '/token:/ {print $2}' "$WORK/kubeconfig")
: >"$WORK/read.txt"
for _ in $(seq 1 200); do
  curl -sfk -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" \
    "https://localhost:$SSL/sandboxes/$LAST/k8s/api/v1/namespaces/bookinfo/pods" >>"$WORK/read.txt"
done
echo "list pods through a sandbox token (200 calls): p50 $(pct 50 <"$WORK/read.txt") ms   p95 $(pct 95 <"$WORK/read.txt") ms"

: >"$WORK/check.txt"
for _ in $(seq 1 200); do
  curl -sf "${AUTH[@]}" -X POST -o /dev/null -w '%{time_total}\n' "$BASE/api/sessions/$LAST/check" >>"$WORK/check.txt"
done
echo "check a sandbox through the API (200 calls): p50 $(pct 50 <"$WORK/check.txt") ms   p95 $(pct 95 <"$WORK/check.txt") ms"

jcmd "$PID" GC.run >/dev/null
sleep 1
echo "heap after full GC with $((N + 20)) idle sandboxes:"
jcmd "$PID" GC.heap_info | sed -n '1,3p'
