// Load generator of the benchmark. It speaks Engine.IO v4 / Socket.IO v5 itself over `ws` and node:http (a raw
// client costs far less CPU than socket.io-client, so 10,000 connections and fan-out do not saturate the
// generator's core first). Works against any server with the handlers echo / broadcast / join / room and
// GET /bench/mem (bench/node-server.mjs, sio4ee's BenchSetup + BenchStats).
//
//   node loadgen.mjs --url http://127.0.0.1:8601 [--label node] [--scenarios connect,echo,fanout,polling,binary]
//                    [--connections 10000] [--echo-clients 50] [--duration-ms 5000] [--fanout-receivers 1000]
//                    [--fanout-messages 150] [--polling-clients 10] [--binary-clients 4] [--warmup-ms 120000]
//                    [--check 0]   (skips the handler check: for the floor server, which has no rooms)
//
// Cross-node fan-out, for two servers in one cluster (bench/compare-cluster.sh):
//   node loadgen.mjs --url http://127.0.0.1:8611 --url-b http://127.0.0.1:8612 --scenarios xfanout,xsmall
//                    [--redis-pid <pid of redis-server>] [--fanout-receivers 1000] [--fanout-messages 150]
//                    [--small-receivers 20] [--small-messages 20000]
// The receivers are split over node A (--url, the sender's node) and node B (--url-b), half each; every
// broadcast reaches B through the servers' Redis adapter. xfanout: many receivers per broadcast, so the cost of
// writing to each client dominates; xsmall: few receivers and many broadcasts, so the cost of each message's trip
// (the emit, Redis, the adapters) dominates. The handler check then checks a room across nodes.
//
// Prints one JSON line per scenario, then {"label":..,"results":[..]} as the last line. Server CPU comes from
// /proc/<pid>/stat of the server's pid (given by /bench/mem), so server and generator share one machine.
import http from "node:http";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import * as raw from "./rawclient.mjs";
import { parseArgs, int, sleep, now, withTimeout, round, closeAll } from "./rawclient.mjs";

const opts = parseArgs(process.argv.slice(2));
const TARGET = raw.target(opts.url);
const TARGET_B = opts["url-b"] ? raw.target(opts["url-b"]) : null; // node B of a cluster (xfanout)
const REDIS_PID = int(opts["redis-pid"], 0);
const { host: HOST, port: PORT, sio: SIO } = TARGET;
const LABEL = opts.label || "server";
const SCENARIOS = (opts.scenarios || "connect,echo,fanout,polling,binary").split(",");
const N_CONNECT = int(opts.connections, 10000);
const ECHO_CLIENTS = int(opts["echo-clients"], 50);
const DURATION = int(opts["duration-ms"], 5000);
const FANOUT_RECEIVERS = int(opts["fanout-receivers"], 1000);
const FANOUT_MESSAGES = int(opts["fanout-messages"], 150);
const FANOUT_WINDOW = int(opts["fanout-window"], 4);
const SMALL_RECEIVERS = int(opts["small-receivers"], 20);
const SMALL_MESSAGES = int(opts["small-messages"], 20000);
const POLLING_CLIENTS = int(opts["polling-clients"], 10);
const BINARY_CLIENTS = int(opts["binary-clients"], 4);
const BINARY_SIZE = int(opts["binary-size"], 64 * 1024);
const WARMUP = int(opts["warmup-ms"], 120000);
const CHECK = opts.check !== "0"; // --check 0: skip the handler check (the floor server has no rooms)
const CONNECT_CONCURRENCY = int(opts["connect-concurrency"], 100);
const HOLD = int(opts["hold-ms"], 0); // connect: keep the connections open this long after measuring
const TIMEOUT = int(opts["timeout-ms"], 120000); // hard bound of every scenario
const CLK_TCK = 100; // USER_HZ on Linux

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
function latencyStats(samples) {
  const s = Float64Array.from(samples).sort();
  return { p50Ms: round(percentile(s, 50)), p99Ms: round(percentile(s, 99)) };
}
// ---- server probes -------------------------------------------------------------------------------------------

async function mem() {
  return raw.mem(TARGET);
}

let serverPid = 0;
let serverPidB = 0;
function cpuTicks(pid = serverPid) {
  if (!pid) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]); // utime + stime (fields 14 and 15)
  } catch {
    return NaN;
  }
}
/** Busy ticks of the whole machine (all cores) from /proc/stat: to tell how much else ran during a scenario. */
function machineBusyTicks() {
  try {
    const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    return f.slice(0, 8).reduce((a, b) => a + b, 0) - f[3] - f[4]; // all but idle and iowait
  } catch {
    return NaN;
  }
}
/** This generator's own CPU in ticks. */
function ownTicks() {
  const u = process.cpuUsage();
  return ((u.user + u.system) / 1e6) * CLK_TCK;
}
function cpuMsPer1k(ticks0, ticks1, count) {
  return count > 0 ? round((((ticks1 - ticks0) * 1000) / CLK_TCK / count) * 1000, 2) : 0;
}

const connectStats = { retries: 0 };
function connectMany(n, concurrency, deadline) {
  return raw.connectMany(TARGET, n, concurrency, deadline, connectStats);
}

// ---- scenarios ---------------------------------------------------------------------------------------------

/** N WebSocket clients connect (at most CONNECT_CONCURRENCY at a time) and stay idle; memory after GC. */
async function connect(n) {
  const before = await mem();
  connectStats.retries = 0;
  const t0 = cpuTicks();
  const start = now();
  const clients = await connectMany(n, CONNECT_CONCURRENCY, start + TIMEOUT);
  const elapsed = now() - start;
  const t1 = cpuTicks();
  await sleep(1000);
  const after = await mem();
  if (HOLD > 0) {
    console.error(`connect: holding ${n} connections for ${HOLD} ms (e.g. for jmap -histo:live)`);
    await sleep(HOLD);
  }
  closeAll(clients);
  if (after.clients < n) throw new Error(`the server holds ${after.clients} clients, not ${n}`);
  // let the server forget them before the next scenario (bounded)
  for (let i = 0; i < 100 && (await mem()).clients > 0; i++) await sleep(200);
  return {
    scenario: "connect",
    connections: n,
    connectPerSec: round((n / elapsed) * 1000, 1),
    connectRetries: connectStats.retries,
    bytesPerConnection: Math.round((after.footprint - before.footprint) / n),
    heapBytesPerConnection: Math.round((after.heapUsed - before.heapUsed) / n),
    rssBytesPerConnection: Math.round((after.rss - before.rss) / n),
    serverCpuMsPer1k: cpuMsPer1k(t0, t1, n),
  };
}

/** The result of a closed-loop scenario: round trips, their rate and latency, server CPU per 1,000. */
function loopResult(scenario, clientsCount, count, elapsed, lat, t0, t1, extra = {}) {
  return {
    scenario,
    clients: clientsCount,
    ...extra,
    messages: count,
    msgsPerSec: round((count / elapsed) * 1000, 1),
    ...latencyStats(lat),
    serverCpuMsPer1k: cpuMsPer1k(t0, t1, count),
  };
}

/**
 * C WebSocket clients, each in a closed loop for a duration: `roundTrip(client, done)` sends one message and
 * calls done() when its answer came back, or done(error).
 */
async function wsClosedLoop(scenario, clientsCount, duration, roundTrip, extra) {
  const clients = await connectMany(clientsCount, 50, now() + TIMEOUT);
  const lat = [];
  let count = 0;
  try {
    const t0 = cpuTicks();
    const start = now();
    const end = start + duration;
    await withTimeout(
      Promise.all(
        clients.map(
          (c) =>
            new Promise((resolve, reject) => {
              const loop = () => {
                if (now() >= end) return resolve();
                const s = now();
                roundTrip(c, (error) => {
                  if (error) return reject(error);
                  lat.push(now() - s);
                  count++;
                  loop();
                });
              };
              loop();
            }),
        ),
      ),
      duration + TIMEOUT,
      scenario,
    );
    const elapsed = now() - start;
    return loopResult(scenario, clientsCount, count, elapsed, lat, t0, cpuTicks(), extra);
  } finally {
    closeAll(clients);
  }
}

/** C clients, each in a closed loop of echo emits with an ack, for a duration. */
function echo(clientsCount, duration) {
  const payload = '{"n":42,"s":"hello sio4ee","a":[1,2,3]}';
  return wsClosedLoop("echo", clientsCount, duration, (c, done) =>
    c.emitWithAck("echo", payload, (text) => done(text.length < 10 ? new Error("bad ack " + text) : null)));
}

/** One sender emits `broadcast` M times (at most W in flight); N receivers (the sender among them) get each. */
async function fanout(receivers, messages) {
  const clients = await connectMany(receivers, 50, now() + TIMEOUT);
  const sent = new Float64Array(messages);
  const got = new Int32Array(messages);
  const lat = [];
  let delivered = 0;
  let completed = 0;
  let nextSeq = 0;
  const sender = clients[clients.length - 1];
  try {
    await sleep(200);
    const t0 = cpuTicks();
    const start = now();
    await withTimeout(
      new Promise((resolve) => {
        const send = () => {
          const seq = nextSeq++;
          sent[seq] = now();
          sender.emit("broadcast", String(seq));
        };
        for (const c of clients) {
          c.onEvent = (s) => {
            // 42["broadcast",<seq>]
            const seq = parseInt(s.slice(s.lastIndexOf(",") + 1), 10);
            c.received = (c.received || 0) + 1;
            c.last = seq;
            lat.push(now() - sent[seq]);
            delivered++;
            if (++got[seq] === receivers) {
              completed++;
              if (nextSeq < messages) send();
              if (completed === messages) resolve();
            }
          };
        }
        for (let i = 0; i < Math.min(FANOUT_WINDOW, messages); i++) send();
      }),
      TIMEOUT,
      "fanout",
    ).catch((e) => {
      const counts = clients.map((c) => c.received || 0).sort((a, b) => a - b);
      const closed = clients.filter((c) => c.closed).length;
      const lagging = clients.filter((c) => (c.received || 0) === counts[0]).slice(0, 3)
        .map((c) => `#${clients.indexOf(c)} last=${c.last} frames=${c.raw} open=${c.ws.readyState === 1}`);
      console.error("fanout stalled; lagging clients:", lagging.join("; "), "; sender sent up to", nextSeq - 1);
      throw new Error(`${e.message}: ${completed}/${messages} broadcasts complete, ${delivered} deliveries, ` +
        `${closed} clients closed, oldest incomplete broadcast reached ${got[completed]}/${receivers}, ` +
        `deliveries per client min ${counts[0]} median ${counts[counts.length >> 1]} max ${counts[counts.length - 1]}`);
    });
    const elapsed = now() - start;
    const t1 = cpuTicks();
    return {
      scenario: "fanout",
      receivers,
      messages,
      deliveries: delivered,
      deliveriesPerSec: round((delivered / elapsed) * 1000, 1),
      ...latencyStats(lat),
      serverCpuMsPer1k: cpuMsPer1k(t0, t1, delivered),
    };
  } finally {
    closeAll(clients);
  }
}

/**
 * Fan-out across two nodes of a cluster: half the receivers on node A (the sender among them), half on node B.
 * The sender emits `broadcast` M times (at most W in flight); node A delivers to its clients and publishes to
 * Redis, node B delivers what it gets from Redis to its clients. Server CPU is summed over both nodes; each
 * node's and redis-server's CPU are reported too (per 1,000 deliveries of all of them).
 */
async function xfanout(receivers, messages, scenario = "xfanout") {
  const onA = Math.ceil(receivers / 2);
  const clientsA = await connectMany(onA, 50, now() + TIMEOUT);
  let clientsB = [];
  try {
    clientsB = await raw.connectMany(TARGET_B, receivers - onA, 50, now() + TIMEOUT, connectStats);
  } catch (e) {
    closeAll(clientsA);
    throw e;
  }
  const clients = [...clientsA, ...clientsB];
  const sent = new Float64Array(messages);
  const got = new Int32Array(messages);
  const latA = [];
  const latB = [];
  let delivered = 0;
  let deliveredB = 0;
  let completed = 0;
  let nextSeq = 0;
  const sender = clientsA[clientsA.length - 1];
  try {
    await sleep(200);
    const a0 = cpuTicks(serverPid);
    const b0 = cpuTicks(serverPidB);
    const r0 = cpuTicks(REDIS_PID);
    const m0 = machineBusyTicks();
    const g0 = ownTicks();
    const start = now();
    await withTimeout(
      new Promise((resolve) => {
        const send = () => {
          const seq = nextSeq++;
          sent[seq] = now();
          sender.emit("broadcast", String(seq));
        };
        const receive = (c, lat, remote) => (s) => {
          // 42["broadcast",<seq>]
          const seq = parseInt(s.slice(s.lastIndexOf(",") + 1), 10);
          c.received = (c.received || 0) + 1;
          lat.push(now() - sent[seq]);
          delivered++;
          if (remote) deliveredB++;
          if (++got[seq] === receivers) {
            completed++;
            if (nextSeq < messages) send();
            if (completed === messages) resolve();
          }
        };
        for (const c of clientsA) c.onEvent = receive(c, latA, false);
        for (const c of clientsB) c.onEvent = receive(c, latB, true);
        for (let i = 0; i < Math.min(FANOUT_WINDOW, messages); i++) send();
      }),
      TIMEOUT,
      "xfanout",
    ).catch((e) => {
      const count = (cs) => cs.map((c) => c.received || 0).sort((x, y) => x - y);
      const a = count(clientsA);
      const b = count(clientsB);
      throw new Error(`${e.message}: ${completed}/${messages} broadcasts complete, ${delivered} deliveries ` +
        `(${deliveredB} on B); per client on A min ${a[0]} max ${a[a.length - 1]}, on B min ${b[0]} ` +
        `max ${b[b.length - 1]}`);
    });
    const elapsed = now() - start;
    const a1 = cpuTicks(serverPid);
    const b1 = cpuTicks(serverPidB);
    const r1 = cpuTicks(REDIS_PID);
    const others = machineBusyTicks() - m0 - (ownTicks() - g0) - (a1 - a0) - (b1 - b0) - (r1 - r0);
    return {
      scenario,
      receivers,
      receiversB: clientsB.length,
      messages,
      deliveries: delivered,
      deliveriesB: deliveredB,
      deliveriesPerSec: round((delivered / elapsed) * 1000, 1),
      ...latencyStats([...latA, ...latB]),
      p99MsA: latencyStats(latA).p99Ms,
      p99MsB: latencyStats(latB).p99Ms,
      // both servers together, per delivery (A's and B's)
      serverCpuMsPer1k: cpuMsPer1k(a0 + b0, a1 + b1, delivered),
      serverACpuMsPer1k: cpuMsPer1k(a0, a1, delivered),
      serverBCpuMsPer1k: cpuMsPer1k(b0, b1, delivered),
      // node B's CPU per delivery on B: the receiving end of the cross-node path alone
      remoteCpuMsPer1k: cpuMsPer1k(b0, b1, deliveredB),
      redisCpuMsPer1k: cpuMsPer1k(r0, r1, delivered),
      // cores busy with anything else on the machine meanwhile (other builds), and the 1-minute load average
      otherCores: round(others / CLK_TCK / (elapsed / 1000), 2),
      // the measured window in wall-clock ms, to cut a flight recording to it
      windowStartMs: Math.round(performance.timeOrigin + start),
      windowEndMs: Math.round(performance.timeOrigin + start + elapsed),
      loadavg1: round(loadavg()[0], 2),
    };
  } finally {
    closeAll(clients);
  }
}

/** Echo over HTTP long-polling only: each client posts an emit and long-polls for its ack. */
async function polling(clientsCount, duration) {
  const lat = [];
  let count = 0;
  let extraPolls = 0; // GETs beyond the one per round trip (an answer without the ack)
  const payload = '{"n":42,"s":"hello sio4ee","a":[1,2,3]}';
  const agents = [];
  const t0 = cpuTicks();
  const start = now();
  const end = start + duration;
  async function one() {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    agents.push(agent);
    const open = await request(agent, "GET", `${SIO}?EIO=4&transport=polling`);
    const sid = JSON.parse(open.slice(1)).sid;
    const path = `${SIO}?EIO=4&transport=polling&sid=${sid}`;
    await request(agent, "POST", path, "40");
    let body = await request(agent, "GET", path);
    if (!body.startsWith("40")) throw new Error("no connect packet: " + body);
    let id = 0;
    for (let i = 0; i < 10_000_000 && now() < end; i++) {
      const s = now();
      const poll = request(agent, "GET", path);
      await request(agent, "POST", path, `42${id}["echo",${payload}]`);
      const want = `43${id}[`;
      let acked = false;
      for (let j = 0; j < 100 && !acked; j++) {
        if (j > 0) extraPolls++;
        body = j === 0 ? await poll : await request(agent, "GET", path);
        for (const p of body.split("\x1e")) {
          if (p === "2") await request(agent, "POST", path, "3");
          else if (p.startsWith(want)) acked = true;
        }
      }
      if (!acked) throw new Error("no ack over polling");
      lat.push(now() - s);
      count++;
      id++;
    }
    await request(agent, "POST", path, "1").catch(() => {});
  }
  try {
    await withTimeout(Promise.all(Array.from({ length: clientsCount }, one)), duration + TIMEOUT, "polling");
  } finally {
    agents.forEach((a) => a.destroy());
  }
  return loopResult("polling", clientsCount, count, now() - start, lat, t0, cpuTicks(), { extraPolls });
}

function request(agent, method, path, body) {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { "Content-Type": "text/plain;charset=UTF-8", "Content-Length": Buffer.byteLength(body) };
    const req = http.request({ host: HOST, port: PORT, method, path, agent, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode !== 200) reject(new Error(`${method} ${path} answered ${res.statusCode}: ${text}`));
        else resolve(text);
      });
    });
    req.setTimeout(60000, () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** C clients, each in a closed loop of echo emits with one 64 KiB binary attachment, over WebSocket. */
function binary(clientsCount, duration, size) {
  const buf = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buf[i] = i & 0xff;
  return wsClosedLoop("binary", clientsCount, duration, (c, done) =>
    c.emitBinaryWithAck("echo", buf, (text, data) =>
      done(!data || data.length !== size || data[size - 1] !== buf[size - 1]
        ? new Error("bad binary ack " + text) : null)), { bytes: size });
}

/** The handlers across two nodes: a client on B joins a room, a client on A emits to it, only B's member gets it. */
async function checkCluster() {
  const [a, c] = await connectMany(2, 2, now() + TIMEOUT);
  const [b] = await raw.connectMany(TARGET_B, 1, 1, now() + TIMEOUT, connectStats);
  try {
    const got = { a: [], b: [] };
    a.onEvent = (s) => got.a.push(s);
    b.onEvent = (s) => got.b.push(s);
    const joined = await withTimeout(new Promise((r) => b.emitWithAck("join", '"r1"', r)), 30000, "join");
    const echoed = await withTimeout(new Promise((r) => b.emitWithAck("echo", '"x",{"y":[1,null]}', r)), 30000, "echo");
    c.emit("room", '"r1","hello room"');
    for (let i = 0; i < 300 && got.b.length === 0; i++) await sleep(10);
    await sleep(100);
    return {
      scenario: "check",
      roomOk:
        joined.startsWith('43') && joined.includes('"joined r1"') &&
        got.b.length === 1 && got.b[0] === '42["room","hello room"]' && got.a.length === 0,
      echoOk: echoed.endsWith('["x",{"y":[1,null]}]'),
    };
  } finally {
    closeAll([a, b, c]);
  }
}

async function check() {
  const [a, b, c] = await connectMany(3, 3, now() + TIMEOUT);
  try {
    const got = { a: [], b: [] };
    a.onEvent = (s) => got.a.push(s);
    b.onEvent = (s) => got.b.push(s);
    const joined = await withTimeout(new Promise((r) => a.emitWithAck("join", '"r1"', r)), 30000, "join");
    const echoed = await withTimeout(new Promise((r) => c.emitWithAck("echo", '"x",{"y":[1,null]}', r)), 30000, "echo");
    c.emit("room", '"r1","hello room"');
    for (let i = 0; i < 300 && got.a.length === 0; i++) await sleep(10);
    await sleep(100);
    return {
      scenario: "check",
      roomOk:
        joined.startsWith('43') && joined.includes('"joined r1"') &&
        got.a.length === 1 && got.a[0] === '42["room","hello room"]' && got.b.length === 0,
      echoOk: echoed.endsWith('["x",{"y":[1,null]}]'),
    };
  } finally {
    closeAll([a, b, c]);
  }
}

// ---- main --------------------------------------------------------------------------------------------------

async function main() {
  const probe = await mem();
  serverPid = probe.pid;
  if (TARGET_B) serverPidB = (await raw.mem(TARGET_B)).pid;
  else if (SCENARIOS.some((n) => n.startsWith("x"))) throw new Error("the cross-node scenarios need --url-b");
  if (WARMUP > 0) {
    // JIT warm-up of both servers, not recorded: the selected scenarios in turn, short and small, until WARMUP
    // has passed. A JVM pinned to one core compiles on that core too; sio4ee needs about a minute of traffic.
    const on = (name) => SCENARIOS.includes(name);
    const until = now() + WARMUP;
    for (let i = 0; i < 1000 && now() < until; i++) {
      if (on("echo") || on("connect")) await echo(ECHO_CLIENTS, 4000);
      if (on("fanout")) await fanout(Math.min(100, FANOUT_RECEIVERS), 50);
      if (on("xfanout")) await xfanout(Math.min(100, FANOUT_RECEIVERS), 50);
      if (on("xsmall")) await xfanout(SMALL_RECEIVERS, Math.min(2000, SMALL_MESSAGES), "xsmall");
      if (on("polling")) await polling(POLLING_CLIENTS, 3000);
      if (on("binary")) await binary(BINARY_CLIENTS, 2000, BINARY_SIZE);
    }
  }
  const results = [];
  for (const name of CHECK ? ["check", ...SCENARIOS] : SCENARIOS) {
    let r;
    if (name === "check") r = await (TARGET_B ? checkCluster() : check());
    else if (name === "connect") r = await connect(N_CONNECT);
    else if (name === "echo") r = await echo(ECHO_CLIENTS, DURATION);
    else if (name === "fanout") r = await fanout(FANOUT_RECEIVERS, FANOUT_MESSAGES);
    else if (name === "xfanout") r = await xfanout(FANOUT_RECEIVERS, FANOUT_MESSAGES);
    else if (name === "xsmall") r = await xfanout(SMALL_RECEIVERS, SMALL_MESSAGES, "xsmall");
    else if (name === "polling") r = await polling(POLLING_CLIENTS, DURATION);
    else if (name === "binary") r = await binary(BINARY_CLIENTS, DURATION, BINARY_SIZE);
    else throw new Error("unknown scenario " + name);
    r = { label: LABEL, server: probe.server, ...r };
    console.log(JSON.stringify(r));
    if (name === "check" && !(r.roomOk && r.echoOk)) throw new Error("the server's handlers misbehave");
    results.push(r);
  }
  console.log(JSON.stringify({ label: LABEL, server: probe.server, pid: serverPid, ...(TARGET_B ? { pidB: serverPidB } : {}),
    results }));
}

const hardStop = setTimeout(() => {
  console.error("loadgen: overall time limit reached");
  process.exit(2);
}, TIMEOUT * 10);
hardStop.unref();

main().then(
  () => process.exit(0),
  (e) => {
    console.error("loadgen failed:", e && e.stack ? e.stack : e);
    process.exit(1);
  },
);
