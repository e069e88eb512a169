package dev.sio4ee.it.app;

import dev.sio4ee.adapter.redis.RedisAdapter;
import dev.sio4ee.server.BroadcastOperator;
import dev.sio4ee.server.RemoteSocket;
import dev.sio4ee.server.SocketIoServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A sio4ee node of a mixed cluster, as {@code src/test/node/redis-cluster.mjs} drives it: sockets get
 * {@code data = {name, node}} and join the rooms of their auth payload; the event {@code cmd} runs an operation
 * of the server API (emit, emitWithAck, join, leave, disconnect, fetch, sse, allRooms) and answers its result,
 * exactly as the Node node of that script does; server-side events {@code sse} are told to the local clients
 * ({@code sse-seen}) and acknowledged.
 */
public final class ClusterCommands {
    private ClusterCommands() {
    }

    /**
     * Makes {@code io} answer the commands as the node {@code name}.
     *
     * @param io   the server
     * @param name the node's name in the checks ("A", "B", ...)
     */
    public static void install(SocketIoServer io, String name) {
        io.onConnection(socket -> {
            JsonObject auth = socket.handshake().auth();
            socket.data().put("name", auth.getString("name", null));
            socket.data().put("node", name);
            JsonArray rooms = auth.getJsonArray("rooms");
            if (rooms != null) {
                rooms.getValuesAs(JsonString.class).forEach(r -> socket.join(r.getString()));
            }
            socket.on("cmd", (args, ack) -> {
                CompletionStage<Object> result;
                try {
                    result = run(io, args.string(0), args.json(1).asJsonObject());
                } catch (RuntimeException e) {
                    result = CompletableFuture.failedFuture(e);
                }
                result.whenComplete((value, e) -> ack.send(e == null ? value
                        : Map.of("error", String.valueOf(e.getMessage()))));
            });
        });
        io.sockets().onServerSideEmit("sse", (args, ack) -> {
            io.local().emit("sse-seen", args.string(0), name);
            if (ack.requested()) {
                ack.send(name + " got " + args.string(0));
            }
        });
    }

    private static CompletionStage<Object> run(SocketIoServer io, String op, JsonObject a) {
        BroadcastOperator target = a.containsKey("target") ? io.in(a.getString("target")) : io.to();
        switch (op) {
            case "emit" -> {
                BroadcastOperator o = io.to(strings(a.getJsonArray("rooms")).toArray(String[]::new))
                        .except(strings(a.getJsonArray("except")).toArray(String[]::new));
                if (a.getBoolean("local", false)) {
                    o = o.local();
                }
                if (a.getBoolean("volatile", false)) {
                    o = o.asVolatile();
                }
                if (a.getBoolean("binary", false)) {
                    JsonArray data = a.getJsonArray("data");
                    byte[] bytes = new byte[data.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) data.getInt(i);
                    }
                    o.emit(a.getString("event"), (Object) bytes);
                } else {
                    o.emit(a.getString("event"), a.get("data"));
                }
                return done("ok");
            }
            case "emitWithAck" -> {
                return io.timeout(a.getJsonNumber("timeout").longValue())
                        .emitWithAck(a.getString("event"), a.get("data"))
                        .thenApply(answers -> answers.stream().map(x -> x.isEmpty() ? null : x.get(0)).toList());
            }
            case "join" -> {
                target.socketsJoin(strings(a.getJsonArray("rooms")).toArray(String[]::new));
                return done("ok");
            }
            case "leave" -> {
                target.socketsLeave(strings(a.getJsonArray("rooms")).toArray(String[]::new));
                return done("ok");
            }
            case "disconnect" -> {
                target.disconnectSockets(a.getBoolean("close", false));
                return done("ok");
            }
            case "fetch" -> {
                return target.fetchSockets().thenApply(ClusterCommands::describe);
            }
            case "sse" -> {
                if (a.getBoolean("withAck", false)) {
                    return io.sockets().serverSideEmitWithAck("sse", a.get("data"))
                            .thenApply(answers -> answers.stream().map(x -> x.isEmpty() ? null : x.get(0)).toList());
                }
                io.serverSideEmit("sse", a.get("data"));
                return done("ok");
            }
            case "allRooms" -> {
                return allRooms(io);
            }
            default -> throw new IllegalArgumentException("unknown op " + op);
        }
    }

    /** The rooms of every node (the classic Redis adapter's allRooms). */
    private static CompletionStage<Object> allRooms(SocketIoServer io) {
        if (io.sockets().adapter() instanceof RedisAdapter redis) {
            return redis.allRooms().thenApply(rooms -> List.copyOf(rooms));
        }
        return CompletableFuture.failedFuture(new UnsupportedOperationException("allRooms needs the classic Redis "
                + "adapter, not " + io.sockets().adapter().getClass().getSimpleName()));
    }

    private static List<Object> describe(List<RemoteSocket> sockets) {
        List<Object> out = new ArrayList<>();
        for (RemoteSocket s : sockets) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("handshake", s.details().handshake());
            m.put("rooms", List.copyOf(s.rooms()));
            m.put("data", s.data());
            out.add(m);
        }
        return out;
    }

    private static List<String> strings(JsonArray array) {
        return array == null ? List.of() : array.getValuesAs(JsonString.class).stream().map(JsonString::getString)
                .toList();
    }

    private static CompletionStage<Object> done(Object value) {
        return CompletableFuture.completedFuture(value);
    }
}
