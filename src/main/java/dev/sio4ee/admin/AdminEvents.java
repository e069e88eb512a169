package dev.sio4ee.admin;

import dev.sio4ee.adapter.RoomListener;
import dev.sio4ee.engine.EngineObserver;
import dev.sio4ee.engine.EngineSession;
import dev.sio4ee.server.Ack;
import dev.sio4ee.server.Args;
import dev.sio4ee.server.DisconnectReason;
import dev.sio4ee.server.Namespace;
import dev.sio4ee.server.ServerListener;
import dev.sio4ee.server.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The admin UI's events in development mode, emitted to the whole admin namespace (so, through its adapter, to
 * every UI connected to any server of a cluster): {@code socket_connected}, {@code socket_updated} (data change,
 * transport upgrade), {@code socket_disconnected}, {@code room_joined}, {@code room_left}, {@code event_received},
 * {@code event_sent}. Sockets of every namespace, the admin one included (except its events), as in Node.
 */
final class AdminEvents implements ServerListener, EngineObserver {
    private final Namespace admin;
    private final LongSupplier clock;
    /** The sockets announced by {@code socket_connected}, by engine sid (for the upgrade). */
    private final Map<String, Set<Socket>> bySession = new ConcurrentHashMap<>();
    /** The namespaces whose rooms are watched. */
    private final Set<Namespace> watched = ConcurrentHashMap.newKeySet();
    private final Map<Namespace, RoomListener> roomListeners = new ConcurrentHashMap<>();
    private volatile boolean closed;

    AdminEvents(Namespace admin, LongSupplier clock) {
        this.admin = admin;
        this.clock = clock;
    }

    private String now() {
        return Serialized.date(clock.getAsLong());
    }

    private void emit(String event, Object... args) {
        if (!closed) {
            admin.emit(event, args);
        }
    }

    /** Watches the rooms of a namespace ({@code join-room}, {@code leave-room} of its adapter), once. */
    void watch(Namespace nsp) {
        if (closed || !watched.add(nsp)) {
            return;
        }
        RoomListener rooms = new RoomListener() {
            @Override
            public void onJoinRoom(String room, String id) {
                emit("room_joined", nsp.name(), room, id, now());
            }

            @Override
            public void onLeaveRoom(String room, String id) {
                emit("room_left", nsp.name(), room, id, now());
            }
        };
        roomListeners.put(nsp, rooms);
        nsp.adapter().addRoomListener(rooms);
    }

    @Override
    public void onConnected(Socket socket) {
        Namespace nsp = socket.nsp();
        watch(nsp);
        Map<String, Object> mine = new LinkedHashMap<>();
        String clientId = socket.client().id();
        mine.put("clientId", clientId.substring(0, Math.min(12, clientId.length())));
        mine.put("transport", socket.client().transport());
        socket.data().put(Serialized.ADMIN_KEY, mine);
        bySession.computeIfAbsent(clientId, k -> ConcurrentHashMap.newKeySet()).add(socket);
        emit("socket_connected", Serialized.socket(Serialized.details(socket), nsp.name()), now());
        if (nsp != admin) {
            socket.onAnyOutgoing((event, args) -> emit("event_sent", nsp.name(), socket.id(), eventArgs(event, args),
                    now()));
        }
    }

    @Override
    public void onEvent(Socket socket, String event, Args args, Ack ack) {
        if (socket.nsp() != admin) {
            emit("event_received", socket.nsp().name(), socket.id(), eventArgs(event, args), now());
        }
    }

    @Override
    public void onDataChange(Socket socket) {
        Set<Socket> announced = bySession.get(socket.client().id());
        if (announced != null && announced.contains(socket)) {
            Map<String, Object> update = new LinkedHashMap<>();
            update.put("id", socket.id());
            update.put("nsp", socket.nsp().name());
            update.put("data", Serialized.data(Serialized.details(socket).data()));
            emit("socket_updated", update);
        }
    }

    @Override
    public void onDisconnected(Socket socket, DisconnectReason reason, String description) {
        Set<Socket> sockets = bySession.get(socket.client().id());
        if (sockets != null) {
            sockets.remove(socket);
            if (sockets.isEmpty()) {
                bySession.remove(socket.client().id(), sockets);
            }
        }
        emit("socket_disconnected", socket.nsp().name(), socket.id(), reason.text(), now());
    }

    /** The engine moved a session to WebSocket: each of its sockets shows the new transport (on its dispatcher). */
    @Override
    public void onUpgrade(EngineSession session) {
        Set<Socket> sockets = bySession.get(session.id());
        if (sockets == null) {
            return;
        }
        String transport = session.transport();
        for (Socket socket : sockets) {
            Map<String, Object> mine = new LinkedHashMap<>();
            String clientId = session.id();
            mine.put("clientId", clientId.substring(0, Math.min(12, clientId.length())));
            mine.put("transport", transport);
            socket.data().put(Serialized.ADMIN_KEY, mine);
            Map<String, Object> update = new LinkedHashMap<>();
            update.put("id", socket.id());
            update.put("nsp", socket.nsp().name());
            update.put("transport", transport);
            emit("socket_updated", update);
        }
    }

    /** Node's {@code [event, ...args]}, without the acknowledgement callback. */
    private static List<Object> eventArgs(String event, Args args) {
        List<Object> out = new ArrayList<>(args.size() + 1);
        out.add(event);
        for (int i = 0; i < args.size(); i++) {
            out.add(args.get(i));
        }
        return out;
    }

    void close() {
        closed = true;
        roomListeners.forEach((nsp, l) -> nsp.adapter().removeRoomListener(l));
        roomListeners.clear();
    }
}
