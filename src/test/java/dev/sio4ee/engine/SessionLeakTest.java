package dev.sio4ee.engine;

import static dev.sio4ee.engine.EngineFixture.WEBSOCKET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a session ends leaves nothing behind: no session in the server, no timer in the scheduler. */
class SessionLeakTest {
    private static final int SESSIONS = 1_000;

    /** Opens one session and ends it; the fixture and the session's index are given. */
    private record Path(String name, CloseReason reason, BiConsumer<EngineFixture, Integer> openAndClose) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> paths() {
        return Stream.of(
                new Path("polling close packet", CloseReason.TRANSPORT_CLOSE, (f, i) -> {
                    String sid = f.handshake();
                    FakeExchange poll = f.poll(sid);
                    f.post(sid, "4hello " + i + "\u001e1");
                    assertThat(poll.bodyText()).isEqualTo("6");
                }),
                new Path("websocket close packet", CloseReason.TRANSPORT_CLOSE,
                        (f, i) -> f.websocketHandshake().handler().onText("1")),
                new Path("websocket closed by the peer", CloseReason.TRANSPORT_CLOSE,
                        (f, i) -> f.websocketHandshake().handler().onClose(1001, "")),
                new Path("websocket error", CloseReason.TRANSPORT_ERROR,
                        (f, i) -> f.websocketHandshake().handler().onError(new RuntimeException("x"))),
                new Path("websocket parse error", CloseReason.PARSE_ERROR,
                        (f, i) -> f.websocketHandshake().handler().onText("garbage")),
                new Path("polling parse error", CloseReason.PARSE_ERROR, (f, i) -> f.post(f.handshake(), "x")),
                new Path("aborted GET", CloseReason.TRANSPORT_ERROR, (f, i) -> f.poll(f.handshake()).abort()),
                new Path("overlapping GET", CloseReason.TRANSPORT_ERROR, (f, i) -> {
                    String sid = f.handshake();
                    f.poll(sid);
                    f.poll(sid);
                }),
                new Path("failed upgrade, then aborted GET", CloseReason.TRANSPORT_ERROR, (f, i) -> {
                    String sid = f.handshake();
                    FakeExchange poll = f.poll(sid);
                    EngineFixture.Ws ws = f.probe(sid);
                    f.clock.advance(100);
                    assertThat(poll.bodyText()).isEqualTo("6");
                    ws.handler().onText("garbage");
                    ws.handler().onClose(1000, "");
                    f.poll(sid).abort();
                }),
                new Path("timed out upgrade, then close packet", CloseReason.TRANSPORT_CLOSE, (f, i) -> {
                    String sid = f.handshake();
                    EngineFixture.Ws ws = f.websocket(WEBSOCKET + "&sid=" + sid);
                    f.clock.advance(f.options.upgradeTimeout());
                    assertThat(ws.peer().closed()).isTrue();
                    f.post(sid, "3\u001e1");
                }),
                new Path("upgrade, then websocket close", CloseReason.TRANSPORT_CLOSE, (f, i) -> {
                    String sid = f.handshake();
                    EngineFixture.Ws ws = f.probe(sid);
                    ws.handler().onText("5");
                    ws.handler().onClose(1000, "");
                }),
                new Path("session close over polling", CloseReason.FORCED_CLOSE, (f, i) -> {
                    String sid = f.handshake();
                    f.session(sid).send("bye");
                    f.session(sid).close();
                    f.poll(sid);
                    f.poll(sid);
                }),
                new Path("session close without a GET", CloseReason.FORCED_CLOSE,
                        (f, i) -> f.session(f.handshake()).close()) // the close timeout ends it
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void shouldLeaveNoSessionAndNoTimer(Path path) {
        EngineFixture f = new EngineFixture();
        for (int i = 0; i < SESSIONS; i++) {
            path.openAndClose().accept(f, i);
        }
        f.clock.advance(PollingTransport.CLOSE_TIMEOUT);
        assertClean(f, path.reason());
    }

    @ParameterizedTest(name = "ping timeout over {0}")
    @MethodSource("transports")
    void shouldLeaveNothingAfterPingTimeouts(String transport) {
        EngineFixture f = new EngineFixture();
        for (int i = 0; i < SESSIONS; i++) {
            if (transport.equals("polling")) {
                f.handshake();
            } else {
                f.websocketHandshake();
            }
        }
        assertThat(f.server.clientsCount()).isEqualTo(SESSIONS);
        f.clock.advance(f.options.pingInterval() + f.options.pingTimeout());
        assertClean(f, CloseReason.PING_TIMEOUT);
    }

    static Stream<String> transports() {
        return Stream.of("polling", "websocket");
    }

    @org.junit.jupiter.api.Test
    void shouldLeaveNothingAfterServerClose() {
        EngineFixture f = new EngineFixture();
        List<String> waiting = new ArrayList<>();
        List<FakeExchange> pending = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            switch (i % 4) {
                case 0 -> pending.add(f.poll(f.handshake()));
                case 1 -> waiting.add(f.handshake());
                case 2 -> f.websocketHandshake();
                default -> f.probe(f.handshake()); // closing also ends a pending upgrade
            }
        }
        f.server.close();
        assertThat(pending).allMatch(e -> "1".equals(e.bodyText()));
        for (String sid : waiting) {
            assertThat(f.poll(sid).bodyText()).endsWith("1");
        }
        f.clock.advance(PollingTransport.CLOSE_TIMEOUT);
        assertClean(f, CloseReason.FORCED_CLOSE);
    }

    private static void assertClean(EngineFixture f, CloseReason reason) {
        assertThat(f.sessions).hasSize(SESSIONS);
        assertThat(f.server.clientsCount()).isZero();
        assertThat(f.clock.pending()).as("timers left: %s", f.clock.pendingDelays()).isZero();
        for (EngineSession s : f.sessions) {
            RecordingListener events = f.events(s.id());
            assertThat(s.isClosed()).isTrue();
            assertThat(events.closeCount()).as("closes of %s", s.id()).isEqualTo(1);
            assertThat(events.closeReason()).isEqualTo(reason);
            assertThat(events.overlaps()).isZero();
        }
    }
}
