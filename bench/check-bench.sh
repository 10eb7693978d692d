#!/usr/bin/env bash
# Benchmark of the Check path (not a test): start-up to ready, the first Check, N learners checking
# at once (Checks/s, p50/p95/p99), one learner alone (warm p50/p95), resident memory idle and under
# load. The program is bench/CheckBench.java; it launches the packaged service itself.
#
#   mvn -B package -DskipTests && bench/check-bench.sh                 # H2 jar, fresh database
#   bench/check-bench.sh --postgresql meshdojo_bench [--replicas 2]    # PostgreSQL jar, see below
#
# --postgresql DB uses target/postgresql/quarkus-run.jar (built by `mvn verify`, or by
# `mvn -B quarkus:build -DskipTests -Dquarkus.datasource.db-kind=postgresql
#  -Dquarkus.package.output-directory=postgresql` after a package) on 127.0.0.1:5432, role
# meshdojo; the database's public schema is EMPTIED first. --replicas 2 starts two jars on that
# one database and splits the learners between them. Environment: BENCH_LEARNERS (20),
# BENCH_SECONDS (30, after BENCH_WARM_SECONDS=15 of warm-up), BENCH_SINGLE (500 Checks alone),
# BENCH_LAB (request-routing), BENCH_TARGET (target: where the jars are, to compare builds), JAVA_OPTS (JVM flags for the service; none by default, as the
# README's command runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
DB="" REPLICAS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --postgresql) DB="$2"; shift 2 ;;
    --replicas) REPLICAS="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# The service's own TLS key pair (as on a second start, so start-up is not timing keytool); the
# kubeconfigs carry its certificate as their CA.
mkdir -p "$WORK/tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
  -keyout "$WORK/tls/localhost-key.pem" -out "$WORK/tls/localhost-cert.pem" >/dev/null 2>&1
if [ -n "$DB" ]; then
  JAR="${BENCH_TARGET:-target}/postgresql/quarkus-run.jar"
  PGOPTIONS=--client-min-messages=warning psql -q -h 127.0.0.1 -U meshdojo -d "$DB" -c 'drop schema public cascade; create schema public;'
  URL="jdbc:postgresql://127.0.0.1:5432/$DB"
else
  JAR="${BENCH_TARGET:-target}/quarkus-app/quarkus-run.jar"
  [ "$REPLICAS" = 1 ] || { echo "two replicas need --postgresql" >&2; exit 2; }
  URL="jdbc:h2:file:$WORK/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
fi
[ -f "$JAR" ] || { echo "build first (see the top of this script): $JAR" >&2; exit 1; }
# One command line per replica; CheckBench adds the ports. Fields are separated by \x1f.
ARGS=(java ${JAVA_OPTS:-}
  -Dmeshdojo.tls.dir="$WORK/tls"
  -Dquarkus.http.auth.session.encryption-key=bench-only-shared-sign-in-key-0123456789
  -Dmeshdojo.sandbox.max-active-per-account=100
  -Dmeshdojo.throttling.address-signups=100000
  -Dmeshdojo.admin.password=bench-admin
  -Dquarkus.log.level=WARN
  -Dquarkus.datasource.jdbc.url="$URL" -Dquarkus.datasource.username=meshdojo
  -jar "$JAR")
BENCH_COMMAND=$(printf '%s\x1f' "${ARGS[@]}")
export BENCH_COMMAND="${BENCH_COMMAND%$'\x1f'}" BENCH_REPLICAS="$REPLICAS" BENCH_WORK="$WORK"
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg); jar: $JAR; replicas: $REPLICAS"
# BENCH_PROGRAM names another benchmark built on CheckBench's launcher (bench/workshop-bench.sh).
if [ -n "${BENCH_PROGRAM:-}" ]; then
  javac -d "$WORK/classes" bench/CheckBench.java "bench/$BENCH_PROGRAM.java"
  java -cp "$WORK/classes" "$BENCH_PROGRAM"
else
  java bench/CheckBench.java
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
