// Decodes messages the way Node's @socket.io/redis-adapter reads them (JSON when the first byte is "{", else
// notepack.io), for RedisWireTest: Java-produced bytes must be what Node understands.
// usage: node decode-redis-wire.mjs <input.json: ["hex", ...]> <output.json>
import { readFileSync, writeFileSync } from "node:fs";
import notepack from "notepack.io";
import { toJson } from "./redis-common.mjs";

const [input, output] = process.argv.slice(2);
const decoded = JSON.parse(readFileSync(input, "utf8")).map((hex) => {
  const msg = Buffer.from(hex, "hex");
  try {
    return { ok: true, value: toJson(msg[0] === 0x7b ? JSON.parse(msg.toString()) : notepack.decode(msg)) };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
});
writeFileSync(output, JSON.stringify(decoded));
