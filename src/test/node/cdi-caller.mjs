// Connects to /guarded of the CDI test application as the HTTP Basic user alice and reports the caller the
// ConnectionGuard beans saw, once refused (wrong token) and once accepted.
// usage: node cdi-caller.mjs <http://127.0.0.1:port/ctx/> <polling|websocket>
import { io } from "socket.io-client";

const [base, mode] = process.argv.slice(2);
const url = new URL(base);
const opts = {
  path: `${url.pathname}socket.io/`, transports: [mode], reconnection: false, forceNew: true,
  extraHeaders: { Authorization: "Basic " + Buffer.from("alice:secret").toString("base64") },
};
const target = `${url.protocol}//${url.host}/guarded`;
const result = { ok: false, mode };
const done = (extra) => {
  Object.assign(result, extra);
  console.log(JSON.stringify(result));
  process.exit(result.ok ? 0 : 1);
};
setTimeout(() => done({ error: "timeout" }), 25000);
const once = (socket, event) => new Promise((resolve) => socket.once(event, (...args) => resolve(args)));

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
