#!/usr/bin/env bash
# Builds what the benchmark runs from a fresh clone:
#   bench/target/ROOT.war       sio4ee (target/sio4ee-classes.jar) + BenchSetup + BenchStats, deployed at /,
#                               with the Redis adapter's libraries (target/redis-lib: Lettuce, msgpack-core), which
#                               load only when dev.sio4ee.ADAPTER is redis (bench/compare-cluster.sh)
#   bench/target/payara-micro.jar
#   bench/node_modules          socket.io (the reference server), @socket.io/redis-adapter and redis (its cluster
#                               mode) and ws (the load generator), from npm
# Usage: bench/build-war.sh            (SKIP_MVN=1 reuses target/ of an earlier build)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/target
PAYARA_VERSION=$(sed -n 's:.*<version.payara>\(.*\)</version.payara>.*:\1:p' pom.xml)
API=jakarta.platform:jakarta.jakartaee-api:10.0.0

if [ "${SKIP_MVN:-0}" != 1 ] || [ ! -f target/sio4ee-classes.jar ] || [ ! -d target/redis-lib ]; then
  mvn -B -q -DskipTests package
fi
mkdir -p "$OUT/lib"
[ -f "$OUT/lib/jakarta.jakartaee-api.jar" ] || mvn -B -q dependency:copy -Dartifact=$API \
  -DoutputDirectory="$OUT/lib" -Dmdep.stripVersion=true
[ -f "$OUT/payara-micro.jar" ] || mvn -B -q dependency:copy \
  -Dartifact=fish.payara.extras:payara-micro:$PAYARA_VERSION -DoutputDirectory="$OUT" -Dmdep.stripVersion=true

rm -rf "$OUT/war" "$OUT/ROOT.war"
mkdir -p "$OUT/war/WEB-INF/classes" "$OUT/war/WEB-INF/lib"
javac --release 17 -nowarn -d "$OUT/war/WEB-INF/classes" -cp "target/classes:$OUT/lib/jakarta.jakartaee-api.jar" \
  src/test/java/dev/sio4ee/it/app/BenchSetup.java src/test/java/dev/sio4ee/it/app/BenchStats.java \
  src/test/java/dev/sio4ee/jakarta/BenchFloorSocket.java src/test/java/dev/sio4ee/jakarta/BenchFloorPolling.java
cp target/sio4ee-classes.jar "$OUT/war/WEB-INF/lib/sio4ee.jar"
cp target/redis-lib/*.jar "$OUT/war/WEB-INF/lib/"
cat > "$OUT/war/WEB-INF/beans.xml" <<'XML'
<beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
XML
(cd "$OUT/war" && jar --create --file ../ROOT.war .)

if [ ! -d bench/node_modules/@socket.io/redis-adapter ]; then
  (cd bench && npm install --no-audit --no-fund --loglevel=error)
fi
echo "built $OUT/ROOT.war"
