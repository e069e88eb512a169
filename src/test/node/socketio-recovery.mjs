// The official socket.io-client against a sio4ee WAR with connection-state recovery on (test app RecoverySetup).
// usage: node socketio-recovery.mjs <http://127.0.0.1:port/ctx/> <polling|websocket|upgrade> <reconnect|recovery>
//   reconnect: the server drops the transport; the client must reconnect by itself and work again
//   recovery:  the server streams 1..N (odd to the socket, even to its room) and drops the transport mid-stream;
//              the client must get its socket back (same id, recovered) and every number exactly once, in order
// prints one JSON line with what happened.
import { io } from "socket.io-client";
import { interop, once } from "./interop.mjs";

const [mode, scenario] = process.argv.slice(3);
const { url, origin, result, done, onExit } = interop(40000, { mode, scenario });
const transports = mode === "polling" ? ["polling"] : mode === "websocket" ? ["websocket"] : ["polling", "websocket"];
const opts = {
  path: `${url.pathname}socket.io/`, transports, upgrade: mode === "upgrade", forceNew: true,
  reconnection: true, reconnectionDelay: 200, reconnectionDelayMax: 500, reconnectionAttempts: 20,
  auth: { user: "alice" },
};
const COUNT = 120;
const DROP_AT = 40;
let socket;
onExit(() => socket && socket.disconnect());
const until = async (check, what) => {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!check()) throw new Error("gave up waiting for " + what);
};

async function connected() {
  await once(socket, "connect");
  if (mode === "upgrade" && socket.io.engine.transport.name !== "websocket") await once(socket.io.engine, "upgrade");
}

async function main() {
  socket = io(origin, opts);
  const connects = [];
  const reasons = [];
  const received = [];
  // the missed events are handed to the listeners before "connect" fires, so `received` counts them here
  socket.on("connect", () => connects.push({ id: socket.id, recovered: socket.recovered, received: received.length }));
  socket.on("disconnect", (reason) => reasons.push({ reason, received: received.length }));
  socket.on("n", (n) => received.push(n));
  await connected();
  result.firstId = socket.id;
  result.firstTransport = socket.io.engine.transport.name;

  if (scenario === "reconnect") {
    socket.emit("drop");
    await until(() => connects.length >= 2, "the reconnection");
    if (mode === "upgrade" && socket.io.engine.transport.name !== "websocket") await once(socket.io.engine, "upgrade");
    result.echo = await socket.timeout(5000).emitWithAck("echo", "again");
  } else {
    result.streaming = await socket.timeout(5000).emitWithAck("stream", COUNT, DROP_AT, 20);
    await until(() => received.length >= COUNT && connects.length >= 2, `${COUNT} numbers and a reconnection`);
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would arrive now
    result.state = await socket.timeout(5000).emitWithAck("state");
  }
  result.lastTransport = socket.io.engine.transport.name;
  done({ ok: true, connects, reasons, received, count: COUNT, dropAt: DROP_AT, secondId: socket.id,
    recovered: socket.recovered });
}
main().catch((e) => done({ error: String(e && e.stack || e) }));
