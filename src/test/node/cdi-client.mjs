// Drives the CDI test application (dev.sio4ee.it.app.cdi) with the official socket.io-client.
// usage: node cdi-client.mjs <http://127.0.0.1:port/ctx/> <polling|websocket>
// prints one JSON line with what happened.
import { io } from "socket.io-client";
import { interop, once } from "./interop.mjs";

const { url, origin, args: [mode], result, done } = interop(45000, { mode: process.argv[3] });
const opts = { path: `${url.pathname}socket.io/`, transports: [mode], reconnection: false, forceNew: true };
// every argument of the ack (emitWithAck resolves with the first one only)
const ack = (socket, event, ...args) => new Promise((resolve, reject) =>
  socket.timeout(15000).emit(event, ...args, (err, ...vals) => (err ? reject(new Error(`${event}: ${err}`)) : resolve(vals))));
const refusal = async (socket) => {
  const [err] = await once(socket, "connect_error");
  return { message: err.message, data: err.data ?? null };
};

async function main() {
  result.step = "connect";
  const a = io(origin + "/cdi", opts);
  const [readyId] = await once(a, "ready");
  result.id = a.id;
  result.readyOk = readyId === a.id;

  result.step = "typed";
  result.typed = await ack(a, "typed", { x: 2, y: 3 }, Buffer.from([1, 2, 3, 4]));

  result.step = "order of 200 events";
  for (let i = 0; i < 200; i++) a.emit("seq", i);
  result.seq = (await ack(a, "seq-done"))[0];

  result.step = "ping";
  result.pingCdi = (await ack(a, "ping"))[0];
  const other = io(origin + "/other", opts);
  await once(other, "ready");
  result.otherId = other.id;
  result.pingOther = (await ack(other, "ping"))[0];

  result.step = "async";
  result.async = await ack(a, "async", "hello");

  result.step = "request scope";
  result.requestScope = await ack(a, "request-scope");
  result.requestScopeAsync = await ack(a, "request-scope-async");

  result.step = "enterprise beans";
  result.stateless = await ack(a, "ejb-stateless", "s");
  result.singleton = [await ack(a, "ejb-singleton", "x"), await ack(a, "ejb-singleton", "y")];
  result.transactional = await ack(a, "transactional", "t");

  result.step = "throwing observers";
  a.emit("boom");
  result.afterBoom = (await ack(a, "ping"))[0];
  result.connectedAfterBoom = a.connected;

  result.step = "orders";
  const tag = a.id.slice(0, 8);
  result.tag = tag;
  const committed = [];
  a.on("order committed", (item) => committed.push(item));
  result.apple = await ack(a, "order", `apple-${tag}`, false);
  result.pear = await ack(a, "order", `pear-${tag}`, true);
  result.plum = await ack(a, "order", `plum-${tag}`, false);
  for (let i = 0; i < 100 && !committed.includes(`plum-${tag}`); i++) await new Promise((r) => setTimeout(r, 100));
  result.committed = committed;

  result.step = "dynamic namespace";
  const dyn = io(origin + "/dyn-7", opts);
  result.dynReady = (await once(dyn, "ready"))[0] === dyn.id;
  result.dynId = dyn.id;

  result.step = "configured namespaces";
  const fromMp = io(origin + "/from-mp", opts);
  await once(fromMp, "connect");
  result.fromMpConnected = fromMp.connected;
  result.fromContext = (await refusal(io(origin + "/from-context", opts))).message;

  result.step = "guards";
  result.refused = await refusal(io(origin + "/guarded", { ...opts, auth: {} }));
  const welcome = io(origin + "/guarded", { ...opts, auth: { token: "open sesame" } });
  result.welcome = await once(welcome, "welcome");
  result.banned = await refusal(io(origin + "/cdi", { ...opts, auth: { banned: true } }));
  result.auditRefused = await refusal(io(origin + "/guarded", { ...opts, auth: { token: "open sesame", refuseAudit: true } }));

  result.step = "disconnect";
  for (const s of [other, dyn, fromMp, welcome]) s.disconnect();
  const reason = once(a, "disconnect");
  a.disconnect();
  result.clientReason = (await reason)[0];
  // the packets leave asynchronously: stay until the server journaled the disconnections
  result.step = "waiting for the server to see the disconnections";
  const probe = io(origin, opts);
  await once(probe, "connect");
  for (const id of [result.id, result.otherId, result.dynId]) {
    let last = "";
    for (let i = 0; i < 200 && !last.startsWith("disconnected"); i++) {
      const seen = (await ack(probe, "journal", id))[0];
      last = seen.length ? seen[seen.length - 1] : "";
      if (!last.startsWith("disconnected")) await new Promise((r) => setTimeout(r, 100));
    }
  }
  probe.disconnect();
  done({ ok: true });
}
main().catch((e) => done({ error: String(e && e.stack || e) }));
