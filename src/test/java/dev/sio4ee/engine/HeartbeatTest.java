package dev.sio4ee.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Server pings every pingInterval, the client pongs within pingTimeout, on the manual clock. */
class HeartbeatTest {
    private final EngineFixture f = new EngineFixture();

    @Test
    void shouldSendAPingAfterPingIntervalOverPolling() {
        String sid = f.handshake();
        FakeExchange poll = f.poll(sid);
        f.clock.advance(24_999);
        assertThat(poll.completed()).isFalse();
        f.clock.advance(1);
        assertThat(poll.bodyText()).isEqualTo("2");
    }

    @Test
    void shouldBufferThePingUntilTheNextGet() {
        String sid = f.handshake();
        f.clock.advance(25_000);
        assertThat(f.poll(sid).bodyText()).isEqualTo("2");
    }

    @Test
    void shouldKeepTheSessionWhenThePongArrives() {
        String sid = f.handshake();
        for (int i = 0; i < 3; i++) {
            FakeExchange poll = f.poll(sid);
            f.clock.advance(25_000);
            assertThat(poll.bodyText()).isEqualTo("2");
            f.clock.advance(19_000);
            FakeExchange pong = f.post(sid, "3");
            assertThat(pong.status()).isEqualTo(200);
            assertThat(pong.bodyText()).isEqualTo("ok");
        }
        f.clock.advance(20_000);
        assertThat(f.server.clientsCount()).isEqualTo(1);
        assertThat(f.events(sid).events()).isEmpty();
    }

    @Test
    void shouldScheduleTheNextPingOneIntervalAfterThePong() {
        String sid = f.handshake();
        f.clock.advance(25_000);
        assertThat(f.poll(sid).bodyText()).isEqualTo("2");
        f.clock.advance(5_000);
        f.post(sid, "3");
        FakeExchange poll = f.poll(sid);
        f.clock.advance(24_999);
        assertThat(poll.completed()).isFalse();
        f.clock.advance(1);
        assertThat(poll.bodyText()).isEqualTo("2");
    }

    @Test
    void shouldCloseWithPingTimeoutWhenNoPongArrives() {
        String sid = f.handshake();
        f.clock.advance(25_000);
        FakeExchange poll = f.poll(sid);
        assertThat(poll.bodyText()).isEqualTo("2");
        FakeExchange waiting = f.poll(sid);
        f.clock.advance(19_999);
        assertThat(f.server.clientsCount()).isEqualTo(1);
        f.clock.advance(1);

        assertThat(f.events(sid).events()).containsExactly("close:PING_TIMEOUT");
        assertThat(f.server.clientsCount()).isZero();
        assertThat(f.server.session(sid)).isEmpty();
        assertThat(f.session(sid).isClosed()).isTrue();
        assertThat(waiting.bodyText()).isEqualTo("1");
        assertThat(f.poll(sid).bodyText()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void shouldCountAnyPacketAsASignOfLife() {
        String sid = f.handshake();
        f.clock.advance(25_000);
        f.clock.advance(15_000);
        f.post(sid, "4still here");
        f.clock.advance(5_000); // pingTimeout after the ping, but only 5 s after the message
        assertThat(f.server.clientsCount()).isEqualTo(1);
        f.clock.advance(14_999);
        assertThat(f.server.clientsCount()).isEqualTo(1);
        f.clock.advance(1);
        assertThat(f.events(sid).closeReason()).isEqualTo(CloseReason.PING_TIMEOUT);
    }

    @Test
    void shouldPingAndTimeOutOverWebsocket() {
        EngineFixture.Ws ws = f.websocketHandshake();
        String sid = ws.sid();
        ws.peer().takeFrames();
        for (int i = 0; i < 3; i++) {
            f.clock.advance(25_000);
            assertThat(ws.peer().takeFrames()).containsExactly("2");
            ws.handler().onText("3");
        }
        f.clock.advance(25_000);
        assertThat(ws.peer().takeFrames()).containsExactly("2");
        f.clock.advance(20_000);
        assertThat(f.events(sid).events()).containsExactly("close:PING_TIMEOUT");
        assertThat(ws.peer().closed()).isTrue();
        assertThat(f.server.clientsCount()).isZero();
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void shouldCloseWithTransportErrorOnAPingFromTheClientOverPolling() {
        String sid = f.handshake();
        assertThat(f.post(sid, "2").status()).isEqualTo(200);
        assertThat(f.events(sid).closeReason()).isEqualTo(CloseReason.TRANSPORT_ERROR);
        assertThat(f.events(sid).closeDescription()).isEqualTo("invalid heartbeat direction");
        assertThat(f.server.clientsCount()).isZero();
    }

    @Test
    void shouldCloseWithTransportErrorOnAPingFromTheClientOverWebsocket() {
        EngineFixture.Ws ws = f.websocketHandshake();
        ws.handler().onText("2");
        assertThat(f.events(ws.sid()).closeReason()).isEqualTo(CloseReason.TRANSPORT_ERROR);
        assertThat(ws.peer().closed()).isTrue();
        assertThat(f.server.clientsCount()).isZero();
    }

    @Test
    void shouldUseTheConfiguredIntervalAndTimeout() {
        EngineFixture quick = new EngineFixture(EngineOptions.defaults().withPingInterval(300).withPingTimeout(200));
        EngineFixture.Ws ws = quick.websocketHandshake();
        ws.peer().takeFrames();
        quick.clock.advance(300);
        assertThat(ws.peer().takeFrames()).containsExactly("2");
        quick.clock.advance(199);
        assertThat(quick.server.clientsCount()).isEqualTo(1);
        quick.clock.advance(1);
        assertThat(quick.server.clientsCount()).isZero();
    }

    @Test
    void shouldStopTheHeartbeatWhenTheSessionCloses() {
        String sid = f.handshake();
        FakeExchange post = f.post(sid, "1");
        f.clock.advance(EngineServer.CLIENT_CLOSE_GRACE); // no GET was waiting: the "ok" leaves after the grace
        assertThat(post.bodyText()).isEqualTo("ok");
        assertThat(f.clock.pending()).isZero();
        f.clock.advance(100_000);
        assertThat(f.events(sid).events()).containsExactly("close:TRANSPORT_CLOSE");
    }
}
