// The raw Engine.IO v4 / Socket.IO v5 client of the benchmark, shared by loadgen.mjs and soak.mjs: it speaks the
// protocol itself over `ws` and node:http (far cheaper in CPU than socket.io-client, so thousands of clients do
// not saturate the generator's core first), plus small helpers (arguments, timeouts, the /bench/mem probe).
//
//   import { target, WsClient, connectMany, mem } from "./rawclient.mjs";
//   const t = target("http://127.0.0.1:8601");
//   const [c] = await connectMany(t, 1, 1, performance.now() + 60000);
//   c.emitWithAck("echo", '"hi"', (text) => console.log(text)); // 430["hi"]
import http from "node:http";
import { performance } from "node:perf_hooks";
import WebSocket from "ws";

/** --name value pairs of a command line, as an object of strings. */
export function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith("--")) o[argv[i].slice(2)] = argv[i + 1], i++;
  }
  return o;
}
export function int(v, d) {
  return v === undefined ? d : Number(v);
}
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const now = () => performance.now();

export function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, rej) => (t = setTimeout(() => rej(new Error(`${what} timed out after ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(t));
}

export function round(x, d = 3) {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

/** The server a client talks to: host, port, the path prefix and the Socket.IO path, from a URL. */
export function target(url) {
  const u = new URL(url || "http://127.0.0.1:8601");
  const base = u.pathname.replace(/\/$/, "");
  return { host: u.hostname, port: Number(u.port), base, sio: `${base}/socket.io/` };
}

// ---- server probe ----------------------------------------------------------------------------------------------

export function httpGet(t, path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: t.host, port: t.port, path, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
  });
}

/** GET /bench/mem: after a full GC, {server, pid, heapUsed, heapTotal, rss, threads, clients}, plus footprint. */
export async function mem(t) {
  const r = await withTimeout(httpGet(t, `${t.base}/bench/mem`), 60000, "GET /bench/mem");
  if (r.status !== 200) throw new Error(`GET /bench/mem answered ${r.status}`);
  const m = JSON.parse(r.body);
  // live heap after GC plus what the process holds outside its heap: comparable between the JVM and V8
  m.footprint = m.heapUsed + (m.rss - m.heapTotal);
  return m;
}

// ---- a raw Socket.IO client over WebSocket ------------------------------------------------------------------

/** One Socket.IO connection to the main namespace over a WebSocket (no polling first). */
export class WsClient {
  constructor(t) {
    this.target = t;
    this.onEvent = null; // (text) => void for 42 packets
    this.onClose = null; // () => void once the WebSocket closed, whoever closed it
    this.acks = new Map(); // id -> callback(text, binary|null)
    this.nextAck = 0;
    this.pendingBinary = null; // {id, text} of a 46 packet waiting for its attachment
    this.closed = false;
  }
  connect() {
    return new Promise((resolve, reject) => {
      const { host, port, sio } = this.target;
      const ws = new WebSocket(`ws://${host}:${port}${sio}?EIO=4&transport=websocket`, {
        perMessageDeflate: false,
      });
      this.ws = ws;
      ws.binaryType = "nodebuffer";
      ws.on("message", (data, isBinary) => {
        if (isBinary) return this.binary(data);
        const s = data.toString();
        this.raw = (this.raw || 0) + 1;
        this.lastRaw = s.slice(0, 40);
        switch (s.charCodeAt(0)) {
          case 48: // 0 open
            ws.send("40");
            break;
          case 50: // 2 ping
            ws.send("3");
            break;
          case 52: // 4 message: a Socket.IO packet
            this.packet(s, resolve, reject);
            break;
          case 49: // 1 close
            ws.close();
            break;
        }
      });
      ws.on("error", (e) => reject(e));
      ws.on("close", () => {
        this.closed = true;
        reject(new Error("closed before connect"));
        if (this.onClose) this.onClose();
      });
    });
  }
  packet(s, resolve, reject) {
    const t = s.charCodeAt(1);
    if (t === 50) {
      // 42 event
      if (this.onEvent) this.onEvent(s);
    } else if (t === 51) {
      // 43<id>[...]
      const b = s.indexOf("[");
      const id = Number(s.slice(2, b));
      const cb = this.acks.get(id);
      if (cb) this.acks.delete(id), cb(s, null);
    } else if (t === 54) {
      // 46<n>-<id>[...]: wait for the attachment (this generator sends one at most)
      const dash = s.indexOf("-");
      const b = s.indexOf("[");
      this.pendingBinary = { id: Number(s.slice(dash + 1, b)), text: s };
    } else if (t === 48) {
      // 40 connected
      resolve(this);
    } else if (t === 52) {
      reject(new Error("connect error: " + s));
    }
  }
  binary(buf) {
    const p = this.pendingBinary;
    if (!p) return;
    this.pendingBinary = null;
    const cb = this.acks.get(p.id);
    if (cb) this.acks.delete(p.id), cb(p.text, buf);
  }
  emitWithAck(event, argsJson, cb) {
    const id = this.nextAck++;
    this.acks.set(id, cb);
    this.ws.send(`42${id}["${event}",${argsJson}]`);
  }
  emitBinaryWithAck(event, buf, cb) {
    const id = this.nextAck++;
    this.acks.set(id, cb);
    this.ws.send(`451-${id}["${event}",{"_placeholder":true,"num":0}]`);
    this.ws.send(buf);
  }
  emit(event, argsJson) {
    this.ws.send(`42["${event}",${argsJson}]`);
  }
  /** Leaves as a polite client does: a Socket.IO disconnect packet, then a WebSocket close handshake. */
  disconnect() {
    if (this.closed) return;
    this.closed = true;
    try {
      this.ws.send("41");
      this.ws.close(1000);
    } catch {
      this.ws.terminate();
    }
  }
  close() {
    if (!this.closed) this.ws.terminate();
    this.closed = true;
  }
}

/**
 * Connects n clients, at most `concurrency` handshakes at a time; a refused or dropped handshake is retried (at
 * most 3 attempts) and counted in stats.retries. Throws (closing those connected) past the deadline.
 */
export async function connectMany(t, n, concurrency, deadline, stats = { retries: 0 }) {
  const clients = [];
  let next = 0;
  async function worker() {
    while (next < n) {
      if (now() > deadline) throw new Error(`connecting ${n} clients took too long (${clients.length} connected)`);
      next++;
      for (let attempt = 1; ; attempt++) {
        const c = new WsClient(t);
        try {
          clients.push(await withTimeout(c.connect(), 60000, "WebSocket connect"));
          break;
        } catch (e) {
          c.close();
          if (attempt >= 3) throw e;
          stats.retries++;
        }
      }
    }
  }
  const workers = [];
  for (let i = 0; i < Math.min(concurrency, n); i++) workers.push(worker());
  try {
    await Promise.all(workers);
  } catch (e) {
    clients.forEach((c) => c.close());
    throw e;
  }
  return clients;
}
export function closeAll(clients) {
  for (const c of clients) c.close();
}
