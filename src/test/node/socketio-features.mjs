// One official socket.io-client against the RoomsSetup test app: a burst of volatile events, then the
// server's catch-all listeners (incoming and outgoing) are read back.
// usage: node socketio-features.mjs <http://127.0.0.1:port/ctx/> <polling|websocket>
import { io } from "socket.io-client";
import { interop, once } from "./interop.mjs";

const { url, origin, args: [mode], result, done } = interop(25000, { mode: process.argv[3] });

async function main() {
  const s = io(origin, { path: `${url.pathname}socket.io/`, transports: [mode], reconnection: false, forceNew: true });
  const clientSeen = [];
  s.onAny((event) => clientSeen.push(event));
  await once(s, "ready");
  result.address = await s.timeout(5000).emitWithAck("address");
  const volatiles = [];
  s.on("v", (i) => volatiles.push(i));
  const vDone = once(s, "v-done");
  s.emit("volatile-burst", 20);
  result.burst = (await vDone)[0];
  result.volatiles = volatiles;
  s.emit("hello", "anyone?");
  result.serverSeen = await s.timeout(5000).emitWithAck("seen");
  result.clientSeen = clientSeen;
  s.disconnect();
  done({ ok: true });
}
main().catch((e) => done({ error: String((e && e.stack) || e) }));
