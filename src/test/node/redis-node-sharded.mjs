// A Node socket.io 4.8 node with the official sharded Redis adapter (@socket.io/redis-adapter createShardedAdapter,
// node-redis 4 clients), driven by a Java test over stdin/stdout, one JSON object per line.
//
//   node redis-node-sharded.mjs <redis://host:port | redis://h1:p1,h2:p2,...> <static|dynamic|dynamic-private>
//        <channelPrefix> <clients>
//
// It listens on a free 127.0.0.1 port, connects <clients> socket.io-client clients to itself and prints
//   {"type":"ready","port":...,"clients":[socket ids]}
// Then each command line {"id":N,"op":...} gets one reply {"re":N,...} ({"re":N,"error":"..."} on failure), and
// what the clients and the server hear is printed as it happens:
//   {"type":"client","client":i,"event":...,"args":[...]}      (a client answers an ack with "node-client-<i>")
//   {"type":"disconnect","client":i,"reason":...}
//   {"type":"server","event":...,"args":[...]}                 (serverSideEmit; answered with args[0] + 1 when a
//                                                               number, else "node-server")
// Binary values travel as {"$bin":"<hex>"} both ways (redis-common.mjs, shared with redis-node.mjs). The process exits on {"op":"quit"} or when stdin closes.
import { createServer } from "node:http";
import readline from "node:readline";
import { Server } from "socket.io";
import { io as connectClient } from "socket.io-client";
import { createClient, createCluster } from "redis";
import { createShardedAdapter } from "@socket.io/redis-adapter";
import { fromJson, toJson } from "./redis-common.mjs";

const [uri, subscriptionMode, channelPrefix, clientCount] = process.argv.slice(2);
const out = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");

const seeds = uri.replace(/^redis:\/\//, "").split(",");
const pub = seeds.length > 1
  ? createCluster({ rootNodes: seeds.map((s) => ({ url: `redis://${s}` })) })
  : createClient({ url: uri });
const sub = pub.duplicate();
pub.on("error", (e) => out({ type: "log", error: String(e) }));
sub.on("error", (e) => out({ type: "log", error: String(e) }));
await Promise.all([pub.connect(), sub.connect()]);

const httpServer = createServer();
const io = new Server(httpServer, { adapter: createShardedAdapter(pub, sub, { channelPrefix, subscriptionMode }) });
io.on("connection", (socket) => {
  socket.data = { node: "node", id: socket.id };
});
for (const event of ["hello", "count", "blob"]) {
  io.on(event, (...args) => {
    const ack = typeof args.at(-1) === "function" ? args.pop() : null;
    out({ type: "server", event, args: toJson(args) });
    if (ack) ack(typeof args[0] === "number" ? args[0] + 1 : "node-server");
  });
}
await new Promise((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
const port = httpServer.address().port;

const clients = [];
for (let i = 0; i < Number(clientCount); i++) {
  const c = connectClient(`http://127.0.0.1:${port}`, { transports: ["websocket"], reconnection: false });
  c.onAny((event, ...args) => {
    const ack = typeof args.at(-1) === "function" ? args.pop() : null;
    out({ type: "client", client: i, event, args: toJson(args) });
    if (ack) ack(`node-client-${i}`);
  });
  c.on("disconnect", (reason) => out({ type: "disconnect", client: i, reason }));
  clients.push(c);
  await new Promise((resolve) => c.once("connect", resolve));
}

const target = (cmd) => {
  let op = io.of(cmd.nsp || "/");
  if (cmd.rooms && cmd.rooms.length) op = op.to(cmd.rooms);
  if (cmd.except && cmd.except.length) op = op.except(cmd.except);
  if (cmd.local) op = op.local;
  if (cmd.volatile) op = op.volatile;
  if (cmd.timeout) op = op.timeout(cmd.timeout);
  return op;
};
const serverSocket = (i) => io.of("/").sockets.get(clients[i].id);
const snapshot = (s) => ({ id: s.id, rooms: [...s.rooms], data: toJson(s.data), handshake: toJson(s.handshake) });

const handlers = {
  emit: (cmd) => { target(cmd).emit(cmd.event, ...fromJson(cmd.args || [])); return {}; },
  emitWithAck: async (cmd) => ({ responses: toJson(await target(cmd).emitWithAck(cmd.event, ...fromJson(cmd.args || []))) }),
  join: (cmd) => { serverSocket(cmd.client).join(cmd.room); return {}; },
  leave: (cmd) => { serverSocket(cmd.client).leave(cmd.room); return {}; },
  rooms: (cmd) => ({ rooms: [...(serverSocket(cmd.client)?.rooms ?? [])] }),
  socketsJoin: (cmd) => { target(cmd).socketsJoin(cmd.room); return {}; },
  socketsLeave: (cmd) => { target(cmd).socketsLeave(cmd.room); return {}; },
  disconnectSockets: (cmd) => { target(cmd).disconnectSockets(cmd.close); return {}; },
  fetchSockets: async (cmd) => ({ sockets: (await target(cmd).fetchSockets()).map(snapshot) }),
  serverSideEmit: (cmd) => { io.serverSideEmit(cmd.event, ...fromJson(cmd.args || [])); return {}; },
  serverSideEmitWithAck: async (cmd) =>
    ({ responses: toJson(await io.serverSideEmitWithAck(cmd.event, ...fromJson(cmd.args || []))) }),
  serverCount: async () => ({ count: await io.of("/").adapter.serverCount() }),
  reconnect: async (cmd) => {
    const c = clients[cmd.client];
    c.connect();
    await new Promise((resolve) => c.once("connect", resolve));
    return { id: c.id };
  },
};

const quit = () => {
  clients.forEach((c) => c.disconnect());
  io.close();
  Promise.allSettled([pub.disconnect(), sub.disconnect()]).finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", async (line) => {
  let cmd;
  try {
    cmd = JSON.parse(line);
  } catch (e) {
    return out({ type: "log", error: `not JSON: ${line}` });
  }
  if (cmd.op === "quit") return quit();
  try {
    const handler = handlers[cmd.op];
    if (!handler) throw new Error(`unknown op ${cmd.op}`);
    out({ re: cmd.id, ...(await handler(cmd)) });
  } catch (e) {
    out({ re: cmd.id, error: String(e && e.message ? e.message : e) });
  }
});
lines.on("close", quit);
out({ type: "ready", port, clients: clients.map((c) => c.id) });
