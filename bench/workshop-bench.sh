#!/usr/bin/env bash
# Benchmark of a workshop's live board (not a test): BENCH_LEARNERS (40) learners in one workshop
# press Check every BENCH_EVERY_SECONDS (10) for BENCH_SECONDS (60) while BENCH_WATCHERS (2)
# instructors watch the board's event stream; prints p50/p95/p99 of the board update latency.
# The program is bench/WorkshopBench.java; the service is launched as bench/check-bench.sh does,
# with the same options:
#
#   mvn -B package -DskipTests && bench/workshop-bench.sh                       # H2 jar
#   bench/workshop-bench.sh --postgresql meshdojo_bench [--replicas 2]         # EMPTIES that database
set -euo pipefail
BENCH_PROGRAM=WorkshopBench exec "$(dirname "$0")/check-bench.sh" "$@"
