// Connects to /cdi of the CDI test application over WebSocket, prints the socket id, and exits without
// disconnecting: the server sees the connection drop (no close frame).
// usage: node cdi-vanish.mjs <http://127.0.0.1:port/ctx/>
import { io } from "socket.io-client";

const url = new URL(process.argv[2]);
const opts = { path: `${url.pathname}socket.io/`, transports: ["websocket"], reconnection: false, forceNew: true };
setTimeout(() => { console.log(JSON.stringify({ ok: false, error: "timeout" })); process.exit(1); }, 25000);
const socket = io(`${url.protocol}//${url.host}/cdi`, opts);
socket.once("ready", () => {
  console.log(JSON.stringify({ ok: true, id: socket.id }));
  process.exit(0);
});
