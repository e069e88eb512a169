#!/usr/bin/env bash
# Runs the benchmark on both servers, one after the other, alternating A/B for several rounds, and prints the
# table of medians with the ratio sio4ee / Node per scenario. Everything runs on 127.0.0.1.
#
#   bench/compare.sh [rounds]            (default 3; more rounds give steadier medians)
#
# Environment (all optional):
#   SERVER_CPU=0 LOADGEN_CPU=1           cores of the server under test and of the load generator (taskset)
#   NODE_PORT=8601 SIO4EE_PORT=8611      loopback ports of the two servers
#   JAVA_OPTS="-Xms1g -Xmx1g ..."        the JVM of Payara Micro (fixed, pre-touched heap by default)
#   LOADGEN_ARGS="--connections 10000"   extra arguments of bench/loadgen.mjs (see its header)
#   SKIP_BUILD=1                         reuse bench/target/ROOT.war; JFR=1 records a JFR file per sio4ee round
#   WAR=target/before/ROOT.war           deploy another build of the bench WAR (e.g. to compare two commits;
#                                        named ROOT.war, so that it is deployed at /)
#   FLOOR=0                              skip the Payara floor: after sio4ee, each round also measures a do-nothing
#                                        answerer on the same Payara Micro (/floor, BenchFloorSocket and
#                                        BenchFloorPolling), the least any code on that container's stack costs
set -euo pipefail
cd "$(dirname "$0")"
BENCH=$PWD
ROUNDS=${1:-3}
LOADGEN_CPU=${LOADGEN_CPU:-1}
LOADGEN_ARGS=${LOADGEN_ARGS:-}
# shellcheck source=servers.sh
. ./servers.sh
RESULTS=$OUT/results-$STAMP.jsonl
: > "$RESULTS"

run() { # label port[/path] round [more loadgen arguments]
  echo "== round $3: $1" >&2
  # shellcheck disable=SC2086
  taskset -c "$LOADGEN_CPU" node loadgen.mjs --url "http://127.0.0.1:$2" --label "$1" $LOADGEN_ARGS "${@:4}" \
    | tee -a "$OUT/loadgen-$STAMP.log" | grep -v '"results"' | sed "s/^{/{\"round\":$3,/" >> "$RESULTS" \
    || echo "round $3: the load generator failed on $1 (its scenarios so far are kept)" >&2
  tail -n 1 "$OUT/loadgen-$STAMP.log" | cut -c1-200 >&2
}

for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then order="node sio4ee"; else order="sio4ee node"; fi
  for server in $order; do
    if [ "$server" = node ]; then
      start_node && run node "$NODE_PORT" "$round"
    else
      start_sio4ee "$round" && run sio4ee "$SIO4EE_PORT" "$round" &&
        if [ "${FLOOR:-1}" = 1 ]; then
          run payara-floor "$SIO4EE_PORT/floor" "$round" --check 0
        fi
    fi
    cleanup
  done
done

echo "results: $RESULTS" >&2
node report.mjs "$RESULTS"
