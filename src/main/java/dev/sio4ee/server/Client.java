package dev.sio4ee.server;

import dev.sio4ee.engine.CloseReason;
import dev.sio4ee.engine.EngineRequest;
import dev.sio4ee.engine.EngineScheduler;
import dev.sio4ee.engine.EngineSession;
import dev.sio4ee.engine.EngineSessionListener;
import dev.sio4ee.engine.parser.EnginePacket;
import dev.sio4ee.protocol.Decoder;
import dev.sio4ee.protocol.Packet;
import dev.sio4ee.protocol.PacketType;
import dev.sio4ee.protocol.ProtocolException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Engine.IO connection and the sockets it opened in several namespaces (socket.io's {@code Client}): decodes
 * the Socket.IO packets with its own decoder and routes them by namespace. A connection that joins no namespace
 * within {@code connectTimeout} is closed; an invalid packet closes it with {@code parse error}.
 *
 * <pre>{@code
 * Client c = socket.client();
 * c.transport(); // "polling" or "websocket"
 * c.request().header("user-agent");
 * }</pre>
 */
public final class Client implements EngineSessionListener {
    private static final System.Logger LOG = System.getLogger(Client.class.getName());

    private final SocketIoServer server;
    private final EngineSession session;
    private final Decoder decoder;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final Map<String, Socket> nsps = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile EngineScheduler.Cancellable connectTimer;

    Client(SocketIoServer server, EngineSession session) {
        this.server = server;
        this.session = session;
        this.decoder = new Decoder(this::onDecoded, server.options().maxAttachments());
        this.connectTimer = server.scheduler().schedule(() -> session.dispatch(() -> {
            if (nsps.isEmpty()) {
                close();
            }
        }), server.options().connectTimeout());
    }

    /**
     * The Engine.IO session id (not a socket id).
     * <pre>{@code client.id()}</pre>
     *
     * @return the sid
     */
    public String id() {
        return session.id();
    }

    /**
     * The current transport.
     * <pre>{@code client.transport() // "websocket"}</pre>
     *
     * @return {@code polling} or {@code websocket}
     */
    public String transport() {
        return session.transport();
    }

    /**
     * The request that opened the connection.
     * <pre>{@code client.request().query("EIO") // "4"}</pre>
     *
     * @return the request
     */
    public EngineRequest request() {
        return session.request();
    }

    /**
     * The sockets of this connection, by socket id.
     * <pre>{@code client.sockets().size()}</pre>
     *
     * @return an unmodifiable view
     */
    public Map<String, Socket> sockets() {
        return java.util.Collections.unmodifiableMap(sockets);
    }

    /**
     * The underlying Engine.IO session (socket.io's {@code client.conn}): its transport, and
     * {@code close(...)} to drop the connection at the engine level.
     * <pre>{@code socket.client().conn().close(CloseReason.TRANSPORT_ERROR, "gone");}</pre>
     *
     * @return the session
     */
    public EngineSession conn() {
        return session;
    }

    EngineSession session() {
        return session;
    }

    boolean isClosed() {
        return closed.get();
    }

    /**
     * Runs application code in this connection's order: at once when the caller is already its dispatcher (a
     * handler disconnecting its own socket, as Node does synchronously), else queued on it.
     */
    void serially(Runnable task) {
        if (session.inDispatch()) {
            task.run();
        } else {
            session.dispatch(task);
        }
    }

    // ---- engine events ----

    @Override
    public void onMessage(EngineSession s, String text) {
        if (closed.get()) {
            return;
        }
        try {
            decoder.add(text);
        } catch (ProtocolException e) {
            onParseError(e.getMessage());
        }
    }

    @Override
    public void onMessage(EngineSession s, byte[] data) {
        if (closed.get()) {
            return;
        }
        try {
            decoder.add(data);
        } catch (ProtocolException e) {
            onParseError(e.getMessage());
        }
    }

    @Override
    public void onClose(EngineSession s, CloseReason reason, String description) {
        closeSockets(DisconnectReason.of(reason), description);
    }

    private void onDecoded(Packet packet) {
        if (closed.get()) {
            return;
        }
        if (packet.type() == PacketType.EVENT && Socket.RESERVED_EVENTS.contains(Args.eventName(packet))) {
            onParseError("invalid payload: reserved event name " + Args.eventName(packet));
            return;
        }
        Socket socket = nsps.get(packet.nsp());
        if (socket == null && packet.type() == PacketType.CONNECT) {
            connect(packet.nsp(), packet.data() instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT);
        } else if (socket != null && packet.type() != PacketType.CONNECT
                && packet.type() != PacketType.CONNECT_ERROR) {
            socket.onPacket(packet);
        } else {
            LOG.log(System.Logger.Level.DEBUG, "invalid state (packet type {0}), closing {1}", packet.type(), id());
            close();
        }
    }

    private void connect(String name, JsonObject auth) {
        Namespace nsp = server.namespace(name);
        if (nsp == null) {
            nsp = server.checkNamespace(name, auth);
        }
        if (nsp == null) {
            write(server.encoder().encode(Packet.connectError(name, "Invalid namespace")), false);
            return;
        }
        nsp.add(this, auth, socket -> {
            sockets.put(socket.id(), socket);
            nsps.put(socket.nsp().name(), socket);
            connectTimer.cancel();
        });
    }

    // ---- server side ----

    /** Writes encoded frames (a String then byte[] attachments); volatile frames need a writable transport. */
    void write(List<Object> frames, boolean isVolatile) {
        if (closed.get() || (isVolatile && !session.isWritable())) {
            return;
        }
        List<EnginePacket> packets = new ArrayList<>(frames.size());
        for (Object f : frames) {
            packets.add(f instanceof byte[] b ? EnginePacket.message(b) : EnginePacket.message((String) f));
        }
        session.send(packets);
    }

    /** A socket left its namespace. */
    void remove(Socket socket) {
        if (sockets.remove(socket.id(), socket)) {
            nsps.remove(socket.nsp().name(), socket);
        }
    }

    /** {@code socket.disconnect(true)}: every socket leaves its namespace, then the connection closes. */
    void disconnectAll() {
        for (Socket s : new ArrayList<>(sockets.values())) {
            s.disconnect(false);
        }
        close();
    }

    /** Closes the connection from the Socket.IO layer ({@code forced server close}). */
    void close() {
        if (!session.isClosed()) {
            session.close();
            closeSockets(DisconnectReason.FORCED_SERVER_CLOSE, null);
        }
    }

    /** Closes at once with the given engine reason ({@code server shutting down}). */
    void close(CloseReason reason) {
        session.close(reason, null);
        closeSockets(DisconnectReason.of(reason), null);
    }

    private void onParseError(String message) {
        LOG.log(System.Logger.Level.DEBUG, "invalid packet from {0}: {1}", id(), message);
        session.close(CloseReason.PARSE_ERROR, message);
        closeSockets(DisconnectReason.PARSE_ERROR, message);
    }

    private void closeSockets(DisconnectReason reason, String description) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connectTimer.cancel();
        for (Socket s : new ArrayList<>(sockets.values())) {
            s.onClose(reason, description);
        }
        sockets.clear();
        nsps.clear();
        server.removeClient(this);
    }

    @Override
    public String toString() {
        return "Client[" + id() + "]";
    }
}
