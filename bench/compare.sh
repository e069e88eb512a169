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
#   FLOOR=0                              skip the Payara floor: after sio4ee, each round also measures a do-nothing
#                                        answerer on the same Payara Micro (/floor, BenchFloorSocket and
#                                        BenchFloorPolling), the least any code on that container's stack costs
set -euo pipefail
cd "$(dirname "$0")"
BENCH=$PWD
ROUNDS=${1:-3}
SERVER_CPU=${SERVER_CPU:-0}
LOADGEN_CPU=${LOADGEN_CPU:-1}
NODE_PORT=${NODE_PORT:-8601}
SIO4EE_PORT=${SIO4EE_PORT:-8611}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC}
LOADGEN_ARGS=${LOADGEN_ARGS:-}
OUT=$BENCH/target/results
mkdir -p "$OUT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=$OUT/results-$STAMP.jsonl
: > "$RESULTS"

[ "${SKIP_BUILD:-0}" = 1 ] && [ -f target/ROOT.war ] || ./build-war.sh

SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_ready() { # port
  for _ in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$1/bench/mem" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited early" >&2; return 1; }
    sleep 1
  done
  echo "server on port $1 not ready after 180 s" >&2
  return 1
}

start_node() {
  taskset -c "$SERVER_CPU" node --expose-gc node-server.mjs "$NODE_PORT" > "$OUT/node-$STAMP.log" 2>&1 &
  SERVER_PID=$!
  wait_ready "$NODE_PORT"
}

start_sio4ee() { # round
  local jfr=
  [ "${JFR:-0}" = 1 ] && jfr="-XX:StartFlightRecording=filename=$OUT/sio4ee-$STAMP-r$1.jfr,settings=profile"
  # shellcheck disable=SC2086
  taskset -c "$SERVER_CPU" java $JAVA_OPTS $jfr -jar target/payara-micro.jar --nocluster --port "$SIO4EE_PORT" \
    --postbootcommandfile ../server-config/payara/post-boot-commands.asadmin --deploy target/ROOT.war \
    > "$OUT/sio4ee-$STAMP.log" 2>&1 &
  SERVER_PID=$!
  wait_ready "$SIO4EE_PORT"
}

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
