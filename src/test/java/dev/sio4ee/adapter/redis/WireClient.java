package dev.sio4ee.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.engine.EngineServer;
import dev.sio4ee.engine.FakePeer;
import dev.sio4ee.engine.spi.WebSocketHandler;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Socket.IO client of one sio4ee node in the test JVM, speaking raw frames over a {@link FakePeer} WebSocket;
 * what the server sends arrives on the server's threads, so reads wait (bounded) for it.
 */
final class WireClient {
    private static final Pattern SID = Pattern.compile("\\{\"sid\":\"([^\"]+)\"}");

    private final FakePeer peer = new FakePeer("EIO=4&transport=websocket").header("user-agent", "wire");
    private final WebSocketHandler handler;
    private int cursor = 1;
    /** The socket id of the last {@link #connect}. */
    String id;

    WireClient(EngineServer engine) {
        handler = engine.openWebSocket(peer);
        assertThat((String) peer.frames().get(0)).startsWith("0{\"sid\":\"");
    }

    /** Sends a Socket.IO packet. */
    void send(String packet) {
        handler.onText("4" + packet);
    }

    /** Sends a binary attachment. */
    void sendBinary(byte[] attachment) {
        handler.onBinary(attachment);
    }

    /** Connects to a namespace, returns the socket id. */
    String connect(String nsp) {
        String prefix = "/".equals(nsp) ? "0" : "0" + nsp + ",";
        send(prefix);
        String reply = nextText();
        assertThat(reply).startsWith(prefix + "{\"sid\":\"");
        Matcher m = SID.matcher(reply.substring(prefix.length()));
        assertThat(m.matches()).as(reply).isTrue();
        id = m.group(1);
        return id;
    }

    /** The next Socket.IO frame (text without the Engine.IO "4", or byte[]), or null if none came (pings skipped). */
    Object poll() {
        synchronized (peer) {
            List<Object> sent = peer.frames();
            while (cursor < sent.size()) {
                Object f = sent.get(cursor++);
                if (f instanceof byte[]) {
                    return f;
                }
                String s = (String) f;
                if (s.startsWith("4")) {
                    return s.substring(1);
                }
            }
            return null;
        }
    }

    /** The next frame, waiting for it (at most 10 s). */
    Object next() {
        Object[] f = new Object[1];
        Wait.until(() -> (f[0] = poll()) != null, "a frame");
        return f[0];
    }

    String nextText() {
        Object f = next();
        assertThat(f).as("expected a text frame").isInstanceOf(String.class);
        return (String) f;
    }

    byte[] nextBinary() {
        Object f = next();
        assertThat(f).as("expected a binary frame").isInstanceOf(byte[].class);
        return (byte[]) f;
    }

    /** Whether the server closed the connection. */
    boolean closed() {
        return peer.closed();
    }
}
