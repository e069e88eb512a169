#!/usr/bin/env bash
# The soak run (issue 12; not in CI): starts one server exactly as compare.sh does (servers.sh), runs
# bench/soak.mjs against it on the load generator's core, stops the server, and exits with soak.mjs's status.
#
#   bench/soak.sh [sio4ee|node] [soak.mjs arguments]
#   bench/soak.sh sio4ee                                  (1,000 clients for 30 minutes: soak.mjs's defaults)
#   bench/soak.sh node --clients 100 --duration-ms 60000
#
# Environment: as compare.sh (SERVER_CPU, LOADGEN_CPU, NODE_PORT, SIO4EE_PORT, JAVA_OPTS, SKIP_BUILD=1).
# The JSON lines also go to bench/target/results/soak-<server>-<stamp>.jsonl, the server's log beside them.
set -euo pipefail
cd "$(dirname "$0")"
BENCH=$PWD
SERVER=${1:-sio4ee}
[ $# -gt 0 ] && shift
LOADGEN_CPU=${LOADGEN_CPU:-1}
case $SERVER in
  node | sio4ee) ;;
  *) echo "usage: bench/soak.sh [sio4ee|node] [soak.mjs arguments]" >&2; exit 2 ;;
esac
# shellcheck source=servers.sh
. ./servers.sh

if [ "$SERVER" = node ]; then start_node; PORT=$NODE_PORT; else start_sio4ee soak; PORT=$SIO4EE_PORT; fi
set +e
taskset -c "$LOADGEN_CPU" node soak.mjs --url "http://127.0.0.1:$PORT" --label "$SERVER" "$@" \
  | tee "$OUT/soak-$SERVER-$STAMP.jsonl"
rc=${PIPESTATUS[0]}
set -e
log=$OUT/$SERVER-$STAMP.log
echo "server log $log: $(grep -c -E 'SEVERE|Exception' "$log" || true) lines with SEVERE or Exception" >&2
exit "$rc"
