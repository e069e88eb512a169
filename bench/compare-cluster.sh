#!/usr/bin/env bash
# Cross-node fan-out: two servers in one cluster through one Redis, sio4ee + sio4ee against Node + Node, alternating
# A/B for several rounds, then the table of medians with the ratio sio4ee / Node. Everything runs on 127.0.0.1.
#
#   bench/compare-cluster.sh [rounds]      (default 3)
#
# One redis-server (Debian's /usr/bin/redis-server: no persistence, loopback only) runs for the whole script and
# is stopped at the end. Each round starts, for each kind in turn, node A and node B with the Redis adapter on:
#   Node:   bench/node-server.mjs <port> redis://127.0.0.1:<REDIS_PORT>  (@socket.io/redis-adapter createAdapter)
#   sio4ee: Payara Micro + bench/target/ROOT.war with -Ddev.sio4ee.ADAPTER=redis -Ddev.sio4ee.REDIS_URI=...
# Then the generator (bench/loadgen.mjs --scenarios xfanout,xsmall) warms both nodes up for 120 s, checks a room
# across the nodes, and runs two cross-node fan-outs. In each, half the receivers are on A and half on B, and a
# sender on A emits `broadcast` (4 in flight); A delivers to its clients and publishes to Redis, B delivers what
# Redis brings to its clients.
#   xfanout: 1,000 receivers, 300 broadcasts (300,000 deliveries): the cost of writing to each client dominates
#   xsmall:  20 receivers, 20,000 broadcasts (400,000 deliveries): the cost of each message's trip dominates
#
# Environment (all optional; the defaults of compare.sh for the rest, see its header):
#   A_CPU=0 B_CPU=0                cores of node A and node B (both servers share the server core by default, so
#                                  the pair has the one core a single server has in compare.sh)
#   LOADGEN_CPU=1 REDIS_CPU=1      cores of the load generator and of redis-server
#   NODE_PORT=8601 NODE_PORT_B=8602 SIO4EE_PORT=8611 SIO4EE_PORT_B=8612 REDIS_PORT=8621
#   LOADGEN_ARGS="--fanout-messages 600"   extra arguments of bench/loadgen.mjs (they win over the defaults above)
#   SKIP_BUILD=1, JFR=1 (a flight recording of each sio4ee node and round), JAVA_OPTS: as in compare.sh
#   ONLY=sio4ee (or node)          run one kind only (for profiling); the results of the other stay empty
set -euo pipefail
cd "$(dirname "$0")"
BENCH=$PWD
ROUNDS=${1:-3}
LOADGEN_CPU=${LOADGEN_CPU:-1}
LOADGEN_ARGS=${LOADGEN_ARGS:-}
# shellcheck source=servers.sh
. ./servers.sh
A_CPU=${A_CPU:-$SERVER_CPU}
B_CPU=${B_CPU:-$SERVER_CPU}
REDIS_CPU=${REDIS_CPU:-$LOADGEN_CPU}
NODE_PORT_B=${NODE_PORT_B:-8602}
SIO4EE_PORT_B=${SIO4EE_PORT_B:-8612}
REDIS_PORT=${REDIS_PORT:-8621}
REDIS_URL=redis://127.0.0.1:$REDIS_PORT
RESULTS=$OUT/results-cluster-$STAMP.jsonl
: > "$RESULTS"

REDIS_PID=
stop_redis() {
  if [ -n "$REDIS_PID" ] && kill -0 "$REDIS_PID" 2>/dev/null; then
    kill "$REDIS_PID" 2>/dev/null || true
    for _ in $(seq 1 10); do kill -0 "$REDIS_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$REDIS_PID" 2>/dev/null || true
  fi
  REDIS_PID=
}
trap 'cleanup; stop_redis' EXIT

taskset -c "$REDIS_CPU" /usr/bin/redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
  --daemonize no --loglevel warning > "$OUT/redis-$STAMP.log" 2>&1 &
REDIS_PID=$!
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && break
  kill -0 "$REDIS_PID" 2>/dev/null || { echo "redis-server exited early, see $OUT/redis-$STAMP.log" >&2; exit 1; }
  sleep 0.2
done
echo "redis-server pid $REDIS_PID on 127.0.0.1:$REDIS_PORT (core $REDIS_CPU); servers A on core $A_CPU," \
  "B on core $B_CPU; generator on core $LOADGEN_CPU" >&2

redis_stats() { # label round: the commands Redis served for that run, and its traffic (diagnostics)
  command -v redis-cli >/dev/null || return 0
  { echo "== round $2: $1"; redis-cli -p "$REDIS_PORT" INFO commandstats | grep -E 'publish|psubscribe|pubsub' || true
    redis-cli -p "$REDIS_PORT" INFO stats | grep -E 'total_net_(input|output)_bytes|total_commands_processed|total_reads|total_writes' || true
  } >> "$OUT/redis-stats-$STAMP.log" 2>&1
  redis-cli -p "$REDIS_PORT" CONFIG RESETSTAT > /dev/null 2>&1 || true
}

run() { # label portA portB round
  echo "== round $4: $1 (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  redis_stats "(before $1)" "$4"
  # shellcheck disable=SC2086
  taskset -c "$LOADGEN_CPU" node loadgen.mjs --url "http://127.0.0.1:$2" --url-b "http://127.0.0.1:$3" \
    --redis-pid "$REDIS_PID" --label "$1" --scenarios xfanout,xsmall --fanout-messages 300 $LOADGEN_ARGS \
    | tee -a "$OUT/loadgen-cluster-$STAMP.log" | grep -v '"results"' \
    | sed "s/^{/{\"round\":$4,/" >> "$RESULTS" \
    || echo "round $4: the load generator failed on $1 (its scenarios so far are kept)" >&2
  tail -n 1 "$OUT/loadgen-cluster-$STAMP.log" | cut -c1-300 >&2
  redis_stats "$1" "$4"
}

for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then order="node sio4ee"; else order="sio4ee node"; fi
  [ -n "${ONLY:-}" ] && order=$ONLY
  for server in $order; do
    if [ "$server" = node ]; then
      start_node "$NODE_PORT" "$A_CPU" "$REDIS_URL" node-a && start_node "$NODE_PORT_B" "$B_CPU" "$REDIS_URL" node-b &&
        run node "$NODE_PORT" "$NODE_PORT_B" "$round"
    else
      start_sio4ee "$round" "$SIO4EE_PORT" "$A_CPU" "$REDIS_URL" sio4ee-a &&
        start_sio4ee "$round" "$SIO4EE_PORT_B" "$B_CPU" "$REDIS_URL" sio4ee-b &&
        run sio4ee "$SIO4EE_PORT" "$SIO4EE_PORT_B" "$round"
    fi
    cleanup
  done
done

echo "results: $RESULTS (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
node report.mjs "$RESULTS"
