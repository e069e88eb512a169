// Captures, at build time, the bytes that Node's own @socket.io/redis-adapter 8.3 and @socket.io/redis-emitter 5.1
// publish, and notepack.io's encodings of sample values, for RedisWireTest (not hand-written vectors).
//
// usage: node capture-redis-wire.mjs <output dir>
// Starts a private redis-server, two Node socket.io servers (A and B) with the official classic adapter, one
// official client on each, and a recorder PSUBSCRIBEd to "*"; runs every operation once from A (and the emitter),
// and writes <output dir>/node-adapter.json: {uidA, uidB, clientA, clientB, messages: [{label, channel, hex}]},
// and <output dir>/notepack.json: [{name, hex, json}].
import { createServer } from "node:http";
import { mkdirSync, writeFileSync } from "node:fs";
import { Server } from "socket.io";
import { io as ioc } from "socket.io-client";
import { createAdapter } from "@socket.io/redis-adapter";
import { Emitter } from "@socket.io/redis-emitter";
import notepack from "notepack.io";
import { freePort, redisClient, sleep, startRedis, toJson } from "./redis-common.mjs";

const outDir = process.argv[2] || "target/redis-wire";
const SETTLE_MS = 150;

async function node(url) {
  const pub = await redisClient(url);
  const sub = pub.duplicate();
  sub.on("error", () => {});
  await sub.connect();
  const http = createServer();
  const io = new Server(http, { adapter: createAdapter(pub, sub, { requestsTimeout: 3000 }) });
  const port = await freePort();
  await new Promise((r) => http.listen(port, "127.0.0.1", r));
  const connected = new Promise((r) => io.once("connection", r));
  const client = ioc(`http://127.0.0.1:${port}`, { transports: ["websocket"], auth: { token: "t" } });
  client.on("ack-me", (...args) => args.pop()("answer-from-" + port));
  const socket = await connected;
  await new Promise((r) => (client.connected ? r() : client.once("connect", r)));
  return { io, pub, sub, http, client, socket };
}

const redis = await startRedis();
const messages = [];
let label = "setup";
const recorder = await redisClient(redis.url);
await recorder.pSubscribe("*", (message, channel) => {
  messages.push({ label, channel: channel.toString(), hex: Buffer.from(message).toString("hex") });
}, true);

const a = await node(redis.url);
const b = await node(redis.url);
await sleep(SETTLE_MS);
b.io.on("hello-ack", (...args) => args.pop()({ answer: "from-b", bin: Buffer.from([7]) }));
b.socket.join("room1");
a.socket.data = { user: "alice", n: 3 };
b.socket.data = { user: "bob", avatar: Buffer.from([9, 8]) };

async function step(name, fn) {
  label = name;
  await fn();
  await sleep(SETTLE_MS);
}

await step("broadcast-all", () => a.io.emit("news", 1, "two", Buffer.from([3, 4]), { nested: true }, null, 1.5,
  -7, 300, 70000, 5000000000));
await step("broadcast-room", () => a.io.to("room1").emit("news", "r"));
await step("broadcast-rooms-except-volatile", () => a.io.to(["r1", "r2"]).except("r3").volatile.emit("v"));
await step("broadcast-with-ack", () => a.io.timeout(2000).emitWithAck("ack-me", "q"));
await step("fetch-sockets", () => a.io.fetchSockets());
await step("server-side-emit", () => a.io.serverSideEmit("hello", "world", Buffer.from([1])));
await step("server-side-emit-ack", () => a.io.serverSideEmitWithAck("hello-ack", 42));
await step("all-rooms", () => a.io.of("/").adapter.allRooms());
await step("sockets-join", () => a.io.in("room1").socketsJoin("room2"));
await step("sockets-leave", () => a.io.in("room1").socketsLeave("room2"));

const emitter = new Emitter(a.pub);
await step("emitter-emit", () => emitter.to("room1").except("room3").emit("news", 1, "a", Buffer.from([5, 6])));
await step("emitter-emit-all-volatile", () => emitter.of("/chat").volatile.compress(false).emit("tick", { t: 1.25 }));
await step("emitter-sockets-join", () => emitter.in("room1").socketsJoin(["room4", "room5"]));
await step("emitter-sockets-leave", () => emitter.socketsLeave("room4"));
await step("emitter-server-side-emit", () => emitter.serverSideEmit("reload", "cfg", 2));
await step("emitter-disconnect", () => emitter.in("nobody").disconnectSockets(true));
await step("disconnect-sockets", () => a.io.in("nobody").disconnectSockets(true));

const samples = {
  "ints": [0, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296, -1, -32, -33, -128, -129, -32768, -32769,
    -2147483648, -2147483649, 9007199254740991],
  "floats": [0.5, -1.25, 1e-300, 3.141592653589793],
  "strings": ["", "a", "x".repeat(31), "x".repeat(32), "x".repeat(255), "x".repeat(256), "é☃😀"],
  "nil-bool": [null, true, false],
  "nested": { a: [1, { b: [] }], c: {}, d: null },
  "binary": [Buffer.alloc(0), Buffer.from([1, 2, 3]), Buffer.alloc(300, 7)],
  "date32": new Date(Date.UTC(2024, 0, 1)),
  "date64": new Date(Date.UTC(2024, 0, 1, 0, 0, 0, 123)),
  "date96": new Date(-1000),
  "undefined-in-map": { a: undefined, b: 1 },
};
const notepackVectors = Object.entries(samples).map(([name, value]) => ({
  name,
  hex: notepack.encode(value).toString("hex"),
  json: toJson(notepack.decode(notepack.encode(value))),
}));

mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}/node-adapter.json`, JSON.stringify({
  uidA: a.io.of("/").adapter.uid,
  uidB: b.io.of("/").adapter.uid,
  clientA: a.socket.id,
  clientB: b.socket.id,
  messages,
}, null, 1));
writeFileSync(`${outDir}/notepack.json`, JSON.stringify(notepackVectors, null, 1));

for (const n of [a, b]) {
  n.client.close();
  n.io.close();
  await n.pub.quit().catch(() => {});
  await n.sub.quit().catch(() => {});
}
await recorder.quit().catch(() => {});
redis.stop();
console.log(`captured ${messages.length} messages and ${notepackVectors.length} notepack vectors in ${outDir}`);
process.exit(0);
