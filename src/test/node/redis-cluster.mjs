// A mixed cluster on one Redis: the sio4ee nodes under test (URLs on the command line), plus a Node socket.io node
// "N" started here with the official @socket.io/redis-adapter. Two official clients on every node ("<node>1" in
// room r1, "<node>2" in none); then, from every node in turn, every cluster operation, checked on every client of
// every node. Finally a message of the official @socket.io/redis-emitter.
// Nodes answer the same commands (event "cmd", see ClusterSetup.java for the Java side and `commands` below).
// usage: node redis-cluster.mjs <redis://127.0.0.1:port> <classic|sharded> <http://.../ctx-a/> [<http://.../ctx-b/> ...]
//        node redis-cluster.mjs <redis URI> without-redis <http://.../ctx-a/>   (Redis down: the node alone)
//        node redis-cluster.mjs <redis URI> resume <urls...>   (after a Redis restart: broadcasts and requests only)
// (a URL ending in ?transport=polling: its clients use long-polling only; "node:" instead of a sio4ee URL starts another Node node here: the script run against Node nodes only)
// prints one JSON line: { ok, checks, failures: [ { check, detail } ] }
import { createServer } from "node:http";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import { createClient } from "redis";
import { createAdapter, createShardedAdapter } from "@socket.io/redis-adapter";
import { Emitter } from "@socket.io/redis-emitter";
import { interop } from "./interop.mjs";

const { args, result, done, onExit } = interop(150000);
const redisUri = process.argv[2];
const resume = args[0] === "resume";
const mode = resume ? "classic" : args[0];
const javaUrls = args.slice(1).map((u) => new URL(u));
const KEY = "socket.io";
const failures = [];
let checks = 0;
result.failures = failures;

function check(name, ok, detail) {
  checks++;
  if (!ok) failures.push({ check: name, detail: detail === undefined ? null : detail });
}

// ---- the Node node ----
async function startNodeNode(name) {
  const pub = createClient({ url: redisUri });
  const sub = pub.duplicate();
  pub.on("error", () => {});
  sub.on("error", () => {});
  await Promise.all([pub.connect(), sub.connect()]);
  const adapter = mode === "sharded" ? createShardedAdapter(pub, sub, { channelPrefix: KEY })
    : createAdapter(pub, sub, { key: KEY, requestsTimeout: 3000 });
  const http = createServer();
  const io = new Server(http, { adapter });
  commands(io, name);
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  onExit(() => { io.close(); pub.disconnect().catch(() => {}); sub.disconnect().catch(() => {}); });
  return new URL(`http://127.0.0.1:${http.address().port}/`);
}

// the commands every node answers (the Java twin is ClusterSetup)
function commands(io, node) {
  io.on("connection", (socket) => {
    socket.data = { name: socket.handshake.auth.name, node };
    for (const room of socket.handshake.auth.rooms || []) socket.join(room);
    socket.on("cmd", async (op, a, ack) => {
      try {
        ack(await run(op, a || {}));
      } catch (e) {
        ack({ error: String(e && e.message || e) });
      }
    });
  });
  io.on("sse", (from, cb) => {
    io.local.emit("sse-seen", from, node);
    if (typeof cb === "function") cb(`${node} got ${from}`);
  });
  async function run(op, a) {
    const target = () => (a.target ? io.in(a.target) : io);
    switch (op) {
      case "emit": {
        let o = io;
        if (a.rooms?.length) o = o.to(a.rooms);
        if (a.except?.length) o = o.except(a.except);
        if (a.local) o = o.local;
        if (a.volatile) o = o.volatile;
        if (a.binary) o.emit(a.event, Buffer.from(a.data)); else o.emit(a.event, a.data);
        return "ok";
      }
      case "emitWithAck": return io.timeout(a.timeout).emitWithAck(a.event, a.data);
      case "join": target().socketsJoin(a.rooms); return "ok";
      case "leave": target().socketsLeave(a.rooms); return "ok";
      case "disconnect": target().disconnectSockets(a.close); return "ok";
      case "fetch": return (await target().fetchSockets()).map((s) => ({
        id: s.id, handshake: s.handshake, rooms: [...s.rooms], data: s.data,
      }));
      case "sse":
        if (a.withAck) return io.serverSideEmitWithAck("sse", a.data);
        io.serverSideEmit("sse", a.data);
        return "ok";
      case "allRooms": return [...await io.of("/").adapter.allRooms()];
      default: throw new Error(`unknown op ${op}`);
    }
  }
}

// ---- clients ----
const clients = [];

function client(node, url, name, rooms) {
  const c = { node, name, rooms, log: [], reason: null };
  c.s = connect(`${url.protocol}//${url.host}`, {
    path: `${url.pathname}socket.io/`, reconnection: false, forceNew: true,
    transports: url.searchParams.get("transport") === "polling" ? ["polling"] : ["websocket"],
    auth: { name, rooms },
  });
  c.s.onAny((event, ...xs) => c.log.push([event, ...xs.map((x) => (Buffer.isBuffer(x) ? [...x] : x))]));
  c.s.on("ask", (from, cb) => cb(name));
  c.s.on("disconnect", (reason) => { c.reason = reason; });
  return new Promise((resolve, reject) => {
    c.s.once("connect", () => { c.id = c.s.id; resolve(c); });
    c.s.once("connect_error", (e) => reject(new Error(`${name}: ${e.message}`)));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// disconnects every client and gives the DISCONNECT packets time to leave, so that no socket of this run is left
// on the servers (the next run counts the sockets), then prints the result
async function finish(extra) {
  for (const c of clients) c.s.disconnect();
  await sleep(500);
  done(extra);
}

// waits (bounded) until pred() holds; false if it never did
async function until(pred, ms = 8000) {
  for (let waited = 0; waited <= ms; waited += 25) {
    if (pred()) return true;
    await sleep(25);
  }
  return pred();
}

const got = (c, event, tag) => c.log.filter((e) => e[0] === event && (tag === undefined || e[1] === tag));
const names = (cs) => cs.map((c) => c.name).sort();

async function cmd(c, op, a) {
  const r = await c.s.timeout(10000).emitWithAck("cmd", op, a);
  if (r && r.error) throw new Error(`${op} on ${c.node}: ${r.error}`);
  return r;
}

// a broadcast to all from `from`, awaited on every client: everything `from` sent before has arrived too
let barriers = 0;
async function barrier(from) {
  const tag = `barrier-${barriers++}`;
  await cmd(from, "emit", { event: "barrier", data: tag });
  const all = await until(() => clients.every((c) => got(c, "barrier", tag).length === 1));
  check(`barrier from ${from.node}`, all, names(clients.filter((c) => got(c, "barrier", tag).length !== 1)));
}

// one broadcast from a node, then who got it
async function broadcastCheck(name, origin, a, expected) {
  await cmd(origin, "emit", { ...a, data: a.data ?? name });
  await barrier(origin);
  const receivers = clients.filter((c) => got(c, a.event, a.binary ? undefined : name).length > 0);
  check(name, JSON.stringify(names(receivers)) === JSON.stringify(names(expected)),
    { got: names(receivers), expected: names(expected) });
  for (const c of receivers) check(`${name} once to ${c.name}`, got(c, a.event, a.binary ? undefined : name).length === 1);
}

async function fromNode(origin, others) {
  const X = origin.node;
  const mine = clients.filter((c) => c.node === X);
  const inR1 = clients.filter((c) => c.rooms.includes("r1"));
  await broadcastCheck(`all from ${X}`, origin, { event: "e-all" }, clients);
  await broadcastCheck(`room r1 from ${X}`, origin, { event: "e-room", rooms: ["r1"] }, inR1);
  await broadcastCheck(`except r1 from ${X}`, origin, { event: "e-except", except: ["r1"] },
    clients.filter((c) => !inR1.includes(c)));
  await broadcastCheck(`local from ${X}`, origin, { event: "e-local", local: true }, mine);
  // volatile: nothing guaranteed but no crash (the barrier after it still arrives everywhere)
  await cmd(origin, "emit", { event: "e-volatile", volatile: true, data: `volatile from ${X}` });
  await barrier(origin);
  // binary: the same bytes everywhere
  const bytes = [1, 2, 3, 255, 0, X.charCodeAt(0)];
  const binEvent = `e-bin-${X}`;
  await broadcastCheck(`binary from ${X}`, origin, { event: binEvent, binary: true, data: bytes }, clients);
  for (const c of clients) {
    const e = got(c, binEvent)[0];
    check(`binary bytes from ${X} at ${c.name}`, e && JSON.stringify(e[1]) === JSON.stringify(bytes), e);
  }
  // broadcast with acks: every client answers
  const answers = await cmd(origin, "emitWithAck", { event: "ask", data: X, timeout: 5000 });
  check(`emitWithAck from ${X}`, JSON.stringify([...answers].sort()) === JSON.stringify(names(clients)),
    { answers, expected: names(clients) });
  // socketsJoin / socketsLeave of a socket of another node, by its id
  for (const other of others) {
    const victim = clients.find((c) => c.node === other && c.name.endsWith("2"));
    const room = `joined-${X}-${other}`;
    await cmd(origin, "join", { target: victim.id, rooms: [room] });
    await barrier(origin);
    await broadcastCheck(`socketsJoin from ${X} on ${other}`, origin, { event: "e-joined", rooms: [room] }, [victim]);
    await cmd(origin, "leave", { target: victim.id, rooms: [room] });
    await barrier(origin);
    await broadcastCheck(`socketsLeave from ${X} on ${other}`, origin, { event: "e-left", rooms: [room] }, []);
  }
  // fetchSockets: every socket of the cluster, with Node's handshake fields, rooms and data
  const sockets = await cmd(origin, "fetch", {});
  check(`fetchSockets from ${X} ids`, JSON.stringify(sockets.map((s) => s.id).sort())
    === JSON.stringify(clients.map((c) => c.id).sort()), { got: sockets.map((s) => s.data?.name) });
  for (const s of sockets) {
    const c = clients.find((k) => k.id === s.id);
    if (!c) continue;
    const h = s.handshake || {};
    const fields = ["headers", "time", "address", "xdomain", "secure", "issued", "url", "query", "auth"];
    check(`fetchSockets from ${X}: handshake of ${c.name}`, fields.every((f) => f in h) && h.auth?.name === c.name
      && typeof h.issued === "number" && typeof h.headers === "object" && h.query?.EIO === "4",
    { missing: fields.filter((f) => !(f in h)), handshake: h });
    check(`fetchSockets from ${X}: rooms of ${c.name}`, JSON.stringify([...s.rooms].sort())
      === JSON.stringify([c.id, ...c.rooms].sort()), s.rooms);
    check(`fetchSockets from ${X}: data of ${c.name}`, s.data?.name === c.name && s.data?.node === c.node, s.data);
  }
  const inRoom = await cmd(origin, "fetch", { target: "r1" });
  check(`fetchSockets in r1 from ${X}`, JSON.stringify(inRoom.map((s) => s.id).sort())
    === JSON.stringify(inR1.map((c) => c.id).sort()), inRoom.map((s) => s.data?.name));
  // serverSideEmit: the other nodes' handlers run (they tell their own clients), never the emitter's
  const sseTag = `sse from ${X}`;
  await cmd(origin, "sse", { data: sseTag });
  const seen = await until(() => clients.filter((c) => c.node !== X).every((c) => got(c, "sse-seen", sseTag).length === 1));
  await barrier(origin);
  check(`serverSideEmit from ${X}`, seen && mine.every((c) => got(c, "sse-seen", sseTag).length === 0),
    clients.map((c) => [c.name, got(c, "sse-seen", sseTag).length]));
  const replies = await cmd(origin, "sse", { data: `sse-ack from ${X}`, withAck: true });
  check(`serverSideEmitWithAck from ${X}`, JSON.stringify([...replies].sort())
    === JSON.stringify(others.map((o) => `${o} got sse-ack from ${X}`).sort()), replies);
  if (mode === "classic") {
    const rooms = await cmd(origin, "allRooms", {});
    const expected = ["r1", ...clients.map((c) => c.id)];
    check(`allRooms from ${X}`, expected.every((r) => rooms.includes(r)), { rooms, expected });
  }
}

// disconnectSockets(close) from every node on a fresh client of another node
async function disconnects(urls, nodes) {
  for (let i = 0; i < nodes.length; i++) {
    const X = nodes[i];
    const other = nodes[(i + 1) % nodes.length];
    const victim = await client(other, urls[other], `victim-of-${X}`, []);
    const origin = clients.find((c) => c.node === X && c.name.endsWith("1"));
    await cmd(origin, "disconnect", { target: victim.id, close: true });
    const gone = await until(() => victim.reason !== null);
    check(`disconnectSockets(close) from ${X} on ${other}`, gone && victim.reason === "io server disconnect",
      victim.reason);
  }
}

// Redis is down: a node still serves its own clients (local delivery, its own sockets), and cluster requests end
// (with the local answer or a clear error) instead of hanging
async function withoutRedis(url) {
  result.step = "clients without redis";
  clients.push(await client("A", url, "A1", ["r1"]));
  clients.push(await client("A", url, "A2", []));
  onExit(() => clients.forEach((c) => c.s.disconnect()));
  const [a1, a2] = clients;
  await cmd(a1, "emit", { event: "e-all", data: "during the outage" });
  await cmd(a1, "emit", { event: "e-room", rooms: ["r1"], data: "r1 during the outage" });
  const delivered = await until(() => got(a2, "e-all").length === 1 && got(a1, "e-room").length === 1);
  check("local delivery without redis", delivered && got(a2, "e-room").length === 0,
    clients.map((c) => [c.name, c.log]));
  const answer = await a1.s.timeout(20000).emitWithAck("cmd", "fetch", {}).catch((e) => ({ noAnswer: String(e) }));
  result.fetchWithoutRedis = answer;
  check("fetchSockets without redis answers", Array.isArray(answer) || typeof answer?.error === "string", answer);
  await finish({ ok: failures.length === 0, checks });
}

async function main() {
  if (mode === "without-redis") return withoutRedis(javaUrls[0]);
  result.step = "node node";
  const urls = { N: await startNodeNode("N") };
  for (let i = 0; i < javaUrls.length; i++) {
    const name = String.fromCharCode(65 + i);
    // "node:" instead of a URL: another Node node (to try this script without a sio4ee node)
    urls[name] = javaUrls[i].protocol === "node:" ? await startNodeNode(name) : javaUrls[i];
  }
  const nodes = Object.keys(urls).sort((a, b) => (a === "N") - (b === "N") || a.localeCompare(b));
  result.nodes = nodes;
  result.step = "clients";
  for (const node of nodes) {
    clients.push(await client(node, urls[node], `${node}1`, ["r1"]));
    clients.push(await client(node, urls[node], `${node}2`, []));
  }
  onExit(() => clients.forEach((c) => c.s.disconnect()));
  // the cluster is formed once every node sees every socket
  result.step = "cluster";
  for (const node of nodes) {
    const c = clients.find((k) => k.node === node);
    let n = 0;
    for (let i = 0; i < 100 && n !== clients.length; i++) {
      n = (await cmd(c, "fetch", {}).catch(() => [])).length;
      if (n !== clients.length) await sleep(100);
    }
    check(`cluster formed as seen from ${node}`, n === clients.length, n);
  }
  for (const node of nodes) {
    result.step = `from ${node}`;
    const origin = clients.find((c) => c.node === node && c.name.endsWith("1"));
    if (resume) {
      // after a Redis restart: broadcasts and requests cross the nodes again
      await broadcastCheck(`all from ${node}`, origin, { event: "e-all" }, clients);
      const others = nodes.filter((n) => n !== node);
      const replies = await cmd(origin, "sse", { data: `sse-ack from ${node}`, withAck: true });
      check(`serverSideEmitWithAck from ${node}`, JSON.stringify([...replies].sort())
        === JSON.stringify(others.map((o) => `${o} got sse-ack from ${node}`).sort()), replies);
    } else {
      await fromNode(origin, nodes.filter((n) => n !== node));
    }
  }
  if (resume) {
    result.step = "done";
    return finish({ ok: failures.length === 0, checks });
  }
  result.step = "disconnects";
  await disconnects(urls, nodes);
  if (mode === "classic") {
    result.step = "emitter";
    const redis = createClient({ url: redisUri });
    await redis.connect();
    onExit(() => redis.disconnect().catch(() => {}));
    const emitter = new Emitter(redis, { key: KEY });
    emitter.emit("e-emitter", "from the emitter");
    emitter.to("r1").emit("e-emitter-room", "to r1");
    await barrier(clients[clients.length - 1]);
    const all = await until(() => clients.every((c) => got(c, "e-emitter").length === 1));
    check("redis-emitter to all", all, clients.map((c) => [c.name, got(c, "e-emitter").length]));
    const inR1 = names(clients.filter((c) => c.rooms.includes("r1")));
    const r1 = () => names(clients.filter((c) => got(c, "e-emitter-room").length === 1));
    await until(() => r1().length >= inR1.length);
    check("redis-emitter to r1", JSON.stringify(r1()) === JSON.stringify(inR1), r1());
  }
  result.step = "done";
  await finish({ ok: failures.length === 0, checks });
}

main().catch((e) => done({
  error: String(e && e.stack || e), checks,
  // which clients were disconnected, and why (a client lost in the middle of a step fails that step)
  disconnected: clients.filter((c) => c.reason).map((c) => `${c.name}: ${c.reason}`),
}));
