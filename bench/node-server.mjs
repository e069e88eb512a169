// The reference server of the benchmark: Node socket.io with the same handlers as sio4ee's BenchSetup.
//   node --expose-gc node-server.mjs <port> [redis://127.0.0.1:<port>]
// With a Redis URL it joins a cluster through the official `@socket.io/redis-adapter` (`createAdapter` over two
// clients of the `redis` package, as its README shows), as sio4ee does with dev.sio4ee.ADAPTER=redis.
// GET /bench/mem answers {pid, heapUsed, heapTotal, rss, threads, clients} after a full GC, like sio4ee's
// BenchStats (threads: of the whole process, from /proc/self/status).
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { Server } from "socket.io";

const port = Number(process.argv[2] || 8601);
const redisUrl = process.argv[3] || "";

const http = createServer((req, res) => {
  if (req.url.startsWith("/bench/mem")) {
    if (global.gc) {
      global.gc();
      global.gc();
    }
    const m = process.memoryUsage();
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({
      server: "node",
      pid: process.pid,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      rss: m.rss,
      threads: threads(),
      clients: io.engine.clientsCount,
    }));
    return;
  }
  res.writeHead(404);
  res.end();
});

function threads() {
  try {
    const line = readFileSync("/proc/self/status", "utf8").split("\n").find((l) => l.startsWith("Threads:"));
    return line ? Number(line.slice(8).trim()) : -1;
  } catch {
    return -1;
  }
}

const io = new Server(http);
let redisClients = [];
if (redisUrl) {
  const { createClient } = await import("redis");
  const { createAdapter } = await import("@socket.io/redis-adapter");
  const pubClient = createClient({ url: redisUrl });
  const subClient = pubClient.duplicate();
  pubClient.on("error", (e) => console.error("redis pub client:", e.message));
  subClient.on("error", (e) => console.error("redis sub client:", e.message));
  await Promise.all([pubClient.connect(), subClient.connect()]);
  io.adapter(createAdapter(pubClient, subClient));
  redisClients = [pubClient, subClient];
}

io.on("connection", (socket) => {
  // echo: the ack answers with the same arguments
  socket.on("echo", (...args) => {
    const ack = args.pop();
    if (typeof ack === "function") ack(...args);
  });
  // broadcast: to every connected client
  socket.on("broadcast", (...args) => {
    if (typeof args[args.length - 1] === "function") args.pop();
    io.emit("broadcast", ...args);
  });
  // join: the room named by the first argument
  socket.on("join", (room, ack) => {
    socket.join(String(room));
    if (typeof ack === "function") ack("joined " + room);
  });
  // room: emit the other arguments to the room named by the first
  socket.on("room", (room, ...args) => {
    if (typeof args[args.length - 1] === "function") args.pop();
    io.to(String(room)).emit("room", ...args);
  });
  // leave: the room named by the first argument
  socket.on("leave", (room, ack) => {
    socket.leave(String(room));
    if (typeof ack === "function") ack("left " + room);
  });
  // chat: emit the other arguments to the room named by the first (the sender too, when in it), then ack them
  socket.on("chat", (room, ...args) => {
    const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
    io.to(String(room)).emit("chat", ...args);
    if (ack) ack(...args);
  });
});

http.listen(port, "127.0.0.1", () => console.log(`node socket.io listening on 127.0.0.1:${port} pid ${process.pid}` +
  (redisUrl ? `, Redis adapter on ${redisUrl}` : "")));

const stop = () => {
  io.close();
  http.close();
  for (const c of redisClients) c.disconnect().catch(() => {});
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
