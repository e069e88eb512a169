// The soak run of issue 12 (not in CI): N raw-protocol clients chat in rooms for a long time while clients join
// and leave rooms and the population churns; every chat message and every join/leave asks for an ack. Every
// --sample-ms it samples the server's heap after a full GC and its live threads (GET /bench/mem). Works against
// any server with the handlers join / leave / chat and GET /bench/mem (bench/node-server.mjs, sio4ee's
// BenchSetup + BenchStats); bench/soak.sh starts either one.
//
//   node soak.mjs --url http://127.0.0.1:8611 [--label sio4ee] [--clients 1000] [--duration-ms 1800000]
//                 [--sample-ms 30000] [--rooms 50] [--chat-interval-ms 5000] [--switch-interval-ms 60000]
//                 [--churn-per-min 60] [--connect-concurrency 50] [--max-pending-acks 50] [--grace-ms 30000]
//                 [--ack-late-ms 10000]
//
// --chat-interval-ms and --switch-interval-ms are the mean time between two chat messages / two room changes of
// one client; --churn-per-min clients leave per minute (half with a disconnect packet, half by dropping the TCP
// connection, each once its acks are in) and as many new ones connect and join a room.
// Prints {"type":"sample",..} per sample and {"type":"summary",..} last. Exits 1 when an ack was lost or wrong,
// a client could not connect or was closed by the server, or the run failed; 2 past its overall time limit.
import * as raw from "./rawclient.mjs";
import { parseArgs, int, sleep, now, withTimeout, round } from "./rawclient.mjs";

const opts = parseArgs(process.argv.slice(2));
const TARGET = raw.target(opts.url);
const LABEL = opts.label || "server";
const CLIENTS = Math.max(1, Math.min(int(opts.clients, 1000), 20000));
const DURATION = Math.min(int(opts["duration-ms"], 30 * 60000), 24 * 3600000);
const SAMPLE = Math.max(1000, int(opts["sample-ms"], 30000));
const ROOMS = Math.max(1, int(opts.rooms, 50));
const CHAT_INTERVAL = Math.max(10, int(opts["chat-interval-ms"], 5000));
const SWITCH_INTERVAL = Math.max(10, int(opts["switch-interval-ms"], 60000));
const CHURN_PER_MIN = Math.max(0, int(opts["churn-per-min"], 60));
const CONCURRENCY = Math.max(1, Math.min(int(opts["connect-concurrency"], 50), 500));
const MAX_PENDING = Math.max(1, int(opts["max-pending-acks"], 50));
const GRACE = int(opts["grace-ms"], 30000);
const ACK_LATE = int(opts["ack-late-ms"], 10000);
const RAMP_LIMIT = 300000; // all N clients must be connected within 5 minutes
const RETIRE_LIMIT = 30000; // a leaving client waits this long at most for its acks, then goes anyway
const TICK = 100;
const MAX_SAMPLES = 10000;
const TEXT = "hello room, this is a soak message";

// ---- counters -------------------------------------------------------------------------------------------------

const n = {
  acksSent: 0, acksReceived: 0, badAcks: 0, lateAcks: 0,
  chatSent: 0, chatAcked: 0, delivered: 0, throttled: 0, roomSwitches: 0,
  connects: 0, connectRetries: 0, connectFailures: 0, left: 0, unexpectedCloses: 0, retireTimeouts: 0,
};

/** Ack latencies in a bounded histogram: 1 ms buckets up to a minute, the rest in the last bucket. */
class Histogram {
  constructor() {
    this.b = new Uint32Array(60001);
    this.count = 0;
    this.max = 0;
  }
  add(ms) {
    this.b[Math.min(60000, Math.max(0, Math.round(ms)))]++;
    this.count++;
    if (ms > this.max) this.max = ms;
  }
  p(q) {
    const want = Math.ceil(this.count * q);
    let seen = 0;
    for (let i = 0; i < this.b.length; i++) if ((seen += this.b[i]) >= want && want > 0) return i;
    return 0;
  }
  stats() {
    return { p50Ms: this.p(0.5), p99Ms: this.p(0.99), maxMs: round(this.max, 1) };
  }
}
const allLat = new Histogram();
let windowLat = new Histogram();

// ---- clients ----------------------------------------------------------------------------------------------------

const live = []; // connected clients that chat
const retiring = new Set(); // clients leaving once their acks are in
let pendingConnects = 0;
let nextId = 0;
let stopping = false;
const failures = [];

const randomRoom = () => `room-${Math.floor(Math.random() * ROOMS)}`;

/** Emits with an ack and counts it; check(text) says whether the ack's packet is the right one. */
function ask(cs, event, argsJson, check) {
  const s = now();
  n.acksSent++;
  cs.c.emitWithAck(event, argsJson, (text) => {
    n.acksReceived++;
    const ms = now() - s;
    allLat.add(ms);
    windowLat.add(ms);
    if (ms > ACK_LATE) n.lateAcks++;
    if (!check(text)) {
      n.badAcks++;
      if (n.badAcks <= 5) console.error(`wrong ack for ${event} ${argsJson}: ${text.slice(0, 200)}`);
    }
  });
}

function join(cs, room) {
  cs.room = room;
  ask(cs, "join", JSON.stringify(room), (t) => t.endsWith(`[${JSON.stringify("joined " + room)}]`));
}

function leave(cs) {
  const room = cs.room;
  ask(cs, "leave", JSON.stringify(room), (t) => t.endsWith(`[${JSON.stringify("left " + room)}]`));
}

function chat(cs) {
  const tag = `${cs.id}:${cs.seq++}`;
  n.chatSent++;
  ask(cs, "chat", `${JSON.stringify(cs.room)},"${tag}","${TEXT}"`, (t) => {
    n.chatAcked++;
    return t.endsWith(`["${tag}","${TEXT}"]`);
  });
}

/** Connects one new client (3 attempts), then it joins a random room and starts chatting. */
async function spawn() {
  pendingConnects++;
  try {
    for (let attempt = 1; ; attempt++) {
      const c = new raw.WsClient(TARGET);
      try {
        await withTimeout(c.connect(), 60000, "WebSocket connect");
        const cs = { c, id: nextId++, room: null, seq: 0, leaving: false };
        c.onEvent = (s) => {
          if (s.startsWith('42["chat"')) n.delivered++;
        };
        c.onClose = () => {
          if (cs.leaving) return;
          cs.leaving = true;
          n.unexpectedCloses++;
          if (n.unexpectedCloses <= 5) console.error(`client ${cs.id} closed by the server (${c.acks.size} acks pending)`);
          const i = live.indexOf(cs);
          if (i >= 0) live.splice(i, 1);
        };
        if (stopping) {
          cs.leaving = true;
          c.close();
          return;
        }
        n.connects++;
        live.push(cs);
        join(cs, randomRoom());
        return;
      } catch (e) {
        c.close();
        if (attempt >= 3) {
          n.connectFailures++;
          if (n.connectFailures <= 5) console.error("connect failed:", e.message);
          return;
        }
        n.connectRetries++;
      }
    }
  } finally {
    pendingConnects--;
  }
}

/** Tops the population up to N, at most CONCURRENCY handshakes in flight. */
function fill() {
  for (let i = 0; i < CONCURRENCY && !stopping && live.length + pendingConnects < CLIENTS &&
    pendingConnects < CONCURRENCY; i++) spawn();
}

const pick = () => live[Math.floor(Math.random() * live.length)];

/** Takes a random client out of the population; it goes once its acks are in (or after RETIRE_LIMIT). */
function retire() {
  const cs = pick();
  if (!cs) return;
  live.splice(live.indexOf(cs), 1);
  cs.leaving = true;
  cs.retiredAt = now();
  retiring.add(cs);
}

function sweepRetiring(force) {
  for (const cs of retiring) {
    const waited = now() - cs.retiredAt > RETIRE_LIMIT;
    if (cs.c.acks.size === 0 || waited || force) {
      if (cs.c.acks.size > 0) n.retireTimeouts++;
      if (n.left++ % 2 === 0) cs.c.disconnect();
      else cs.c.close();
      retiring.delete(cs);
    }
  }
}

// ---- the load ---------------------------------------------------------------------------------------------------

/** Work owed per tick, with the fractions carried over so low rates still happen. */
const owed = { chat: 0, switch: 0, churn: 0 };
function due(kind, perTick) {
  owed[kind] += perTick;
  const k = Math.floor(owed[kind]);
  owed[kind] -= k;
  return k;
}

function tick() {
  fill();
  const chats = due("chat", (live.length * TICK) / CHAT_INTERVAL);
  for (let i = 0; i < chats && live.length > 0; i++) {
    const cs = pick();
    if (cs.c.acks.size >= MAX_PENDING) n.throttled++;
    else chat(cs);
  }
  const switches = due("switch", (live.length * TICK) / SWITCH_INTERVAL);
  for (let i = 0; i < switches && live.length > 0; i++) {
    const cs = pick();
    if (cs.c.acks.size >= MAX_PENDING) continue;
    leave(cs);
    join(cs, randomRoom());
    n.roomSwitches++;
  }
  const churn = due("churn", (CHURN_PER_MIN * TICK) / 60000);
  for (let i = 0; i < churn && live.length > 0; i++) retire();
  sweepRetiring(false);
}

// ---- samples ----------------------------------------------------------------------------------------------------

const samples = [];
let start = 0;
let sampling = null;

function pendingAcks() {
  let p = 0;
  for (const cs of live) p += cs.c.acks.size;
  for (const cs of retiring) p += cs.c.acks.size;
  return p;
}

async function sample(phase) {
  const m = await raw.mem(TARGET);
  const s = {
    type: "sample", label: LABEL, server: m.server, phase, tMs: Math.round(now() - start),
    heapUsed: m.heapUsed, heapTotal: m.heapTotal, rss: m.rss, threads: m.threads, serverClients: m.clients,
    live: live.length, ...n, acksPending: pendingAcks(), ...windowLat.stats(),
  };
  windowLat = new Histogram();
  if (samples.length < MAX_SAMPLES) samples.push(s);
  console.log(JSON.stringify(s));
  return s;
}

/** Starts a sample unless one is still in flight (a slow GET /bench/mem must not pile up). */
function sampleInBackground() {
  if (sampling) return;
  sampling = sample("run")
    .catch((e) => failures.push("sample: " + e.message))
    .finally(() => (sampling = null));
}

/** Least-squares slope of y over tMs, per minute. */
function slopePerMin(ys) {
  const pts = samples.filter((s) => s.phase === "run").map((s, i) => [s.tMs, ys[i]]);
  if (pts.length < 2) return 0;
  const mx = pts.reduce((a, p) => a + p[0], 0) / pts.length;
  const my = pts.reduce((a, p) => a + p[1], 0) / pts.length;
  let num = 0, den = 0;
  for (const [x, y] of pts) num += (x - mx) * (y - my), den += (x - mx) ** 2;
  return den === 0 ? 0 : round((num / den) * 60000, 1);
}

function range(key) {
  const run = samples.filter((s) => s.phase === "run").map((s) => s[key]);
  if (run.length === 0) return null;
  return { first: run[0], last: run[run.length - 1], min: Math.min(...run), max: Math.max(...run),
    slopePerMin: slopePerMin(run) };
}

// ---- main -------------------------------------------------------------------------------------------------------

async function main() {
  const probe = await raw.mem(TARGET);
  if (probe.threads === undefined) throw new Error("GET /bench/mem gives no threads: rebuild the bench server");
  start = now();
  console.error(`soak: ${CLIENTS} clients against ${LABEL} (${opts.url}) for ${DURATION} ms`);

  // ramp: connect everybody (bounded in time), then the first sample is the baseline
  for (let i = 0; i < RAMP_LIMIT / TICK + 10 && live.length < CLIENTS; i++) {
    if (now() - start > RAMP_LIMIT || n.connectFailures > 0) {
      throw new Error(`only ${live.length}/${CLIENTS} clients connected (${n.connectFailures} failed)`);
    }
    fill();
    await sleep(TICK);
  }
  if (live.length < CLIENTS) throw new Error(`only ${live.length}/${CLIENTS} clients connected`);
  console.error(`soak: ${live.length} clients connected in ${Math.round(now() - start)} ms`);
  start = now();
  await sample("run");

  // the run: bounded by its duration and by a tick count
  const end = start + DURATION;
  let nextSample = start + SAMPLE;
  const maxTicks = Math.ceil(DURATION / TICK) + 1;
  for (let i = 0; i < maxTicks && now() < end; i++) {
    tick();
    if (now() >= nextSample) {
      nextSample += SAMPLE;
      sampleInBackground();
    }
    await sleep(TICK);
  }

  // grace: no new work; wait for every ack still under way
  stopping = true;
  if (sampling) await sampling;
  const graceEnd = now() + GRACE;
  for (let i = 0; i < GRACE / TICK + 1 && pendingAcks() > 0 && now() < graceEnd; i++) {
    sweepRetiring(false);
    await sleep(TICK);
  }
  const last = await sample("end");
  const lost = n.acksSent - n.acksReceived;

  // everybody leaves; the server must forget them (bounded wait), then its heap and threads once more
  sweepRetiring(true);
  for (const cs of live.splice(0)) {
    cs.leaving = true;
    cs.c.disconnect();
  }
  let after = await raw.mem(TARGET);
  for (let i = 0; i < 100 && after.clients > 0; i++) {
    await sleep(300);
    after = await raw.mem(TARGET);
  }

  const ok = failures.length === 0 && lost === 0 && n.badAcks === 0 && n.connectFailures === 0 &&
    n.unexpectedCloses === 0;
  const summary = {
    type: "summary", label: LABEL, server: probe.server, ok, clients: CLIENTS, rooms: ROOMS,
    durationMs: DURATION, samples: samples.filter((s) => s.phase === "run").length,
    heapUsed: { ...range("heapUsed"), end: last.heapUsed, afterClose: after.heapUsed },
    threads: { ...range("threads"), end: last.threads, afterClose: after.threads },
    rss: { ...range("rss"), end: last.rss, afterClose: after.rss },
    serverClientsAfterClose: after.clients,
    acks: { sent: n.acksSent, received: n.acksReceived, lost, bad: n.badAcks, late: n.lateAcks,
      lateMs: ACK_LATE, ...allLat.stats() },
    chat: { sent: n.chatSent, acked: n.chatAcked, delivered: n.delivered, throttled: n.throttled },
    roomSwitches: n.roomSwitches,
    churn: { left: n.left, connects: n.connects, retireTimeouts: n.retireTimeouts,
      unexpectedCloses: n.unexpectedCloses, connectRetries: n.connectRetries, connectFailures: n.connectFailures },
    failures: failures.slice(0, 5),
  };
  console.log(JSON.stringify(summary));
  return ok;
}

const hardStop = setTimeout(() => {
  console.error("soak: overall time limit reached");
  process.exit(2);
}, RAMP_LIMIT + DURATION + GRACE + 600000);
hardStop.unref();

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (e) => {
    console.error("soak failed:", e && e.stack ? e.stack : e);
    process.exit(1);
  },
);
