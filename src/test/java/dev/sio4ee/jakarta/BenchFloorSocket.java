package dev.sio4ee.jakarta;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor of the benchmark (bench/) over WebSocket: the least a server on the container's JSR-356 stack can do
 * to answer the load generator. It parses nothing; it answers the Engine.IO open, the Socket.IO connect, turns
 * {@code 42<id>["echo",args]} into {@code 43<id>[args]} with string slicing (and the binary echo likewise), and
 * sends a {@code 42["broadcast",x]} as it came to every open session (no rooms, no encoding). With
 * the same idle-timer shortcut as sio4ee ({@link IdleTimer}), so it measures the container, not Tyrus's timer.
 * Only the bench WAR has it (bench/build-war.sh), at {@code /floor/socket.io/}.
 */
@ServerEndpoint("/floor/socket.io/")
public class BenchFloorSocket {
    static final AtomicInteger OPEN = new AtomicInteger();
    private static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();
    static final String OPEN_PACKET = "0{\"sid\":\"floor\",\"upgrades\":[],\"pingInterval\":25000,"
            + "\"pingTimeout\":20000,\"maxPayload\":1000000}";
    private static final String BINARY_ACK = "[{\"_placeholder\":true,\"num\":0}]";
    private String binaryAckId;

    @OnOpen
    public void open(Session session, EndpointConfig config) throws IOException {
        IdleTimer.install(session);
        session.setMaxIdleTimeout(0);
        session.setMaxBinaryMessageBufferSize(1 << 20);
        session.setMaxTextMessageBufferSize(1 << 20);
        OPEN.incrementAndGet();
        SESSIONS.add(session);
        send(session, OPEN_PACKET);
    }

    @OnMessage
    public void text(Session session, String packet) throws IOException {
        if (packet.startsWith("42[\"broadcast\",")) {
            for (Session s : SESSIONS) {
                send(s, packet);
            }
        } else if (packet.startsWith("42")) {
            send(session, echoAck(packet));
        } else if (packet.startsWith("451-")) {
            binaryAckId = packet.substring(4, packet.indexOf('['));
        } else if (packet.equals("40")) {
            send(session, "40{\"sid\":\"floor\"}");
        }
    }

    @OnMessage
    public void binary(Session session, ByteBuffer bytes) throws IOException {
        String id = binaryAckId;
        binaryAckId = null;
        if (id != null) {
            synchronized (session) {
                session.getBasicRemote().sendText("461-" + id + BINARY_ACK);
                session.getBasicRemote().sendBinary(bytes);
            }
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        SESSIONS.remove(session);
        OPEN.decrementAndGet();
    }

    private static void send(Session session, String text) {
        try {
            synchronized (session) {
                session.getBasicRemote().sendText(text);
            }
        } catch (IOException | RuntimeException e) {
            SESSIONS.remove(session);
        }
    }

    /** {@code 42<id>["echo",args...]} to {@code 43<id>[args...]}, by slicing. */
    static String echoAck(String packet) {
        int bracket = packet.indexOf('[');
        int comma = packet.indexOf(',', bracket);
        String id = packet.substring(2, bracket);
        return comma < 0 ? "43" + id + "[]" : "43" + id + "[" + packet.substring(comma + 1);
    }
}
