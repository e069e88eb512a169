// N official socket.io-clients against the RoomsSetup test app: client i asks (auth) for rooms r<i%10> and
// even/odd; every 4th one uses long-polling only, the others WebSocket. Client 0 triggers the broadcasts.
// usage: node socketio-rooms.mjs <http://127.0.0.1:port/ctx/> <N>
// prints one JSON line: per event name, the number of times each client received it, plus checks.
import { io } from "socket.io-client";
import { interop } from "./interop.mjs";

const N = Number(process.argv[3]);
const { url, origin, result, done } = interop(100000, { n: N });

const events = ["room-msg", "not-r0", "r1-or-r2", "even-not-r4", "local-all", "broadcast-others", "fanout-done",
  "via-sockets-join", "odd-after-leave", "utilities-done"];
const counts = Object.fromEntries(events.map((e) => [e, new Array(N).fill(0)]));
const wrongRoomPayload = [];
const reasons = new Array(N).fill(null);
const headerMismatches = [];

function client(i) {
  const rooms = [`r${i % 10}`, i % 2 === 0 ? "even" : "odd"];
  const s = io(origin, {
    path: `${url.pathname}socket.io/`, transports: i % 4 === 0 ? ["polling"] : ["websocket"],
    reconnection: false, forceNew: true, auth: { rooms }, extraHeaders: { "x-client": String(i) },
  });
  for (const e of events) s.on(e, (payload) => {
    counts[e][i]++;
    if (e === "room-msg" && payload !== rooms[0]) wrongRoomPayload.push([i, payload]);
  });
  s.on("disconnect", (reason) => { reasons[i] = reason; });
  return new Promise((resolve, reject) => {
    s.once("ready", (id, header) => {
      if (header !== String(i)) headerMismatches.push([i, header]);
      resolve({ s, id });
    });
    s.once("connect_error", reject);
  });
}

const allGot = (event, expected) => new Promise((resolve) => {
  const check = () => (counts[event].filter((c) => c > 0).length >= expected ? resolve() : setTimeout(check, 20));
  check();
});

async function main() {
  const clients = [];
  result.step = "connecting";
  for (let i = 0; i < N; i += 20) {  // connect in bounded batches of 20
    const batch = [];
    for (let j = i; j < Math.min(N, i + 20); j++) batch.push(client(j));
    clients.push(...(await Promise.all(batch)));
  }
  result.distinctIds = new Set(clients.map((c) => c.id)).size;
  result.headerMismatches = headerMismatches;
  const first = clients[0].s;
  result.step = "fanout";
  result.fanoutAck = await first.timeout(20000).emitWithAck("fanout");
  await allGot("fanout-done", N);
  result.step = "utilities";
  const r5 = await first.timeout(20000).emitWithAck("utilities");
  const expectedR5 = clients.filter((_, i) => i % 10 === 5).map((c) => c.id).sort();
  result.fetchSocketsR5 = JSON.stringify(r5) === JSON.stringify(expectedR5) ? "match" : { got: r5, expectedR5 };
  await allGot("utilities-done", N);
  result.step = "kick";
  result.kickAck = await first.timeout(20000).emitWithAck("kick-r9");
  await new Promise((r) => setTimeout(r, 1500));
  result.reasons = reasons.map((r) => r || "connected");
  result.counts = counts;
  result.wrongRoomPayload = wrongRoomPayload;
  for (const c of clients) c.s.disconnect();
  done({ ok: true });
}
main().catch((e) => done({ error: String((e && e.stack) || e) }));
