// Keeps an engine.io-client session open across several server pings (pingInterval 1000 in the test WAR) and
// reports how many pings arrived and whether the session closed meanwhile.
// usage: node engine-heartbeat.mjs <http://127.0.0.1:port/ctx/> <polling|websocket>
import { Socket } from "engine.io-client";

const [base, mode] = process.argv.slice(2);
const url = new URL(base);
const result = { ok: false, pings: 0, closes: [] };
const socket = new Socket(`${url.protocol}//${url.host}`, {
  path: `${url.pathname}socket.io/`,
  transports: [mode],
  upgrade: false,
});
socket.on("ping", () => result.pings++);
socket.on("close", (reason) => result.closes.push(reason));
socket.on("error", (e) => result.closes.push("error: " + e));
setTimeout(() => {
  result.ok = socket.readyState === "open";
  socket.off("close");
  socket.close();
  console.log(JSON.stringify(result));
  process.exit(0);
}, 4500);
