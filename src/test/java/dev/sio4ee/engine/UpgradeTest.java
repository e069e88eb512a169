package dev.sio4ee.engine;

import static dev.sio4ee.engine.EngineFixture.WEBSOCKET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.engine.parser.EnginePacket;
import dev.sio4ee.engine.parser.EngineParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The move from long-polling to WebSocket: probe, NOOP, switch, and every way it can fail. */
class UpgradeTest {
    private final EngineFixture f = new EngineFixture();

    @Test
    void shouldUpgradeFromPollingToWebsocket() {
        String sid = f.handshake();
        FakeExchange poll = f.poll(sid);
        EngineFixture.Ws ws = f.probe(sid);
        assertThat(f.session(sid).transport()).isEqualTo("polling");

        f.clock.advance(99);
        assertThat(poll.completed()).isFalse();
        f.clock.advance(1);
        assertThat(poll.bodyText()).isEqualTo("6");

        ws.handler().onText("5");
        assertThat(f.session(sid).transport()).isEqualTo("websocket");
        assertThat(f.events(sid).events()).containsExactly("upgrade");

        ws.handler().onText("4hello");
        f.session(sid).send("world");
        assertThat(f.events(sid).events()).containsExactly("upgrade", "message:hello");
        assertThat(ws.peer().texts()).containsExactly("3probe", "4world");
        assertThat(f.server.clientsCount()).isEqualTo(1);
        assertThat(f.clock.pending()).as("only the heartbeat is left").isEqualTo(1);
    }

    @Test
    void shouldReleaseAGetThatArrivesDuringTheProbeWithANoop() {
        String sid = f.handshake();
        f.probe(sid);
        FakeExchange poll = f.poll(sid);
        f.clock.advance(100);
        assertThat(poll.bodyText()).isEqualTo("6");
        FakeExchange again = f.poll(sid);
        f.clock.advance(100);
        assertThat(again.bodyText()).isEqualTo("6");
    }

    @Test
    void shouldRefuseAGetStillPendingAtTheSwitchAsAGetAfterIt() {
        // a client pauses polling before it sends UPGRADE: a GET still pending then was sent after it
        String sid = f.handshake();
        EngineFixture.Ws ws = f.probe(sid);
        FakeExchange poll = f.poll(sid);
        ws.handler().onText("5");
        assertThat(poll.status()).isEqualTo(400);
        assertThat(poll.bodyText()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
        assertThat(f.session(sid).transport()).isEqualTo("websocket");
    }

    @Test
    void shouldDeliverPacketsSentDuringTheUpgradeOnceAndInOrder() {
        EngineFixture f = new EngineFixture(EngineOptions.defaults().withPingInterval(1_000));
        String sid = f.handshake();
        EngineSession s = f.session(sid);
        FakeExchange poll = f.poll(sid);
        EngineFixture.Ws ws = f.probe(sid);
        s.send("m0"); // the GET is still pending: it carries m0
        f.clock.advance(100);
        for (int i = 1; i <= 5; i++) {
            s.send("m" + i);
        }
        s.send(new byte[] {6});
        f.clock.advance(900); // a ping lands in the buffer, too
        ws.handler().onText("5");

        List<String> received = new ArrayList<>();
        for (EnginePacket p : decode(poll.bodyText())) {
            received.add(p.text());
        }
        assertThat(received).containsExactly("m0");
        List<Object> frames = ws.peer().frames();
        assertThat(frames).hasSize(8);
        assertThat(frames.subList(0, 6)).containsExactly("3probe", "4m1", "4m2", "4m3", "4m4", "4m5");
        assertThat((byte[]) frames.get(6)).containsExactly(6);
        assertThat(frames.get(7)).isEqualTo("2");
        ws.handler().onText("3");
        assertThat(f.server.clientsCount()).isEqualTo(1);
    }

    @Test
    void shouldCloseOnlyTheWebsocketWhenTheUpgradeTimesOut() {
        String sid = f.handshake();
        EngineFixture.Ws ws = f.websocket(WEBSOCKET + "&sid=" + sid);
        f.clock.advance(9_999);
        assertThat(ws.peer().closed()).isFalse();
        f.clock.advance(1);
        assertThat(ws.peer().closed()).isTrue();
        assertThat(f.server.clientsCount()).isEqualTo(1);
        assertThat(f.session(sid).transport()).isEqualTo("polling");
        assertThat(f.clock.pending()).isEqualTo(1);

        ws.handler().onText("5"); // too late
        ws.handler().onClose(1000, "");
        assertThat(f.session(sid).transport()).isEqualTo("polling");
        FakeExchange poll = f.poll(sid);
        f.session(sid).send("still polling");
        assertThat(poll.bodyText()).isEqualTo("4still polling");
        assertThat(f.events(sid).events()).isEmpty();
    }

    @Test
    void shouldTimeOutAProbedUpgradeThatNeverSwitches() {
        String sid = f.handshake();
        EngineFixture.Ws ws = f.probe(sid);
        f.clock.advance(10_000);
        assertThat(ws.peer().closed()).isTrue();
        assertThat(f.clock.pending()).as("no upgrade check left").isEqualTo(1);
        assertThat(f.server.clientsCount()).isEqualTo(1);
    }

    @Test
    void shouldRefuseASecondUpgradeWhileOneIsInProgress() {
        String sid = f.handshake();
        EngineFixture.Ws first = f.probe(sid);
        EngineFixture.Ws second = f.websocket(WEBSOCKET + "&sid=" + sid);
        assertThat(second.peer().closeCode()).isEqualTo(1008);
        assertThat(second.peer().closeReason()).startsWith("{\"code\":3,");
        first.handler().onText("5");
        assertThat(f.session(sid).transport()).isEqualTo("websocket");
        assertThat(first.peer().closed()).isFalse();
    }

    @Test
    void shouldRefuseAnUpgradeAfterTheUpgrade() {
        String sid = f.handshake();
        EngineFixture.Ws ws = f.probe(sid);
        ws.handler().onText("5");
        EngineFixture.Ws again = f.websocket(WEBSOCKET + "&sid=" + sid);
        assertThat(again.peer().closeCode()).isEqualTo(1008);
        ws.handler().onText("4hello");
        f.session(sid).send("hello");
        assertThat(ws.peer().texts()).containsExactly("3probe", "4hello");
        assertThat(f.events(sid).events()).containsExactly("upgrade", "message:hello");
    }

    @Test
    void shouldRefuseAnUpgradeWhenUpgradesAreDisabled() {
        EngineFixture noUpgrade = new EngineFixture(EngineOptions.defaults().withAllowUpgrades(false));
        String sid = noUpgrade.handshake();
        assertThat(noUpgrade.websocket(WEBSOCKET + "&sid=" + sid).peer().closeCode()).isEqualTo(1008);
        assertThat(noUpgrade.server.clientsCount()).isEqualTo(1);
    }

    @Test
    void shouldAnswerPollingRequestsAfterTheUpgradeWithCode3() {
        String sid = f.handshake();
        EngineFixture.Ws ws = f.probe(sid);
        ws.handler().onText("5");
        FakeExchange get = f.poll(sid);
        assertThat(get.status()).isEqualTo(400);
        assertThat(get.bodyText()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
        assertThat(f.post(sid, "4x").status()).isEqualTo(400);
        assertThat(f.server.clientsCount()).isEqualTo(1);
        assertThat(f.events(sid).events()).containsExactly("upgrade");
    }

    @Test
    void shouldCloseOnlyTheNewWebsocketOnGarbageDuringTheProbe() {
        String sid = f.handshake();
        EngineFixture.Ws ws = f.probe(sid);
        ws.handler().onText("abc");
        assertThat(ws.peer().closed()).isTrue();
        assertThat(f.server.clientsCount()).isEqualTo(1);
        assertThat(f.session(sid).transport()).isEqualTo("polling");
        assertThat(f.clock.pending()).isEqualTo(1);
        // and the session may try again
        EngineFixture.Ws retry = f.probe(sid);
        retry.handler().onText("5");
        assertThat(f.session(sid).transport()).isEqualTo("websocket");
    }

    @Test
    void shouldCloseOnlyTheNewWebsocketOnAnUnexpectedPacketDuringTheProbe() {
        String sid = f.handshake();
        EngineFixture.Ws ws = f.probe(sid);
        ws.handler().onText("4hello");
        assertThat(ws.peer().closed()).isTrue();
        assertThat(f.events(sid).events()).isEmpty();
        assertThat(f.server.clientsCount()).isEqualTo(1);
    }

    @Test
    void shouldIgnoreTheCloseOfTheNewWebsocketDuringTheProbe() {
        String sid = f.handshake();
        EngineFixture.Ws ws = f.probe(sid);
        ws.handler().onClose(1001, "going away");
        ws.handler().onError(new RuntimeException("late"));
        assertThat(f.server.clientsCount()).isEqualTo(1);
        assertThat(f.clock.pending()).isEqualTo(1);
        assertThat(f.events(sid).events()).isEmpty();
    }

    @Test
    void shouldCloseTheProbingWebsocketWhenTheSessionCloses() {
        String sid = f.handshake();
        EngineFixture.Ws ws = f.probe(sid);
        f.post(sid, "1");
        assertThat(ws.peer().closed()).isTrue();
        assertThat(f.events(sid).events()).containsExactly("close:TRANSPORT_CLOSE");
        f.clock.advance(EngineServer.CLIENT_CLOSE_GRACE); // the POST's "ok"
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void shouldCloseAfterTheSwitchWhenTheSessionWasClosing() {
        String sid = f.handshake();
        EngineFixture.Ws ws = f.probe(sid);
        f.session(sid).close();
        ws.handler().onText("5");
        assertThat(ws.peer().closed()).isTrue();
        assertThat(f.events(sid).events()).containsExactly("upgrade", "close:FORCED_CLOSE");
        assertThat(f.server.clientsCount()).isZero();
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void shouldKeepTheHeartbeatAfterTheUpgrade() {
        String sid = f.handshake();
        EngineFixture.Ws ws = f.probe(sid);
        ws.handler().onText("5");
        f.clock.advance(25_000);
        assertThat(ws.peer().texts()).last().isEqualTo("2");
        ws.handler().onText("3");
        f.clock.advance(20_000);
        assertThat(f.server.clientsCount()).isEqualTo(1);
        f.clock.advance(5_000 + 20_000);
        assertThat(f.events(sid).closeReason()).isEqualTo(CloseReason.PING_TIMEOUT);
    }

    private static List<EnginePacket> decode(String payload) {
        try {
            return EngineParser.decodePayload(payload);
        } catch (Exception e) {
            throw new AssertionError(payload, e);
        }
    }
}
