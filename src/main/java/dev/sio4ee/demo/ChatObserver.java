package dev.sio4ee.demo;

import dev.sio4ee.cdi.EventName;
import dev.sio4ee.cdi.NamespaceName;
import dev.sio4ee.cdi.SocketConnected;
import dev.sio4ee.cdi.SocketDisconnected;
import dev.sio4ee.cdi.SocketEventReceived;
import dev.sio4ee.server.RemoteSocket;
import dev.sio4ee.server.Socket;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The whole server side of the demo chat (src/main/webapp): CDI observers of the {@code /chat} namespace.
 *
 * <table>
 * <caption>events</caption>
 * <tr><th>client emits</th><th>server does</th></tr>
 * <tr><td>{@code join(room, ack)}</td><td>joins, acks {@code {ok, room, history}}, tells the room</td></tr>
 * <tr><td>{@code leave(room, ack)}</td><td>leaves, acks, tells the room</td></tr>
 * <tr><td>{@code message({room, text}, ack)}</td><td>stores it, sends it to the others in the room, acks
 *     {@code {ok, id, ts}}: the page's "delivered" tick</td></tr>
 * <tr><td>{@code private({to, text}, ack)}</td><td>sends it to the room {@code user:<nickname>}, acks</td></tr>
 * <tr><td>{@code typing({room, typing})}</td><td>volatile broadcast to the room: losing one is harmless</td></tr>
 * </table>
 * The server pushes {@code users} (who is online) and {@code rooms} (the room directory) when they change.
 *
 * <pre>{@code
 * void message(@Observes @NamespaceName("/chat") @EventName("message") SocketEventReceived e) {
 *     ChatMessage m = log.append(room, nickname(e.socket()), text);
 *     e.socket().to(room).emit("message", m.toMap());
 *     e.ack().send(Map.of("ok", true, "id", m.id(), "ts", m.ts()));
 * }
 * }</pre>
 */
@ApplicationScoped
public class ChatObserver {
    /** The namespace of the chat. */
    public static final String NSP = "/chat";
    /** Rooms everybody sees in the directory, even when empty. */
    public static final List<String> DEFAULT_ROOMS = List.of("lobby", "random", "jakarta-ee");

    private static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9-]{0,23}");
    private static final int MAX_TEXT = 2_000;

    @Inject
    SocketIoServer io;

    @Inject
    ChatLog log;

    /**
     * The nickname the {@link NicknameGuard} stored on a socket.
     * <pre>{@code String nick = ChatObserver.nickname(socket);}</pre>
     *
     * @param socket the socket
     * @return the nickname, or null
     */
    public static String nickname(Socket socket) {
        Object n = socket.data().get("nickname");
        return n == null ? null : n.toString();
    }

    void connected(@Observes @NamespaceName(NSP) SocketConnected e) {
        Socket socket = e.socket();
        socket.join(userRoom(nickname(socket)));
        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("nickname", nickname(socket));
        welcome.put("rooms", localDirectory());
        socket.emit("welcome", welcome);
        pushPresence();
    }

    void join(@Observes @NamespaceName(NSP) @EventName("join") SocketEventReceived e) {
        String room = room(e.args().json(0));
        if (room == null) {
            e.ack().send(Map.of("ok", false, "error", "a room name is 1 to 24 lowercase letters, digits or dashes"));
            return;
        }
        Socket socket = e.socket();
        String nick = nickname(socket);
        boolean quiet = e.args().size() > 1 && e.args().json(1) instanceof JsonObject o && o.getBoolean("quiet", false);
        boolean already = socket.rooms().contains(room);
        socket.join(room);
        List<Map<String, Object>> history = new ArrayList<>();
        log.history(room).forEach(m -> history.add(m.toMap()));
        e.ack().send(Map.of("ok", true, "room", room, "history", history));
        if (!already && !quiet) {
            socket.to(room).emit("notice", notice(room, nick + " joined #" + room));
        }
        pushRooms();
    }

    void leave(@Observes @NamespaceName(NSP) @EventName("leave") SocketEventReceived e) {
        String room = room(e.args().json(0));
        Socket socket = e.socket();
        if (room == null || !socket.rooms().contains(room)) {
            e.ack().send(Map.of("ok", false, "error", "not in that room"));
            return;
        }
        socket.leave(room);
        e.ack().send(Map.of("ok", true, "room", room));
        socket.to(room).emit("notice", notice(room, nickname(socket) + " left #" + room));
        pushRooms();
    }

    void message(@Observes @NamespaceName(NSP) @EventName("message") SocketEventReceived e) {
        JsonObject body = object(e.args().json(0));
        String room = room(body.get("room"));
        String text = text(body);
        Socket socket = e.socket();
        if (room == null || !socket.rooms().contains(room) || text == null) {
            e.ack().send(Map.of("ok", false, "error",
                    room == null || text == null ? "empty message" : "join the room first"));
            return;
        }
        ChatMessage m = log.append(room, nickname(socket), text);
        socket.to(room).emit("message", m.toMap());
        e.ack().send(Map.of("ok", true, "id", m.id(), "ts", m.ts()));
    }

    void privateMessage(@Observes @NamespaceName(NSP) @EventName("private") SocketEventReceived e) {
        JsonObject body = object(e.args().json(0));
        String to = body.getString("to", "");
        String text = text(body);
        Socket socket = e.socket();
        String from = nickname(socket);
        if (text == null || to.isBlank()) {
            e.ack().send(Map.of("ok", false, "error", "empty message"));
            return;
        }
        // the recipient may be connected to another server of the cluster: ask them all (the adapter does)
        io.of(NSP).in(userRoom(to)).fetchSockets().whenComplete((sockets, failure) -> {
            String recipient = sockets == null ? null : sockets.stream().map(r -> r.data().get("nickname"))
                    .filter(n -> n != null).map(Object::toString).findFirst().orElse(null);
            if (recipient == null) {
                e.ack().send(Map.of("ok", false, "error", to + " is not online"));
                return;
            }
            ChatMessage m = new ChatMessage(log.nextId(), null, from, text, System.currentTimeMillis());
            Map<String, Object> payload = new LinkedHashMap<>(m.toMap());
            payload.put("to", recipient);
            // to the recipient's tabs, and to the sender's other tabs (so every tab shows the conversation),
            // on every server
            io.of(NSP).to(userRoom(recipient), userRoom(from)).except(socket.id()).emit("private", payload);
            e.ack().send(Map.of("ok", true, "id", m.id(), "ts", m.ts()));
        });
    }

    void typing(@Observes @NamespaceName(NSP) @EventName("typing") SocketEventReceived e) {
        JsonObject body = object(e.args().json(0));
        String room = room(body.get("room"));
        Socket socket = e.socket();
        if (room != null && socket.rooms().contains(room)) {
            // volatile: if a client cannot take it right now, it is dropped, not queued
            socket.to(room).asVolatile().emit("typing", Map.of("room", room, "nickname", nickname(socket),
                    "typing", body.getBoolean("typing", false)));
        }
    }

    void disconnected(@Observes @NamespaceName(NSP) SocketDisconnected e) {
        pushPresence();
    }

    /**
     * Tells every client of every server who is online and the room directory. The sockets are fetched from the
     * whole cluster (with the in-memory adapter, from this server), and the lists are broadcast through the
     * adapter, so a user on one server sees the users of the others.
     */
    private void pushPresence() {
        io.of(NSP).fetchSockets().whenComplete((sockets, failure) -> {
            if (sockets != null) {
                io.of(NSP).emit("users", onlineUsers(sockets));
                io.of(NSP).emit("rooms", directory(sockets));
            }
        });
    }

    private void pushRooms() {
        io.of(NSP).fetchSockets().whenComplete((sockets, failure) -> {
            if (sockets != null) {
                io.of(NSP).emit("rooms", directory(sockets));
            }
        });
    }

    /** Nicknames of the sockets, sorted, once each (a person may have two tabs). */
    private static List<String> onlineUsers(List<RemoteSocket> sockets) {
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (RemoteSocket s : sockets) {
            Object n = s.data().get("nickname");
            if (n != null) {
                names.add(n.toString());
            }
        }
        return List.copyOf(names);
    }

    /** The directory this server alone knows, for the welcome; the cluster's follows in a {@code rooms} push. */
    private List<Map<String, Object>> localDirectory() {
        Map<String, TreeSet<String>> members = new TreeMap<>();
        for (Socket s : io.of(NSP).sockets().values()) {
            if (s.connected()) {
                s.rooms().forEach(r -> members.computeIfAbsent(r, k -> new TreeSet<>()).add(nickname(s)));
            }
        }
        return directory(members);
    }

    /** The default rooms and every room someone is in, with how many people are in it. */
    private static List<Map<String, Object>> directory(List<RemoteSocket> sockets) {
        Map<String, TreeSet<String>> members = new TreeMap<>();
        for (RemoteSocket s : sockets) {
            Object n = s.data().get("nickname");
            s.rooms().forEach(r -> members.computeIfAbsent(r, k -> new TreeSet<>()).add(String.valueOf(n)));
        }
        return directory(members);
    }

    private static List<Map<String, Object>> directory(Map<String, TreeSet<String>> byRoom) {
        Map<String, Integer> counts = new TreeMap<>();
        DEFAULT_ROOMS.forEach(r -> counts.put(r, 0));
        byRoom.forEach((room, who) -> {
            if (ROOM.matcher(room).matches()) {
                counts.put(room, who.size());
            }
        });
        List<Map<String, Object>> list = new ArrayList<>();
        counts.forEach((room, n) -> list.add(Map.of("name", room, "members", n)));
        return list;
    }

    private static Map<String, Object> notice(String room, String text) {
        return Map.of("room", room, "text", text, "ts", System.currentTimeMillis());
    }

    /**
     * The room of a user's sockets (a user may have several tabs, on several servers).
     * <pre>{@code io.of("/chat").to(ChatObserver.userRoom("alice")).emit("private", m)}</pre>
     *
     * @param nickname the nickname
     * @return {@code user:<nickname in lower case>}
     */
    public static String userRoom(String nickname) {
        return "user:" + nickname.toLowerCase(java.util.Locale.ROOT);
    }

    private static String room(JsonValue v) {
        if (v == null || v.getValueType() != JsonValue.ValueType.STRING) {
            return null;
        }
        String r = ((jakarta.json.JsonString) v).getString().strip().toLowerCase(java.util.Locale.ROOT);
        r = r.startsWith("#") ? r.substring(1) : r;
        return ROOM.matcher(r).matches() ? r : null;
    }

    private static JsonObject object(JsonValue v) {
        return v instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static String text(JsonObject body) {
        String t = body.getString("text", "").strip();
        if (t.isEmpty()) {
            return null;
        }
        return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t;
    }
}
