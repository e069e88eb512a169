# The server side of the benchmark, sourced by compare.sh and soak.sh (from bench/, after `set -euo pipefail`):
# builds bench/target/ROOT.war unless SKIP_BUILD=1 finds one, then offers start_node, start_sio4ee [round] and
# cleanup (run on exit), which stops the servers started. compare-cluster.sh starts two servers at a time:
#   start_node  [port [cpu [redis-url [name]]]]          defaults: $NODE_PORT, $SERVER_CPU, none, node
#   start_sio4ee [round [port [cpu [redis-uri [name]]]]]  defaults: -, $SIO4EE_PORT, $SERVER_CPU, none, sio4ee
# A Redis URL turns the cluster adapter on: Node's official @socket.io/redis-adapter, sio4ee's
# dev.sio4ee.ADAPTER=redis. Environment: see compare.sh.
SERVER_CPU=${SERVER_CPU:-0}
NODE_PORT=${NODE_PORT:-8601}
SIO4EE_PORT=${SIO4EE_PORT:-8611}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC}
OUT=$BENCH/target/results
mkdir -p "$OUT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)

[ "${SKIP_BUILD:-0}" = 1 ] && [ -f target/ROOT.war ] || ./build-war.sh

SERVER_PID=    # the server started last
SERVER_PIDS=() # every server started and not yet stopped
cleanup() {
  local pid
  for pid in ${SERVER_PIDS[@]+"${SERVER_PIDS[@]}"}; do kill "$pid" 2>/dev/null || true; done
  for pid in ${SERVER_PIDS[@]+"${SERVER_PIDS[@]}"}; do
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  SERVER_PIDS=()
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

start_node() { # [port [cpu [redis-url [name]]]]
  local port=${1:-$NODE_PORT} cpu=${2:-$SERVER_CPU} redis=${3:-} name=${4:-node}
  # shellcheck disable=SC2086
  taskset -c "$cpu" node --expose-gc node-server.mjs "$port" $redis >> "$OUT/$name-$STAMP.log" 2>&1 &
  SERVER_PID=$!
  SERVER_PIDS+=("$SERVER_PID")
  wait_ready "$port"
}

start_sio4ee() { # [round [port [cpu [redis-uri [name]]]]]
  local round=${1:-} port=${2:-$SIO4EE_PORT} cpu=${3:-$SERVER_CPU} redis=${4:-} name=${5:-sio4ee} jfr= adapter=
  [ "${JFR:-0}" = 1 ] && jfr="-XX:StartFlightRecording=filename=$OUT/$name-$STAMP-r$round.jfr,settings=profile"
  [ -n "$redis" ] && adapter="-Ddev.sio4ee.ADAPTER=redis -Ddev.sio4ee.REDIS_URI=$redis"
  # shellcheck disable=SC2086
  taskset -c "$cpu" java $JAVA_OPTS $jfr $adapter -jar target/payara-micro.jar --nocluster --port "$port" \
    --postbootcommandfile ../server-config/payara/post-boot-commands.asadmin --deploy "${WAR:-target/ROOT.war}" \
    >> "$OUT/$name-$STAMP.log" 2>&1 &
  SERVER_PID=$!
  SERVER_PIDS+=("$SERVER_PID")
  wait_ready "$port"
}

