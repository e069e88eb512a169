// Connects to /guarded of the CDI test application as the HTTP Basic user alice and reports the caller the
// ConnectionGuard beans saw, once refused (wrong token) and once accepted.
// usage: node cdi-caller.mjs <http://127.0.0.1:port/ctx/> <polling|websocket>
import { io } from "socket.io-client";
import { interop, once } from "./interop.mjs";

const { url, args: [mode], result, done } = interop(25000, { mode: process.argv[3] });
const opts = {
  path: `${url.pathname}socket.io/`, transports: [mode], reconnection: false, forceNew: true,
  extraHeaders: { Authorization: "Basic " + Buffer.from("alice:secret").toString("base64") },
};
const target = `${url.protocol}//${url.host}/guarded`;

async function main() {
  const bad = io(target, { ...opts, auth: { token: "wrong" } });
  const [err] = await once(bad, "connect_error");
  result.refused = { message: err.message, data: err.data ?? null };
  const good = io(target, { ...opts, auth: { token: "open sesame" } });
  result.welcome = await once(good, "welcome");
  good.disconnect();
  done({ ok: true });
}
main().catch((e) => done({ error: String(e && e.stack || e) }));
