// The demo chat across two servers of one cluster: alice on the first, bob on the second (official clients, the
// page's events). Checks that each sees the other online, a room message crosses, and a private message arrives.
// usage: node demo-two-nodes.mjs <http://127.0.0.1:8081/> <http://127.0.0.1:8082/>
// prints one JSON line: { ok, failures }
import { io } from "socket.io-client";
import { interop, once } from "./interop.mjs";

const { url, args, result, done } = interop(60000);
const urls = [url, new URL(args[0])];
const failures = [];
result.failures = failures;
const check = (name, ok, detail) => { if (!ok) failures.push({ check: name, detail }); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function user(u, nickname) {
  const s = io(`${u.protocol}//${u.host}/chat`, {
    path: `${u.pathname}socket.io/`, transports: ["websocket"], reconnection: false, forceNew: true,
    auth: { nickname },
  });
  const seen = { users: [], messages: [], privates: [] };
  s.on("users", (list) => { seen.users = list; });
  s.on("message", (m) => seen.messages.push(m));
  s.on("private", (m) => seen.privates.push(m));
  return new Promise((resolve, reject) => {
    s.once("welcome", () => resolve({ s, seen }));
    s.once("connect_error", (e) => reject(new Error(`${nickname}: ${e.message}`)));
  });
}

async function until(pred, ms = 10000) {
  for (let t = 0; t < ms && !pred(); t += 50) await sleep(50);
  return pred();
}

async function main() {
  result.step = "connect";
  const alice = await user(urls[0], "alice");
  const bob = await user(urls[1], "bob");
  result.step = "presence";
  check("alice sees bob online", await until(() => alice.seen.users.includes("bob")), alice.seen.users);
  check("bob sees alice online", await until(() => bob.seen.users.includes("alice")), bob.seen.users);
  result.step = "taken";
  const twin = await user(urls[1], "alice").then(() => "connected", (e) => e.message);
  check("the nickname alice is taken on the other server too", twin.includes("nickname taken"), twin);
  result.step = "room";
  await alice.s.emitWithAck("join", "lobby");
  const joined = await bob.s.emitWithAck("join", "lobby");
  const sent = await alice.s.emitWithAck("message", { room: "lobby", text: "hello from server 1" });
  check("alice's message acknowledged", sent.ok === true, sent);
  check("bob gets alice's message", await until(() => bob.seen.messages.some((m) => m.text === "hello from server 1")),
    bob.seen.messages);
  result.step = "history";
  const late = await user(urls[1], "carol");
  const history = (await late.s.emitWithAck("join", "lobby")).history || [];
  check("a newcomer on server 2 gets server 1's history", history.some((m) => m.text === "hello from server 1"),
    history);
  late.s.disconnect();
  result.step = "private";
  const pm = await bob.s.emitWithAck("private", { to: "alice", text: "psst" });
  check("bob's private message acknowledged", pm.ok === true, pm);
  check("alice gets bob's private message", await until(() => alice.seen.privates.some((m) => m.text === "psst")),
    alice.seen.privates);
  result.joined = joined.ok;
  alice.s.disconnect();
  bob.s.disconnect();
  await sleep(300);
  done({ ok: failures.length === 0, step: "done" });
}

main().catch((e) => done({ error: String(e && e.stack || e) }));
