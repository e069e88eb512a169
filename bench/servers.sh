# The server side of the benchmark, sourced by compare.sh and soak.sh (from bench/, after `set -euo pipefail`):
# builds bench/target/ROOT.war unless SKIP_BUILD=1 finds one, then offers start_node, start_sio4ee [round] and
# cleanup (run on exit), which stop the one server started. Environment: see compare.sh.
SERVER_CPU=${SERVER_CPU:-0}
NODE_PORT=${NODE_PORT:-8601}
SIO4EE_PORT=${SIO4EE_PORT:-8611}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC}
OUT=$BENCH/target/results
mkdir -p "$OUT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)

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

