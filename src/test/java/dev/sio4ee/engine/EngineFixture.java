package dev.sio4ee.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.engine.spi.WebSocketHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An engine on a manual clock, with helpers that play the client's side through the fakes. */
final class EngineFixture {
    static final String POLLING = "EIO=4&transport=polling";
    static final String WEBSOCKET = "EIO=4&transport=websocket";
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

    final ManualScheduler clock = new ManualScheduler();
    final EngineServer server;
    final EngineOptions options;
    final List<EngineSession> sessions = new CopyOnWriteArrayList<>();
    private final Map<String, RecordingListener> listeners = new ConcurrentHashMap<>();

    EngineFixture() {
        this(EngineOptions.defaults());
    }

    EngineFixture(EngineOptions options) {
        this(options, Runnable::run);
    }

    /** With listener calls on the given executor (the default {@code Runnable::run} keeps tests synchronous). */
    EngineFixture(EngineOptions options, java.util.concurrent.Executor executor) {
        this.options = options;
        this.server = new EngineServer(options, clock, executor);
        server.onConnection(s -> {
            RecordingListener l = new RecordingListener();
            listeners.put(s.id(), l);
            sessions.add(s);
            s.listener(l);
        });
    }

    /** Hands a request to the engine and returns it. */
    FakeExchange handle(FakeExchange exchange) {
        server.handlePolling(exchange);
        return exchange;
    }

    /** A polling handshake that must succeed; returns the sid. */
    String handshake() {
        FakeExchange e = handle(FakeExchange.get(POLLING));
        assertThat(e.status()).as("handshake status, body %s", e.bodyText()).isEqualTo(200);
        return sidOf(e.bodyText());
    }

    /** A GET with the sid (it may stay pending). */
    FakeExchange poll(String sid) {
        return handle(FakeExchange.get(POLLING + "&sid=" + sid));
    }

    /** A POST with the sid and a body. */
    FakeExchange post(String sid, String body) {
        return handle(FakeExchange.post(POLLING + "&sid=" + sid, body));
    }

    /** A WebSocket connection with the given query string. */
    Ws websocket(String query) {
        FakePeer peer = new FakePeer(query);
        return new Ws(peer, server.openWebSocket(peer));
    }

    Ws websocket(FakePeer peer) {
        return new Ws(peer, server.openWebSocket(peer));
    }

    /** A direct WebSocket session that must succeed. */
    Ws websocketHandshake() {
        Ws ws = websocket(WEBSOCKET);
        assertThat(ws.peer.closed()).as("refused with %s", ws.peer.closeReason()).isFalse();
        assertThat(ws.peer.texts()).isNotEmpty();
        return ws;
    }

    /** Opens the upgrade WebSocket of a polling session and probes it. */
    Ws probe(String sid) {
        Ws ws = websocket(WEBSOCKET + "&sid=" + sid);
        ws.handler.onText("2probe");
        assertThat(ws.peer.texts()).containsExactly("3probe");
        return ws;
    }

    RecordingListener events(String sid) {
        return listeners.get(sid);
    }

    EngineSession session(String sid) {
        return sessions.stream().filter(s -> s.id().equals(sid)).findFirst().orElseThrow();
    }

    static String sidOf(String openPacket) {
        Matcher m = SID.matcher(openPacket);
        assertThat(m.find()).as("sid in %s", openPacket).isTrue();
        return m.group(1);
    }

    /** One WebSocket connection: what the server sent, and the handler to feed frames to. */
    record Ws(FakePeer peer, WebSocketHandler handler, String sid) {
        Ws(FakePeer peer, WebSocketHandler handler) {
            this(peer, handler, openSid(peer));
        }

        private static String openSid(FakePeer peer) {
            List<String> texts = peer.texts();
            return texts.isEmpty() || !texts.get(0).startsWith("0") ? null : sidOf(texts.get(0));
        }
    }
}
