package dev.sio4ee.server;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Node socket.io node with the official classic Redis adapter ({@code src/test/node/redis-node.mjs}) as a
 * child process, driven with JSON lines on its stdin/stdout.
 */
final class NodeRedisNode implements AutoCloseable {
    private static final long TIMEOUT_MS = 15_000;
    private final Process process;
    private final Writer in;
    private final Map<Integer, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final CompletableFuture<JsonObject> ready = new CompletableFuture<>();
    private final StringBuilder log = new StringBuilder();

    NodeRedisNode(String redisUri) throws IOException {
        Path dir = Path.of(System.getProperty("sio4ee.node.dir", "src/test/node"));
        process = new ProcessBuilder("node", "redis-node.mjs", redisUri).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "redis-node-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonObject o;
                try {
                    o = Json.createReader(new StringReader(line)).readObject();
                } catch (RuntimeException e) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    continue;
                }
                if (o.containsKey("ready")) {
                    ready.complete(o);
                } else if (o.get("id") instanceof jakarta.json.JsonNumber n) {
                    CompletableFuture<JsonObject> f = waiting.remove(n.intValue());
                    if (f != null) {
                        f.complete(o);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        ready.completeExceptionally(new IllegalStateException("redis-node.mjs ended: " + log));
        waiting.values().forEach(f -> f.completeExceptionally(new IllegalStateException("redis-node.mjs ended")));
    }

    /** The ready line: {port, uid, clientId}. */
    JsonObject ready() {
        try {
            return ready.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("Node redis node did not start", e);
        }
    }

    /** Runs a command; returns its result, or throws with Node's error. */
    JsonValue call(String cmd, JsonObjectBuilder args) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> f = new CompletableFuture<>();
        waiting.put(id, f);
        JsonObject line = args.add("id", id).add("cmd", cmd).build();
        try {
            synchronized (in) {
                in.write(line.toString());
                in.write('\n');
                in.flush();
            }
            JsonObject reply = f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (!reply.getBoolean("ok")) {
                throw new NodeError(reply.getString("error"));
            }
            return reply.get("result");
        } catch (NodeError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("command " + line + " failed", e);
        } finally {
            waiting.remove(id);
        }
    }

    JsonValue call(String cmd) {
        return call(cmd, Json.createObjectBuilder());
    }

    /** An error reported by the Node node. */
    static final class NodeError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NodeError(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        try {
            call("quit");
        } catch (RuntimeException | AssertionError e) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
