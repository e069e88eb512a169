// Shared by the interop scripts the ITs run: reads `<base URL> [args...]` from the command line, prints one JSON
// result line when done (exit code 0 only if result.ok), and gives up after a time limit.
export function interop(timeoutMs, fields = {}) {
  const url = new URL(process.argv[2]);
  const result = { ok: false, ...fields };
  const cleanups = [];
  const done = (extra) => {
    Object.assign(result, extra);
    console.log(JSON.stringify(result)); // first: what the cleanups cause is not part of the result
    for (const cleanup of cleanups) {
      try { cleanup(); } catch { /* exiting anyway */ }
    }
    process.exit(result.ok ? 0 : 1);
  };
  setTimeout(() => done({ error: "timeout", step: result.step }), timeoutMs);
  return {
    url,
    origin: `${url.protocol}//${url.host}`,
    path: `${url.pathname}socket.io/`,
    args: process.argv.slice(3),
    result,
    done,
    onExit: (cleanup) => cleanups.push(cleanup),
  };
}

// resolves with the arguments of the next `event` of an emitter
export const once = (emitter, event) => new Promise((resolve) => emitter.once(event, (...args) => resolve(args)));
