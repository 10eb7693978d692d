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
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')
SSL=$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')
keytool -genkeypair -keystore "$WORK/tls.p12" -storetype PKCS12 -storepass bench-only -keypass bench-only \
  -alias localhost -dname CN=localhost -ext SAN=dns:localhost,ip:127.0.0.1 -keyalg RSA -keysize 2048 \
  -validity 2 >/dev/null 2>&1
java -Xmx512m \
  -Dquarkus.http.port="$PORT" -Dquarkus.http.ssl-port="$SSL" \
  -Dquarkus.http.ssl.certificate.key-store-file="$WORK/tls.p12" \
  -Dquarkus.http.ssl.certificate.key-store-password=bench-only \
  -Dmeshdojo.sandbox.public-url="https://localhost:$SSL" \
  -Dmeshdojo.admin.password=bench-admin \
  -Dquarkus.log.level=WARN \
  "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:$WORK/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
  -jar "$JAR" >"$WORK/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do curl -sf "http://localhost:$PORT/q/health/ready" >/dev/null && break; sleep 0.5; done
BASE="http://localhost:$PORT"
curl -sf -o /dev/null -H "Content-Type: application/json" -d '{"username":"execbench","password":"sandbox load 42"}' "$BASE/api/signup"
curl -sf -c "$WORK/cookies" -o /dev/null -d 'j_username=execbench' -d 'j_password=sandbox load 42' "$BASE/j_security_check"
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
