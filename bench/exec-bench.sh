#!/usr/bin/env bash
# Benchmark of the simulated data plane (not a test): one `kubectl exec ... -- curl` answered end
# to end through the real kubectl (process start, discovery from its cache, deployment and pod
# lookups, the WebSocket exec), and the traffic-shifting lab's own 100-request loop in one exec.
#
#   mvn -B package -DskipTests && bench/exec-bench.sh [RUNS=100]
#
# Starts the packaged jar on a fresh H2 database in a temporary folder, with a throwaway HTTPS key
# pair (kubectl sends bearer tokens over HTTPS only). Prints p50/p95 wall-clock figures.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-100}"
# shellcheck source=bench/launch.sh
. bench/launch.sh
bench_launch
bench_sign_in execbench
RESP=$(curl -sS -b "$WORK/cookies" -H "Origin: $BASE" -X POST "$BASE/api/labs/traffic-shifting/sessions")
ID=$(echo "$RESP" | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])') || { echo "no session: $RESP" >&2; exit 1; }
curl -sf -b "$WORK/cookies" "$BASE/api/sessions/$ID/kubeconfig" >"$WORK/kubeconfig"
K=(kubectl --kubeconfig "$WORK/kubeconfig" --insecure-skip-tls-verify --cache-dir "$WORK/cache" -n bookinfo)
"${K[@]}" apply -f labs/traffic-shifting/solution >/dev/null

pct() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int(NR*p/100); if (i<1) i=1; printf "%.0f", a[i]}'; }
now() { date +%s%N; }

# warm-up (JIT, kubectl's discovery cache)
for _ in $(seq 1 10); do "${K[@]}" exec deploy/ratings-v1 -c ratings -- curl -s http://reviews:9080/reviews/0 >/dev/null; done

: >"$WORK/one.txt"
for _ in $(seq 1 "$RUNS"); do
  t0=$(now)
  "${K[@]}" exec deploy/ratings-v1 -c ratings -- curl -s http://reviews:9080/reviews/0 >/dev/null
  echo $(( ($(now) - t0) / 1000000 )) >>"$WORK/one.txt"
done
echo "one exec'd curl through kubectl ($RUNS runs): p50 $(pct 50 <"$WORK/one.txt") ms   p95 $(pct 95 <"$WORK/one.txt") ms"

# What kubectl itself costs here (process start, one GET): the floor under every exec figure.
: >"$WORK/get.txt"
for _ in $(seq 1 "$RUNS"); do
  t0=$(now)
  "${K[@]}" get deploy ratings-v1 >/dev/null
  echo $(( ($(now) - t0) / 1000000 )) >>"$WORK/get.txt"
done
echo "kubectl get deploy, for comparison ($RUNS runs): p50 $(pct 50 <"$WORK/get.txt") ms   p95 $(pct 95 <"$WORK/get.txt") ms"

: >"$WORK/loop.txt"
for _ in $(seq 1 20); do
  t0=$(now)
  "${K[@]}" exec deploy/ratings-v1 -c ratings -- sh -c \
    'for i in $(seq 1 100); do curl -s http://reviews:9080/reviews/0; echo; done' >"$WORK/loop.out"
  echo $(( ($(now) - t0) / 1000000 )) >>"$WORK/loop.txt"
done
echo "100-request loop in one exec (20 runs): p50 $(pct 50 <"$WORK/loop.txt") ms   p95 $(pct 95 <"$WORK/loop.txt") ms"
echo "last loop's split: $(grep -o 'reviews-v[0-9]' "$WORK/loop.out" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
