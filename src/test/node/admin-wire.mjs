// The admin UI's protocol (@socket.io/admin-ui 0.5) at the wire level, with the official socket.io-client as the
// UI uses it (withCredentials, polling then websocket, auth {username, password} or {sessionId}), against the
// AdminAppSetup test app: /admin (read-write, from the settings, container login) and /observer (read-only).
// usage: node admin-wire.mjs <http://127.0.0.1:port/ctx/>
import { io } from "socket.io-client";
import { interop, once } from "./interop.mjs";

const { origin, path, result, done } = interop(40000);
const opts = (extra) => ({ path, forceNew: true, reconnection: false, withCredentials: true, ...extra });
const within = (ms, promise, what) => Promise.race([promise,
  new Promise((_, reject) => setTimeout(() => reject(new Error("no " + what + " within " + ms + " ms")), ms))]);

// collects an admin socket's events by name
function recorder(socket) {
  const seen = {};
  socket.onAny((event, ...args) => (seen[event] ||= []).push(args));
  const next = (event, pred = () => true) => new Promise((resolve) => {
    const check = (...args) => {
      if (pred(...args)) { socket.off(event, check); resolve(args); }
    };
    socket.on(event, check);
  });
  return { seen, next };
}

async function login(nsp, auth) {
  const s = io(origin + nsp, opts({ auth }));
  const rec = recorder(s);
  const session = new Promise((resolve) => s.on("session", resolve)); // Node sends it before the CONNECT
  const config = rec.next("config");
  const allSockets = rec.next("all_sockets");
  const r = await within(10000, new Promise((resolve) => {
    s.on("connect", () => resolve({ ok: true }));
    s.on("connect_error", (err) => resolve({ ok: false, message: err.message }));
  }), nsp + " connection");
  return { s, rec, session, config, allSockets, ...r };
}

async function main() {
  result.step = "wrong password";
  const wrong = await login("/admin", { username: "ops", password: "nope" });
  result.wrongPassword = wrong.message;
  wrong.s.close();
  const noRole = await login("/admin", { username: "alice", password: "secret" });
  result.withoutRole = noRole.message;
  noRole.s.close();

  result.step = "login";
  const ui = await login("/admin", { username: "ops", password: "s3cret" });
  if (!ui.ok) throw new Error("login refused: " + ui.message);
  result.sessionId = await within(5000, ui.session, "session");
  result.features = (await ui.config)[0].supportedFeatures;
  const all = await within(5000, ui.allSockets, "all_sockets");
  result.allSocketsHasSelf = all[0].some((s) => s.nsp === "/admin" && s.id === ui.s.id);
  const stats = (await within(5000, ui.rec.next("server_stats"), "server_stats"))[0];
  result.statsKeys = Object.keys(stats).sort();

  result.step = "clients";
  const connectedA = ui.rec.next("socket_connected", (s) => s.nsp === "/chat");
  const a = io(origin + "/chat", opts({ transports: ["websocket"] }));
  await once(a, "connect");
  const [serialized, date] = await within(5000, connectedA, "socket_connected");
  result.connected = { idMatches: serialized.id === a.id, transport: serialized.transport,
    clientId: serialized.clientId, rooms: serialized.rooms, dateIso: typeof date === "string" && !isNaN(Date.parse(date)),
    hasHandshake: ["address", "headers", "query", "issued", "secure", "time", "url", "xdomain"]
      .every((k) => k in serialized.handshake) };

  // a polling client that upgrades: socket_updated with the transport
  const upgraded = ui.rec.next("socket_updated", (u) => u.transport === "websocket");
  const b = io(origin + "/chat", opts({ transports: ["polling", "websocket"] }));
  await once(b, "connect");
  const [upd] = await within(8000, upgraded, "socket_updated (upgrade)");
  result.upgradeUpdate = { idMatches: upd.id === b.id, nsp: upd.nsp, transport: upd.transport };

  result.step = "events";
  const received = ui.rec.next("event_received", (nsp, id) => id === a.id);
  const sent = ui.rec.next("event_sent", (nsp, id) => id === a.id);
  a.emit("hello", "there");
  result.eventReceived = (await within(5000, received, "event_received")).slice(0, 3);
  result.eventSent = (await within(5000, sent, "event_sent")).slice(0, 3);

  const joined = ui.rec.next("room_joined", (nsp, room, id) => room === "lobby" && id === a.id);
  await a.emitWithAck("enter", "lobby");
  result.roomJoined = (await within(5000, joined, "room_joined")).slice(0, 3).length === 3;

  const dataUpdate = ui.rec.next("socket_updated", (u) => u.data && u.id === a.id);
  await a.emitWithAck("name", "alice");
  result.dataUpdate = (await within(5000, dataUpdate, "socket_updated (data)"))[0].data;

  result.step = "actions";
  const vipJoined = ui.rec.next("room_joined", (nsp, room, id) => room === "vip" && id === a.id);
  ui.s.emit("join", "/chat", "vip", a.id);
  await within(5000, vipJoined, "room_joined vip");
  const news = once(a, "news");
  let bGotNews = false;
  b.on("news", () => { bGotNews = true; });
  ui.s.emit("emit", "/chat", "vip", "news", "for vips", { n: 1 });
  result.news = await within(5000, news, "news");
  const everyone = once(b, "everyone");
  ui.s.emit("emit", "/chat", undefined, "everyone", 42);
  result.everyone = await within(5000, everyone, "everyone");
  result.bGotVipNews = bGotNews;
  const vipLeft = ui.rec.next("room_left", (nsp, room, id) => room === "vip" && id === a.id);
  ui.s.emit("leave", "/chat", "vip", a.id);
  await within(5000, vipLeft, "room_left vip");
  result.roomLeft = true;

  result.step = "read-only observer";
  const obs = await login("/observer", { username: "ops", password: "s3cret" });
  result.observerFeatures = (await obs.config)[0].supportedFeatures;
  const obsStats = await within(5000, obs.rec.next("server_stats", (s) => s.serverId === "observer-view"), "observer stats");
  result.observerStats = obsStats[0].serverId;
  obs.s.emit("_disconnect", "/chat", true, a.id);
  obs.s.emit("join", "/chat", "observed", a.id);
  await new Promise((r) => setTimeout(r, 500));
  result.stillConnectedAfterReadOnly = a.connected;
  // a second admin login, by session id, gets all_sockets again: the read-only actions changed nothing
  const again = await login("/admin", { sessionId: result.sessionId });
  result.sessionLogin = again.ok;
  const [list] = await within(5000, again.allSockets, "all_sockets after read-only");
  result.roomsAfterReadOnly = list.find((s) => s.id === a.id)?.rooms;
  again.s.close();
  obs.s.close();

  result.step = "disconnect";
  const aId = a.id; // the client forgets it once disconnected
  const aGone = new Promise((resolve) => a.on("disconnect", resolve));
  const disconnected = ui.rec.next("socket_disconnected", (nsp, id) => id === aId);
  ui.s.emit("_disconnect", "/chat", false, aId);
  result.aReason = await within(5000, aGone, "disconnect of a");
  result.socketDisconnected = (await within(5000, disconnected, "socket_disconnected")).slice(0, 3);
  result.sameIds = result.socketDisconnected[1] === aId;

  result.step = "stats";
  const later = (await within(5000, ui.rec.next("server_stats", (s) => s.aggregatedEvents.length > 0), "stats"))[0];
  result.aggregatedTypes = [...new Set(later.aggregatedEvents.map((e) => e.type))].sort();
  result.clientsCount = later.clientsCount;
  result.namespaces = later.namespaces.map((n) => n.name).sort();

  b.close();
  ui.s.close();
  done({ ok: true });
}
main().catch((e) => done({ error: String((e && e.stack) || e) }));
