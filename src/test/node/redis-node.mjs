// A Node socket.io 4.8 server with the official classic @socket.io/redis-adapter 8.3, for the mixed-cluster tests:
// it connects one official socket.io-client to itself and obeys commands, one JSON object per line on stdin,
// answering one JSON line on stdout: {"id": <the command's id>, "ok": true, "result": ...} or {"id", "ok": false,
// "error"}. Binary values travel as {"$bin": "<hex>"}. First line written: {"ready": true, port, uid, clientId}.
//
// usage: node redis-node.mjs <redis url> [key]
import { createServer } from "node:http";
import { createInterface } from "node:readline";
import { Server } from "socket.io";
import { io as ioc } from "socket.io-client";
import { createAdapter } from "@socket.io/redis-adapter";
import { Emitter } from "@socket.io/redis-emitter";
import { freePort, fromJson, redisClient, toJson } from "./redis-common.mjs";

const [url, key = "socket.io"] = process.argv.slice(2);
const pub = await redisClient(url);
const sub = pub.duplicate();
sub.on("error", () => {});
await sub.connect();
const http = createServer();
const io = new Server(http, { adapter: createAdapter(pub, sub, { key, requestsTimeout: 3000 }) });
const port = await freePort();
await new Promise((r) => http.listen(port, "127.0.0.1", r));
const emitter = new Emitter(pub, { key });

let received = [];
let heard = [];
let client;
let serverSocket;

io.on("sse", (...args) => {
  const cb = typeof args[args.length - 1] === "function" ? args.pop() : null;
  heard.push(toJson(args));
  if (cb) {
    cb({ from: "node", echo: args[0] ?? null, bin: Buffer.from([0x4e]) });
  }
});

async function connectClient() {
  const connected = new Promise((r) => io.once("connection", r));
  client = ioc(`http://127.0.0.1:${port}`, { transports: ["websocket"], auth: { who: "node-client" },
    reconnection: false });
  client.onAny((event, ...args) => {
    const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
    received.push({ event, args: toJson(args) });
    if (ack) {
      ack("node-ack:" + event, Buffer.from([1, 2]));
    }
  });
  serverSocket = await connected;
  serverSocket.data = { who: "node", n: 1 };
  await new Promise((r) => (client.connected ? r() : client.once("connect", r)));
}
await connectClient();

function target(op, cmd) {
  let t = op;
  if (cmd.to && cmd.to.length) t = t.to(cmd.to);
  if (cmd.except && cmd.except.length) t = t.except(cmd.except);
  if (cmd.local) t = t.local;
  if (cmd.volatile) t = t.volatile;
  if (cmd.timeout) t = t.timeout(cmd.timeout);
  return t;
}

const commands = {
  async reset() {
    if (!client.connected) {
      client.close();
      await connectClient();
    }
    for (const room of [...serverSocket.rooms]) {
      if (room !== serverSocket.id) serverSocket.leave(room);
    }
    received = [];
    heard = [];
    return { clientId: serverSocket.id };
  },
  emit: (c) => target(io, c).emit(c.event, ...fromJson(c.args || [])),
  emitWithAck: async (c) => toJson(await target(io, c).emitWithAck(c.event, ...fromJson(c.args || []))),
  socketsJoin: (c) => target(io, c).socketsJoin(c.rooms),
  socketsLeave: (c) => target(io, c).socketsLeave(c.rooms),
  disconnectSockets: (c) => target(io, c).disconnectSockets(!!c.close),
  fetchSockets: async (c) => (await target(io, c).fetchSockets()).map((s) => toJson({
    id: s.id, rooms: [...s.rooms], data: s.data, handshake: s.handshake,
  })),
  remoteEmit: async (c) => {
    const [s] = await io.in(c.id).fetchSockets();
    s.emit(c.event, ...fromJson(c.args || []));
    return true;
  },
  serverSideEmit: (c) => io.serverSideEmit(c.event, ...fromJson(c.args || [])),
  serverSideEmitWithAck: async (c) => toJson(await io.serverSideEmitWithAck(c.event, ...fromJson(c.args || []))),
  allRooms: async () => [...(await io.of("/").adapter.allRooms())],
  serverCount: () => io.of("/").adapter.serverCount(),
  join: (c) => serverSocket.join(c.rooms),
  rooms: () => (serverSocket.connected ? [...serverSocket.rooms] : []),
  connected: () => client.connected,
  received: () => {
    const r = received;
    received = [];
    return r;
  },
  heard: () => {
    const h = heard;
    heard = [];
    return h;
  },
  emitterEmit: (c) => target(emitter, c).emit(c.event, ...fromJson(c.args || [])),
  emitterSocketsJoin: (c) => target(emitter, c).socketsJoin(c.rooms),
  emitterDisconnectSockets: (c) => target(emitter, c).disconnectSockets(!!c.close),
  emitterServerSideEmit: (c) => emitter.serverSideEmit(c.event, ...fromJson(c.args || [])),
  async quit() {
    client.close();
    io.close();
    await pub.quit().catch(() => {});
    await sub.quit().catch(() => {});
    setTimeout(() => process.exit(0), 50);
    return true;
  },
};

function reply(o) {
  process.stdout.write(JSON.stringify(o) + "\n");
}

reply({ ready: true, port, uid: io.of("/").adapter.uid, clientId: serverSocket.id });

const rl = createInterface({ input: process.stdin });
rl.on("line", async (line) => {
  let cmd;
  try {
    cmd = JSON.parse(line);
  } catch (e) {
    reply({ id: null, ok: false, error: "bad json: " + e.message });
    return;
  }
  try {
    const f = commands[cmd.cmd];
    if (!f) throw new Error("unknown command " + cmd.cmd);
    const result = await f(cmd);
    reply({ id: cmd.id, ok: true, result: result === undefined ? null : result });
  } catch (e) {
    reply({ id: cmd.id, ok: false, error: String(e && e.message ? e.message : e) });
  }
});
rl.on("close", () => process.exit(0));
