// Two sockets of /cdi's test application: A asks the server to disconnect B; A's observer answers with the
// thread and request context of its own delivery and of B's disconnection observer. Then a sleeper: S's observer
// blocks until O's 20 events (each acknowledged) were observed.
// usage: node cdi-cross.mjs <http://127.0.0.1:port/ctx/> <polling|websocket>
import { io } from "socket.io-client";
import { interop, once } from "./interop.mjs";

const { origin, path, args: [mode], result, done } = interop(40000, { mode: process.argv[3] });
const opts = { path, transports: [mode], reconnection: false, forceNew: true };

async function main() {
  result.step = "connect";
  const a = io(origin + "/cross", opts);
  const b = io(origin + "/cross", opts);
  await Promise.all([once(a, "connect"), once(b, "connect")]);
  result.step = "kick";
  const bGone = once(b, "disconnect");
  result.seen = await new Promise((resolve, reject) => a.timeout(30000).emit("kick", b.id,
    (err, ...vals) => (err ? reject(new Error(`kick: ${err}`)) : resolve(vals))));
  result.reasonOfB = (await bGone)[0];
  a.disconnect();

  result.step = "sleeper";
  const s = io(origin + "/cross", opts);
  const o = io(origin + "/cross", opts);
  await Promise.all([once(s, "connect"), once(o, "connect")]);
  const tag = `nap-${Date.now()}-${Math.random()}`;
  const sleeping = once(s, "sleeping");
  const nap = s.timeout(30000).emitWithAck("nap", tag);
  await sleeping;
  const counts = [];
  for (let n = 0; n < 20; n++) counts.push(o.timeout(30000).emitWithAck("count", tag, n));
  result.counts = await Promise.all(counts);
  result.woken = await nap;
  s.disconnect();
  o.disconnect();
  done({ ok: true });
}
main().catch((e) => done({ error: String(e && e.stack || e) }));
