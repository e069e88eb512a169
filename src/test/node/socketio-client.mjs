// Runs the official socket.io-client against a deployed sio4ee WAR (test app EchoSetup).
// usage: node socketio-client.mjs <http://127.0.0.1:port/ctx/> <polling|websocket|upgrade>
// prints one JSON line with what happened.
import { io } from "socket.io-client";
import { interop, once } from "./interop.mjs";

const { url, origin, args: [mode], result, done } = interop(25000, { mode: process.argv[3] });
const transports = mode === "polling" ? ["polling"] : mode === "websocket" ? ["websocket"] : ["polling", "websocket"];
const opts = { path: `${url.pathname}socket.io/`, transports, upgrade: mode === "upgrade", reconnection: false, forceNew: true };

async function main() {
  const a = io(origin, opts);
  const [welcome] = await once(a, "welcome");
  result.idOk = welcome === a.id && a.id.length === 20;
  if (mode === "upgrade" && a.io.engine.transport.name !== "websocket") await once(a.io.engine, "upgrade");
  result.transport = a.io.engine.transport.name;

  // ack with JSON and binary arguments, round trip
  // the callback form receives every argument of the ack (emitWithAck resolves with the first one only)
  const echoed = await new Promise((resolve, reject) =>
    a.timeout(5000).emit("echo", "text", 42, { nested: [1, "two", null] }, Buffer.from([1, 2, 3]),
      (err, ...vals) => (err ? reject(err) : resolve(vals))));
  result.echo = [echoed[0], echoed[1], echoed[2], [...echoed[3]]];

  // event back with binary
  const p = once(a, "echo-event");
  a.emit("echo-event", "bin", Buffer.from([255, 0]));
  const ev = await p;
  result.event = [ev[0], [...ev[1]]];

  // server asks, client answers
  a.on("question", (q, cb) => cb(q === "2+2?" ? 4 : -1));
  const ans = once(a, "answer was");
  a.emit("ask-me");
  result.answer = (await ans)[0];

  // rooms: b joins, a sends to the room; c (not in the room) must get nothing
  const b = io(origin, opts);
  const c = io(origin, opts);
  await Promise.all([once(b, "welcome"), once(c, "welcome")]);
  result.joinAck = await b.timeout(5000).emitWithAck("join", "r1");
  let cGot = 0;
  c.on("room message", () => cGot++);
  const bGot = once(b, "room message");
  a.emit("to-room", "r1", "hello room");
  result.room = (await bGot)[0];
  await new Promise((r) => setTimeout(r, 300));
  result.outsiderGot = cGot;

  // guarded namespace: refused, then accepted
  const bad = io(origin + "/guarded", { ...opts, auth: { token: "nope" } });
  const [err] = await once(bad, "connect_error");
  result.refused = { message: err.message, data: err.data };
  const good = io(origin + "/guarded", { ...opts, auth: { token: "let-me-in" } });
  result.guarded = (await once(good, "welcome"))[0];

  // unknown namespace
  const nowhere = io(origin + "/nowhere", opts);
  result.invalidNamespace = (await once(nowhere, "connect_error"))[0].message;

  // disconnect reasons
  const reason = once(a, "disconnect");
  a.disconnect();
  result.clientReason = (await reason)[0];
  for (const s of [b, c, bad, good, nowhere]) s.disconnect();
  done({ ok: true });
}
main().catch((e) => done({ error: String(e && e.stack || e) }));
