package dev.sio4ee.engine;

import static dev.sio4ee.engine.EngineFixture.POLLING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OPEN packet over both transports, and how the options shape it. */
class HandshakeTest {
    private static final String SID = "[A-Za-z0-9_-]{20}";

    @Test
    void shouldAnswerThePollingHandshakeWithTheOpenPacket() {
        EngineFixture f = new EngineFixture();
        FakeExchange e = f.handle(FakeExchange.get(POLLING));

        assertThat(e.completed()).isTrue();
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.responseHeader("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(e.bodyText()).matches("0\\{\"sid\":\"" + SID + "\",\"upgrades\":\\[\"websocket\"\\],"
                + "\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
        String sid = EngineFixture.sidOf(e.bodyText());
        assertThat(f.server.clientsCount()).isEqualTo(1);
        assertThat(f.server.session(sid)).isPresent();
        assertThat(f.session(sid).transport()).isEqualTo("polling");
        assertThat(f.session(sid).isClosed()).isFalse();
    }

    @Test
    void shouldTreatAnEmptySidAsANewHandshakeLikeNode() {
        EngineFixture f = new EngineFixture();
        FakeExchange e = f.handle(FakeExchange.get(POLLING + "&sid="));
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.bodyText()).startsWith("0{\"sid\":\"");
        assertThat(f.server.clientsCount()).isEqualTo(1);
        assertThat(f.server.refuseUpgrade(new FakePeer(EngineFixture.WEBSOCKET + "&sid="))).isNull();
    }

    @Test
    void shouldGiveEverySessionADifferentSid() {
        EngineFixture f = new EngineFixture();
        Set<String> sids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String sid = f.handshake();
            assertThat(sid).matches(SID);
            sids.add(sid);
        }
        assertThat(sids).hasSize(200);
        assertThat(f.server.clientsCount()).isEqualTo(200);
    }

    @Test
    void shouldSendTheOpenPacketAsTheFirstWebsocketFrame() {
        EngineFixture f = new EngineFixture();
        EngineFixture.Ws ws = f.websocket(EngineFixture.WEBSOCKET);

        assertThat(ws.peer().closed()).isFalse();
        assertThat(ws.peer().frames()).hasSize(1);
        assertThat(ws.peer().texts().get(0)).matches("0\\{\"sid\":\"" + SID + "\",\"upgrades\":\\[\\],"
                + "\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
        assertThat(f.session(ws.sid()).transport()).isEqualTo("websocket");
        assertThat(f.server.clientsCount()).isEqualTo(1);
    }

    @Test
    void shouldAnnounceTheConfiguredValues() {
        EngineFixture f = new EngineFixture(EngineOptions.defaults().withPingInterval(300).withPingTimeout(200)
                .withMaxHttpBufferSize(500));
        FakeExchange e = f.handle(FakeExchange.get(POLLING));
        assertThat(e.bodyText()).endsWith("\"upgrades\":[\"websocket\"],\"pingInterval\":300,\"pingTimeout\":200,"
                + "\"maxPayload\":500}");
        assertThat(f.websocketHandshake().peer().texts().get(0)).endsWith("\"upgrades\":[],\"pingInterval\":300,"
                + "\"pingTimeout\":200,\"maxPayload\":500}");
    }

    @Test
    void shouldOfferNoUpgradeWhenOnlyPollingIsEnabled() {
        EngineFixture f = new EngineFixture(EngineOptions.defaults().withTransports("polling"));
        assertThat(f.handle(FakeExchange.get(POLLING)).bodyText()).contains("\"upgrades\":[]");
    }

    @Test
    void shouldOfferNoUpgradeWhenUpgradesAreDisabled() {
        EngineFixture f = new EngineFixture(EngineOptions.defaults().withAllowUpgrades(false));
        assertThat(f.handle(FakeExchange.get(POLLING)).bodyText()).contains("\"upgrades\":[]");
    }

    @Test
    void shouldSetTheSidCookieOnTheHandshakeOnly() {
        EngineFixture f = new EngineFixture(EngineOptions.defaults().withCookieName("io"));
        FakeExchange e = f.handle(FakeExchange.get(POLLING));
        String sid = EngineFixture.sidOf(e.bodyText());
        assertThat(e.responseHeader("Set-Cookie")).isEqualTo("io=" + sid + "; Path=/; HttpOnly; SameSite=Lax");

        FakeExchange poll = f.poll(sid);
        f.session(sid).send("hi");
        assertThat(poll.bodyText()).isEqualTo("4hi");
        assertThat(poll.responseHeader("Set-Cookie")).isNull();
        assertThat(f.post(sid, "4x").responseHeader("Set-Cookie")).isNull();
    }

    @Test
    void shouldSetNoCookieByDefault() {
        EngineFixture f = new EngineFixture();
        assertThat(f.handle(FakeExchange.get(POLLING)).responseHeader("Set-Cookie")).isNull();
    }

    @Test
    void shouldSendTheOpenPacketBeforeWhatTheConnectionCallbackSends() {
        EngineFixture f = new EngineFixture();
        List<String> transports = new java.util.ArrayList<>();
        f.server.onConnection(s -> {
            transports.add(s.transport());
            s.send("welcome");
        });

        FakeExchange e = f.handle(FakeExchange.get(POLLING));
        assertThat(e.bodyText()).startsWith("0{\"sid\":").endsWith("}\u001e4welcome");

        FakePeer peer = new FakePeer(EngineFixture.WEBSOCKET);
        f.server.openWebSocket(peer);
        assertThat(peer.texts()).hasSize(2);
        assertThat(peer.texts().get(0)).startsWith("0{");
        assertThat(peer.texts().get(1)).isEqualTo("4welcome");
        assertThat(transports).containsExactly("polling", "websocket");
    }

    @Test
    void shouldKeepACopyOfTheHandshakeRequest() {
        EngineFixture f = new EngineFixture();
        FakeExchange e = f.handle(FakeExchange.get(POLLING + "&token=abc").header("User-Agent", "test/1.0"));
        EngineRequest request = f.session(EngineFixture.sidOf(e.bodyText())).request();
        assertThat(request.query("EIO")).isEqualTo("4");
        assertThat(request.query("token")).isEqualTo("abc");
        assertThat(request.header("user-agent")).isEqualTo("test/1.0");
        assertThat(request.header("USER-AGENT")).isEqualTo("test/1.0");
        assertThat(request.remoteAddress()).isEqualTo("127.0.0.1");
        assertThat(request.url()).isEqualTo("/socket.io/?" + POLLING + "&token=abc");
    }

    @Test
    void shouldSurviveAConnectionCallbackThatThrows() {
        EngineFixture f = new EngineFixture();
        f.server.onConnection(s -> {
            throw new IllegalStateException("boom (thrown on purpose by the test)");
        });
        FakeExchange e = f.handle(FakeExchange.get(POLLING));
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.bodyText()).startsWith("0{");
        assertThat(f.websocketHandshake().peer().closed()).isFalse();
        assertThat(f.server.clientsCount()).isEqualTo(2);
    }

    @Test
    void shouldScheduleOneHeartbeatPerSession() {
        EngineFixture f = new EngineFixture();
        f.handshake();
        f.websocketHandshake();
        assertThat(f.clock.pending()).isEqualTo(2);
    }
}
