package dev.sio4ee.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Direct WebSocket sessions: frames both ways, limits, bad frames and closes. */
class WebSocketTest {
    private final EngineFixture f = new EngineFixture(EngineOptions.defaults().withMaxHttpBufferSize(100));

    private EngineFixture.Ws open() {
        EngineFixture.Ws ws = f.websocketHandshake();
        ws.peer().takeFrames();
        return ws;
    }

    @Test
    void shouldRefuseBadUpgradesBeforeTheyHappenLikeNode() {
        String sid = f.handshake();
        assertThat(f.server.refuseUpgrade(new FakePeer("EIO=4&transport=websocket"))).isNull();
        assertThat(f.server.refuseUpgrade(new FakePeer("EIO=4&transport=websocket&sid=" + sid))).isNull();
        assertThat(f.server.refuseUpgrade(new FakePeer("EIO=4&transport=websocket&sid=nope")))
                .isEqualTo("Session ID unknown");
        assertThat(f.server.refuseUpgrade(new FakePeer("EIO=3&transport=websocket")))
                .isEqualTo("Unsupported protocol version");
        assertThat(f.server.refuseUpgrade(new FakePeer("EIO=4&transport=polling"))).isEqualTo("Bad request");
        assertThat(f.server.refuseUpgrade(new FakePeer("EIO=4&transport=carrier-pigeon")))
                .isEqualTo("Transport unknown");
        assertThat(f.server.refuseUpgrade(new FakePeer("EIO=4&transport=websocket")
                .header("Origin", "http://evil.example"))).isEqualTo("Forbidden");
        assertThat(f.server.clientsCount()).as("checking opens nothing").isEqualTo(1);
    }

    @Test
    void shouldCarryTextFramesBothWays() {
        EngineFixture.Ws ws = open();
        ws.handler().onText("4hello");
        ws.handler().onText("4");
        ws.handler().onText("4h\u00e9llo \ud83d\ude00");
        f.session(ws.sid()).send("world");
        assertThat(f.events(ws.sid()).events())
                .containsExactly("message:hello", "message:", "message:h\u00e9llo \ud83d\ude00");
        assertThat(ws.peer().frames()).containsExactly("4world");
    }

    @Test
    void shouldCarryBinaryFramesBothWays() {
        EngineFixture.Ws ws = open();
        ws.handler().onBinary(new byte[] {1, 2, 3, 4});
        ws.handler().onText("bAQI="); // a base64 text frame is a binary message, too
        f.session(ws.sid()).send(new byte[] {5, 6});
        assertThat(f.events(ws.sid()).events()).containsExactly("binary:[1, 2, 3, 4]", "binary:[1, 2]");
        List<Object> frames = ws.peer().frames();
        assertThat(frames).hasSize(1);
        assertThat((byte[]) frames.get(0)).containsExactly(5, 6);
    }

    @Test
    void shouldAcceptFramesOfExactlyMaxPayload() {
        EngineFixture.Ws ws = open();
        ws.handler().onText("4" + "x".repeat(99));
        ws.handler().onBinary(new byte[100]);
        assertThat(f.events(ws.sid()).events()).hasSize(2);
        assertThat(ws.peer().closed()).isFalse();
    }

    @Test
    void shouldCloseWith1009OnATextFrameAboveMaxPayload() {
        EngineFixture.Ws ws = open();
        ws.handler().onText("4" + "x".repeat(100));
        assertThat(ws.peer().closeCode()).isEqualTo(1009);
        assertThat(f.events(ws.sid()).events()).containsExactly("close:TRANSPORT_ERROR");
        assertThat(f.server.clientsCount()).isZero();
        assertThat(ws.peer().closeCalls()).containsExactly(1009);
    }

    @Test
    void shouldCountMaxPayloadInUtf8Bytes() {
        EngineFixture.Ws ws = open();
        ws.handler().onText("4" + "\u00e9".repeat(50)); // 51 chars, 101 bytes
        assertThat(ws.peer().closeCode()).isEqualTo(1009);
        assertThat(f.events(ws.sid()).closeReason()).isEqualTo(CloseReason.TRANSPORT_ERROR);
    }

    @Test
    void shouldCloseWith1009OnABinaryFrameAboveMaxPayload() {
        EngineFixture.Ws ws = open();
        ws.handler().onBinary(new byte[101]);
        assertThat(ws.peer().closeCode()).isEqualTo(1009);
        assertThat(f.events(ws.sid()).events()).containsExactly("close:TRANSPORT_ERROR");
    }

    @Test
    void shouldCloseWithAParseErrorOnAnInvalidFrame() {
        EngineFixture.Ws ws = open();
        ws.handler().onText("abc");
        assertThat(f.events(ws.sid()).events()).containsExactly("close:PARSE_ERROR");
        assertThat(ws.peer().closed()).isTrue();
        assertThat(f.server.clientsCount()).isZero();
    }

    @Test
    void shouldCloseWithAParseErrorOnAnEmptyFrame() {
        EngineFixture.Ws ws = open();
        ws.handler().onText("");
        assertThat(f.events(ws.sid()).closeReason()).isEqualTo(CloseReason.PARSE_ERROR);
    }

    @Test
    void shouldCloseWithTransportCloseWhenThePeerCloses() {
        EngineFixture.Ws ws = open();
        ws.handler().onClose(1001, "going away");
        assertThat(f.events(ws.sid()).events()).containsExactly("close:TRANSPORT_CLOSE");
        assertThat(f.server.clientsCount()).isZero();
        assertThat(f.clock.pending()).isZero();
        assertThat(ws.peer().closeCalls()).as("no close on a closed connection").isEmpty();
        f.session(ws.sid()).send("lost");
        ws.handler().onText("4late");
        assertThat(ws.peer().frames()).isEmpty();
        assertThat(f.events(ws.sid()).events()).containsExactly("close:TRANSPORT_CLOSE");
    }

    @Test
    void shouldCloseWithTransportErrorOnAPeerError() {
        EngineFixture.Ws ws = open();
        ws.handler().onError(new java.io.IOException("broken pipe"));
        ws.handler().onClose(1006, "");
        assertThat(f.events(ws.sid()).events()).containsExactly("close:TRANSPORT_ERROR");
        assertThat(ws.peer().closed()).isTrue();
    }

    @Test
    void shouldCloseWithTransportCloseOnAClosePacket() {
        EngineFixture.Ws ws = open();
        ws.handler().onText("1");
        assertThat(f.events(ws.sid()).events()).containsExactly("close:TRANSPORT_CLOSE");
        assertThat(ws.peer().closeCode()).isEqualTo(1000);
        assertThat(f.server.clientsCount()).isZero();
    }

    @Test
    void shouldCloseThePeerOnAServerSideClose() {
        EngineFixture.Ws ws = open();
        f.session(ws.sid()).send("bye");
        f.session(ws.sid()).close();
        assertThat(ws.peer().frames()).containsExactly("4bye");
        assertThat(ws.peer().closeCode()).isEqualTo(1000);
        assertThat(f.events(ws.sid()).events()).containsExactly("close:FORCED_CLOSE");
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void shouldCloseEveryWebsocketOnServerClose() {
        EngineFixture.Ws a = open();
        EngineFixture.Ws b = open();
        f.server.close();
        assertThat(a.peer().closed()).isTrue();
        assertThat(b.peer().closed()).isTrue();
        assertThat(f.events(a.sid()).closeReason()).isEqualTo(CloseReason.FORCED_CLOSE);
        assertThat(f.server.clientsCount()).isZero();
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void shouldIgnoreUpgradeAndNoopPacketsOnAnOpenWebsocket() {
        EngineFixture.Ws ws = open();
        ws.handler().onText("5");
        ws.handler().onText("6");
        ws.handler().onText("0");
        assertThat(f.events(ws.sid()).events()).isEmpty();
        assertThat(ws.peer().closed()).isFalse();
        assertThat(f.server.clientsCount()).isEqualTo(1);
    }

    @Test
    void shouldTreatAProbeOnAnEstablishedWebsocketAsAClientPing() {
        EngineFixture.Ws ws = open();
        ws.handler().onText("2probe");
        assertThat(f.events(ws.sid()).closeReason()).isEqualTo(CloseReason.TRANSPORT_ERROR);
    }

    @Test
    void shouldReportCongestionThroughIsWritable() {
        EngineFixture.Ws ws = open();
        EngineSession s = f.session(ws.sid());
        assertThat(s.isWritable()).isTrue();
        ws.peer().writable(false);
        assertThat(s.isWritable()).isFalse();
        ws.peer().writable(true);
        assertThat(s.isWritable()).isTrue();
        ws.handler().onClose(1000, "");
        assertThat(s.isWritable()).isFalse();
    }
}
