// Runs the official engine.io-client against a deployed sio4ee WAR whose application echoes every message.
// usage: node engine-client.mjs <http://127.0.0.1:port/ctx/> <polling|websocket|upgrade>
// prints one JSON line: {"ok":true,"transport":..., "upgraded":..., "received":[...]} (binary as {"binary":[bytes]})
import { Socket } from "engine.io-client";

const [base, mode] = process.argv.slice(2);
const url = new URL(base);
const transports = mode === "polling" ? ["polling"] : mode === "websocket" ? ["websocket"] : ["polling", "websocket"];
const expected = ["hello", "unicode € 🎉", Buffer.from([1, 2, 3, 255]), "x".repeat(50000)];
const result = { ok: false, mode, transport: null, upgraded: false, received: [], events: [] };

const fail = (why) => {
  result.error = String(why);
  console.log(JSON.stringify(result));
  process.exit(1);
};
const timer = setTimeout(() => fail("timeout"), 20000);

const socket = new Socket(`${url.protocol}//${url.host}`, {
  path: `${url.pathname}socket.io/`,
  transports,
  upgrade: mode === "upgrade",
});

let sent = false;
const sendAll = () => {
  if (sent) return;
  sent = true;
  result.transport = socket.transport.name;
  for (const m of expected) socket.send(m);
};

socket.on("open", () => {
  result.events.push("open:" + socket.transport.name);
  if (mode !== "upgrade") sendAll();
});
socket.on("upgrade", (t) => {
  result.events.push("upgrade:" + t.name);
  result.upgraded = true;
  sendAll();
});
socket.on("message", (data) => {
  result.received.push(typeof data === "string" ? data : { binary: [...new Uint8Array(data)] });
  if (result.received.length === expected.length) {
    result.ok = true;
    result.transport = socket.transport.name;
    socket.close();
  }
});
socket.on("error", (e) => fail("error: " + e));
socket.on("close", (reason) => {
  result.events.push("close:" + reason);
  clearTimeout(timer);
  console.log(JSON.stringify(result));
  process.exit(result.ok ? 0 : 1);
});
