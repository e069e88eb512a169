// Prints the table of medians of a results file of bench/compare.sh (one JSON object a line), as Markdown:
//   node report.mjs target/results/results-<stamp>.jsonl
import { readFileSync } from "node:fs";

const METRICS = [
  ["connect", "connectPerSec", "connections/s", ">=", null],
  ["connect", "bytesPerConnection", "bytes/connection (heap after GC + off-heap)", "<=", 1.0],
  ["connect", "serverCpuMsPer1k", "server CPU ms / 1k connections", "<=", null],
  ["echo", "msgsPerSec", "echo-ack round trips/s", ">=", 2.0],
  ["echo", "p50Ms", "echo-ack p50 ms", "<=", null],
  ["echo", "p99Ms", "echo-ack p99 ms", "<=", 1.0],
  ["echo", "serverCpuMsPer1k", "server CPU ms / 1k echoes", "<=", 0.5],
  ["fanout", "deliveriesPerSec", "fan-out deliveries/s", ">=", 2.0],
  ["fanout", "p99Ms", "fan-out p99 delivery ms", "<=", null],
  ["fanout", "serverCpuMsPer1k", "server CPU ms / 1k deliveries", "<=", 0.5],
  ["polling", "msgsPerSec", "polling echo round trips/s", ">=", 1.5],
  ["polling", "p99Ms", "polling echo p99 ms", "<=", null],
  ["polling", "serverCpuMsPer1k", "server CPU ms / 1k polling echoes", "<=", null],
  ["binary", "msgsPerSec", "64 KiB binary echoes/s", ">=", 1.5],
  ["binary", "p99Ms", "64 KiB binary echo p99 ms", "<=", null],
  ["binary", "serverCpuMsPer1k", "server CPU ms / 1k binary echoes", "<=", null],
  // bench/compare-cluster.sh: two nodes and one Redis
  ["xfanout", "deliveriesPerSec", "cross-node fan-out deliveries/s", ">=", null],
  ["xfanout", "p99Ms", "cross-node fan-out p99 delivery ms", "<=", null],
  ["xfanout", "p99MsB", "cross-node fan-out p99 ms on node B (through Redis)", "<=", null],
  ["xfanout", "serverCpuMsPer1k", "server CPU ms / 1k deliveries, nodes A + B", "<=", 1.0],
  ["xfanout", "serverACpuMsPer1k", "node A (sender's node) CPU ms / 1k deliveries", "<=", null],
  ["xfanout", "serverBCpuMsPer1k", "node B CPU ms / 1k deliveries", "<=", null],
  ["xfanout", "remoteCpuMsPer1k", "node B CPU ms / 1k deliveries on B", "<=", null],
  ["xfanout", "redisCpuMsPer1k", "redis-server CPU ms / 1k deliveries", "<=", null],
  ["xfanout", "otherCores", "fan-out: other load on the machine meanwhile, cores", "", null],
  ["xsmall", "deliveriesPerSec", "small rooms across nodes: deliveries/s", ">=", null],
  ["xsmall", "p99Ms", "small rooms across nodes: p99 delivery ms", "<=", null],
  ["xsmall", "serverCpuMsPer1k", "small rooms: server CPU ms / 1k deliveries, A + B", "<=", 1.0],
  ["xsmall", "serverACpuMsPer1k", "small rooms: node A CPU ms / 1k deliveries", "<=", null],
  ["xsmall", "remoteCpuMsPer1k", "small rooms: node B CPU ms / 1k deliveries on B", "<=", null],
  ["xsmall", "redisCpuMsPer1k", "small rooms: redis-server CPU ms / 1k deliveries", "<=", null],
  ["xsmall", "otherCores", "small rooms: other load on the machine meanwhile, cores", "", null],
];

const file = process.argv[2];
if (!file) {
  console.error("usage: node report.mjs <results.jsonl>");
  process.exit(2);
}
const rows = readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.startsWith("{"))
  .map((l) => JSON.parse(l));

function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function fmt(x) {
  if (!Number.isFinite(x)) return "–";
  if (Math.abs(x) >= 100) return String(Math.round(x));
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}
const values = (label, scenario, key) =>
  rows.filter((r) => r.label === label && r.scenario === scenario && Number.isFinite(r[key])).map((r) => r[key]);

const rounds = new Set(rows.map((r) => r.round)).size;
console.log(`Medians of ${rounds} round(s), ${file.split("/").pop()}`);
console.log("");
// the floor: a do-nothing answerer on the same Payara Micro (BenchFloorSocket/BenchFloorPolling), when measured
const floor = rows.some((r) => r.label === "payara-floor");
console.log(`| metric | Node socket.io | sio4ee | sio4ee / Node | target | met |${floor ? " Payara floor | floor / Node |" : ""}`);
console.log(`|---|---:|---:|---:|---:|:---:|${floor ? "---:|---:|" : ""}`);
for (const [scenario, key, name, dir, target] of METRICS) {
  const n = median(values("node", scenario, key));
  const j = median(values("sio4ee", scenario, key));
  if (!Number.isFinite(n) && !Number.isFinite(j)) continue;
  const ratio = n ? j / n : NaN;
  const met = target === null || !Number.isFinite(ratio) ? "" : (dir === ">=" ? ratio >= target : ratio <= target) ? "yes" : "no";
  let extra = "";
  if (floor) {
    const f = median(values("payara-floor", scenario, key));
    extra = ` ${fmt(f)} | ${fmt(n ? f / n : NaN)} |`;
  }
  console.log(`| ${name} | ${fmt(n)} | ${fmt(j)} | ${fmt(ratio)} | ${target === null ? "" : dir + " " + target} | ${met} |${extra}`);
}
