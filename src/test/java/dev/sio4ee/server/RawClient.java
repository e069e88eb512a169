package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.engine.EngineServer;
import dev.sio4ee.engine.FakePeer;
import dev.sio4ee.engine.spi.WebSocketHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A client speaking raw Engine.IO/Socket.IO frames over a {@link FakePeer}. */
final class RawClient {
    private static final Pattern SID = Pattern.compile("\\{\"sid\":\"([^\"]+)\"}");

    final FakePeer peer;
    final WebSocketHandler handler;
    final String engineSid;
    private int cursor;
    private int answered;

    RawClient(EngineServer engine) {
        this(engine, new FakePeer("EIO=4&transport=websocket").header("user-agent", "fake"));
    }

    RawClient(EngineServer engine, FakePeer peer) {
        this.peer = peer;
        this.handler = engine.openWebSocket(peer);
        String open = (String) peer.frames().get(0);
        assertThat(open).startsWith("0{\"sid\":\"");
        Matcher m = SID.matcher(open.substring(1).replaceAll(",.*", "}"));
        assertThat(m.matches()).isTrue();
        engineSid = m.group(1);
        cursor = 1;
    }

    /** Sends a Socket.IO packet (wrapped in an Engine.IO message). */
    RawClient send(String packet) {
        handler.onText("4" + packet);
        return this;
    }

    /** Sends a binary attachment. */
    RawClient send(byte[] attachment) {
        handler.onBinary(attachment);
        return this;
    }

    /** Connects to a namespace and returns the socket id from the reply. */
    String connect(String nsp) {
        send("/".equals(nsp) ? "0" : "0" + nsp + ",");
        String reply = nextText();
        String prefix = "/".equals(nsp) ? "0" : "0" + nsp + ",";
        assertThat(reply).startsWith(prefix + "{\"sid\":\"");
        Matcher m = SID.matcher(reply.substring(prefix.length()));
        assertThat(m.matches()).as(reply).isTrue();
        return m.group(1);
    }

    /** Every Socket.IO frame received so far and not yet read (text without the Engine.IO "4", or byte[]). */
    List<Object> drain() {
        List<Object> out = new ArrayList<>();
        Object f;
        while ((f = poll()) != null) {
            out.add(f);
        }
        return out;
    }

    /** The next Socket.IO frame, or null if none arrived (pings are skipped). */
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

    /** The next text frame; fails if none. */
    String nextText() {
        Object f = poll();
        assertThat(f).as("expected a text frame").isInstanceOf(String.class);
        return (String) f;
    }

    /** The next text frame, waiting up to 10 s for it (application code on a pool answers later). */
    String awaitText() {
        for (int i = 0; i < 5_000; i++) {
            Object f = poll();
            if (f != null) {
                assertThat(f).as("expected a text frame").isInstanceOf(String.class);
                return (String) f;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no frame arrived");
    }

    /** Connects to a namespace when the server answers later; returns the socket id. */
    String connectLater(String nsp) {
        send("/".equals(nsp) ? "0" : "0" + nsp + ",");
        String reply = awaitText();
        String prefix = "/".equals(nsp) ? "0" : "0" + nsp + ",";
        assertThat(reply).startsWith(prefix + "{\"sid\":\"");
        Matcher m = SID.matcher(reply.substring(prefix.length()));
        assertThat(m.matches()).as(reply).isTrue();
        return m.group(1);
    }

    /** Answers the server's pings so far with pongs; returns how many pings it received in all. */
    int pong() {
        int pings = 0;
        for (Object f : raw()) {
            if ("2".equals(f)) {
                pings++;
            }
        }
        for (int i = answered; i < pings; i++) {
            handler.onText("3");
        }
        answered = pings;
        return pings;
    }

    /** The next binary frame; fails if none. */
    byte[] nextBinary() {
        Object f = poll();
        assertThat(f).as("expected a binary frame").isInstanceOf(byte[].class);
        return (byte[]) f;
    }

    /** All frames the peer received, raw. */
    List<Object> raw() {
        synchronized (peer) {
            return peer.frames();
        }
    }

    boolean closed() {
        return peer.closed();
    }

    /** The client goes away (WebSocket closed). */
    void close() {
        handler.onClose(1000, "");
    }
}
