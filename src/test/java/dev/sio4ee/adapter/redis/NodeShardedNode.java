package dev.sio4ee.adapter.redis;

import dev.sio4ee.adapter.redis.RedisAdapterOptions.SubscriptionMode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real Node socket.io 4.8 node with the official sharded Redis adapter
 * ({@code src/test/node/redis-node-sharded.mjs}),
 * with its own socket.io-client clients, driven over stdin/stdout with one JSON object per line.
 */
final class NodeShardedNode implements AutoCloseable {
    private final Process process;
    private final OutputStream stdin;
    private final Thread reader;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> replies = new ConcurrentHashMap<>();
    private final List<JsonObject> events = new CopyOnWriteArrayList<>();
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final CompletableFuture<JsonObject> ready = new CompletableFuture<>();
    /** The socket ids of the node's clients (updated by {@link #reconnect}). */
    final List<String> clients = new CopyOnWriteArrayList<>();

    NodeShardedNode(String redisUri, SubscriptionMode mode, String prefix, int clientCount) throws IOException {
        File dir = new File(System.getProperty("sio4ee.node.dir", "src/test/node"));
        if (!new File(dir, "node_modules/@socket.io/redis-adapter").isDirectory()) {
            throw new IllegalStateException("the Node packages are not installed in " + dir.getAbsolutePath()
                    + " (run `npm install` there; the build does it before the tests)");
        }
        process = new ProcessBuilder("node", "redis-node-sharded.mjs", redisUri, mode.nodeName(), prefix,
                String.valueOf(clientCount)).directory(dir).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        stdin = process.getOutputStream();
        reader = new Thread(this::read, "node-sharded-reader");
        reader.setDaemon(true);
        reader.start();
        JsonObject r;
        try {
            r = ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("the Node node did not start; its output: " + stdout, e);
        }
        r.getJsonArray("clients").getValuesAs(jakarta.json.JsonString.class).forEach(s -> clients.add(s.getString()));
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                stdout.add(line);
                if (!line.startsWith("{")) {
                    continue;
                }
                JsonObject o = Json.createReader(new StringReader(line)).readObject();
                if (o.containsKey("re")) {
                    CompletableFuture<JsonObject> f = replies.remove(o.getInt("re"));
                    if (f != null) {
                        f.complete(o);
                    }
                } else if ("ready".equals(o.getString("type", ""))) {
                    ready.complete(o);
                } else {
                    events.add(o);
                }
            }
        } catch (IOException | RuntimeException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("the Node node exited"));
        replies.values().forEach(f -> f.completeExceptionally(new IllegalStateException("the Node node exited")));
    }

    /** Sends a command and waits for its reply (at most 30 s); fails on an error reply. */
    JsonObject call(String op, JsonObjectBuilder command) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> f = new CompletableFuture<>();
        replies.put(id, f);
        String line = command.add("id", id).add("op", op).build() + "\n";
        try {
            synchronized (stdin) {
                stdin.write(line.getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
            JsonObject reply = f.get(30, TimeUnit.SECONDS);
            if (reply.containsKey("error")) {
                throw new AssertionError("Node: " + op + " failed: " + reply.getString("error"));
            }
            return reply;
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("Node: no reply to " + line.strip() + "; output: " + stdout, e);
        }
    }

    JsonObject call(String op) {
        return call(op, Json.createObjectBuilder());
    }

    /** Waits (bounded) for the first event printed so far or later that matches, and removes it. */
    JsonObject awaitEvent(String what, Predicate<JsonObject> match) {
        JsonObject[] found = new JsonObject[1];
        Wait.until(() -> {
            for (JsonObject e : events) {
                if (match.test(e)) {
                    found[0] = e;
                    events.remove(e);
                    return true;
                }
            }
            return false;
        }, what + " on the Node node; events: " + events);
        return found[0];
    }

    /** The next event of client i named {@code event}. */
    JsonObject clientEvent(int i, String event) {
        return awaitEvent("client " + i + " event " + event, e -> "client".equals(e.getString("type", ""))
                && e.getInt("client", -1) == i && event.equals(e.getString("event", "")));
    }

    /** Whether client i heard an event of that name (consumed when found). */
    boolean heard(int i, String event) {
        for (JsonObject e : events) {
            if ("client".equals(e.getString("type", "")) && e.getInt("client", -1) == i
                    && event.equals(e.getString("event", ""))) {
                events.remove(e);
                return true;
            }
        }
        return false;
    }

    /** Reconnects client i after the server disconnected it; returns its new id. */
    String reconnect(int i) {
        String id = call("reconnect", Json.createObjectBuilder().add("client", i)).getString("id");
        clients.set(i, id);
        return id;
    }

    /** {@code {"$bin": hex}}, the script's form of a binary value. */
    static JsonObject bin(byte[] bytes) {
        return Json.createObjectBuilder().add("$bin", HexFormat.of().formatHex(bytes)).build();
    }

    static byte[] bytes(JsonValue bin) {
        return HexFormat.of().parseHex(bin.asJsonObject().getString("$bin"));
    }

    static jakarta.json.JsonArray strings(String... values) {
        var b = Json.createArrayBuilder();
        for (String v : values) {
            b.add(v);
        }
        return b.build();
    }

    @Override
    public void close() {
        try {
            synchronized (stdin) {
                stdin.write("{\"op\":\"quit\"}\n".getBytes(StandardCharsets.UTF_8));
                stdin.close();
            }
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
