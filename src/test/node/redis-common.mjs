// Helpers shared by the Redis wire capture and the Redis interop node: a private redis-server, free ports,
// and binary values written as {"$bin": "<hex>"} in JSON.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { createClient } from "redis";

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts /usr/bin/redis-server on a free loopback port; resolves to {port, url, stop()}. */
export async function startRedis() {
  const port = await freePort();
  const proc = spawn(process.env.REDIS_SERVER || "/usr/bin/redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    const c = createClient({ url, socket: { reconnectStrategy: false } });
    c.on("error", () => {});
    try {
      await c.connect();
      await c.ping();
      await c.quit();
      return { port, url, stop: () => proc.kill("SIGKILL") };
    } catch (e) {
      await sleep(25);
    }
  }
  proc.kill("SIGKILL");
  throw new Error("redis-server did not start on port " + port);
}

/** A connected redis v4 client (errors are logged, not thrown). */
export async function redisClient(url) {
  const c = createClient({ url });
  c.on("error", (e) => process.stderr.write("redis client error: " + e.message + "\n"));
  await c.connect();
  return c;
}

/** Buffers to {"$bin": hex}, recursively, for JSON. */
export function toJson(value) {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    return { $bin: Buffer.from(value).toString("hex") };
  }
  if (value instanceof ArrayBuffer) {
    return { $bin: Buffer.from(value).toString("hex") };
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (Array.isArray(value)) {
    return value.map(toJson);
  }
  if (value && typeof value === "object") {
    const o = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined && typeof v !== "function") {
        o[k] = toJson(v);
      }
    }
    return o;
  }
  return value;
}

/** {"$bin": hex} to Buffers, recursively. */
export function fromJson(value) {
  if (Array.isArray(value)) {
    return value.map(fromJson);
  }
  if (value && typeof value === "object") {
    if (typeof value.$bin === "string" && Object.keys(value).length === 1) {
      return Buffer.from(value.$bin, "hex");
    }
    const o = {};
    for (const [k, v] of Object.entries(value)) {
      o[k] = fromJson(v);
    }
    return o;
  }
  return value;
}
