package dev.sio4ee.engine;

import static dev.sio4ee.engine.EngineFixture.POLLING;
import static dev.sio4ee.engine.EngineFixture.WEBSOCKET;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The error answers of the protocol, as the Node.js server gives them. */
class ErrorsTest {
    private final EngineFixture f = new EngineFixture();

    private static void assertError(FakeExchange e, int status, String json) {
        assertThat(e.completed()).isTrue();
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.responseHeader("Content-Type")).isEqualTo("application/json");
        assertThat(e.bodyText()).isEqualTo(json);
    }

    private static void assertRefused(FakePeer peer, String json) {
        assertThat(peer.closeCode()).isEqualTo(EngineServer.CLOSE_REFUSED).isEqualTo(1008);
        assertThat(peer.closeReason()).isEqualTo(json);
        assertThat(peer.frames()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EIO=4", "EIO=4&transport=abc", "EIO=4&transport=", "EIO=4&transport=webtransport"})
    void shouldAnswerAnUnknownTransportWithCode0(String query) {
        assertError(f.handle(FakeExchange.get(query)), 400, "{\"code\":0,\"message\":\"Transport unknown\"}");
        assertThat(f.server.clientsCount()).isZero();
    }

    @Test
    void shouldAnswerADisabledTransportWithCode0() {
        EngineFixture ws = new EngineFixture(EngineOptions.defaults().withTransports("websocket"));
        assertError(ws.handle(FakeExchange.get(POLLING)), 400, "{\"code\":0,\"message\":\"Transport unknown\"}");
        EngineFixture polling = new EngineFixture(EngineOptions.defaults().withTransports("polling"));
        assertRefused(polling.websocket(WEBSOCKET).peer(), "{\"code\":0,\"message\":\"Transport unknown\"}");
    }

    @Test
    void shouldAnswerAnUnknownSidWithCode1() {
        assertError(f.poll("unknown"), 400, "{\"code\":1,\"message\":\"Session ID unknown\"}");
        assertError(f.post("unknown", "4x"), 400, "{\"code\":1,\"message\":\"Session ID unknown\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    void shouldAnswerAHandshakeThatIsNoGetWithCode2(String method) {
        assertError(f.handle(new FakeExchange(method, POLLING)), 400,
                "{\"code\":2,\"message\":\"Bad handshake method\"}");
        assertThat(f.server.clientsCount()).isZero();
    }

    @Test
    void shouldAnswerAWebsocketHandshakeOverHttpWithCode3() {
        assertError(f.handle(FakeExchange.get(WEBSOCKET)), 400, "{\"code\":3,\"message\":\"Bad request\"}");
        assertThat(f.server.clientsCount()).isZero();
    }

    @Test
    void shouldAnswerAWebsocketRequestOverHttpForAPollingSessionWithCode3() {
        String sid = f.handshake();
        assertError(f.handle(FakeExchange.get(WEBSOCKET + "&sid=" + sid)), 400,
                "{\"code\":3,\"message\":\"Bad request\"}");
        assertThat(f.server.session(sid)).isPresent();
    }

    @Test
    void shouldAnswerARefusedHandshakeWith403AndTheHookMessage() {
        EngineFixture guarded = new EngineFixture(EngineOptions.defaults()
                .withAllowRequest(r -> r.query("token") != null ? AllowRequest.Verdict.ALLOW
                        : AllowRequest.Verdict.reject("token required")));
        assertError(guarded.handle(FakeExchange.get(POLLING)), 403, "{\"code\":4,\"message\":\"token required\"}");
        assertRefused(guarded.websocket(WEBSOCKET).peer(), "{\"code\":4,\"message\":\"token required\"}");
        assertThat(guarded.server.clientsCount()).isZero();
        assertThat(guarded.handle(FakeExchange.get(POLLING + "&token=t")).status()).isEqualTo(200);
    }

    @Test
    void shouldAskTheHookOnceForAWebSocketUpgradeCheckedBeforehand() {
        int[] calls = {0};
        EngineFixture guarded = new EngineFixture(EngineOptions.defaults().withAllowRequest(r -> {
            calls[0]++;
            return r.query("token") != null ? AllowRequest.Verdict.ALLOW : AllowRequest.Verdict.reject("token required");
        }));
        // refused before the upgrade, with the hook's message (Node answers HTTP 400 with it)
        assertThat(guarded.server.refuseUpgrade(new FakePeer(WEBSOCKET))).isEqualTo("token required");
        assertThat(calls[0]).isEqualTo(1);
        // accepted before the upgrade: opening the connection does not ask again
        FakePeer peer = new FakePeer(WEBSOCKET + "&token=t");
        assertThat(guarded.server.refuseUpgrade(peer)).isNull();
        EngineFixture.Ws ws = new EngineFixture.Ws(peer, guarded.server.openWebSocket(peer, true));
        assertThat(ws.peer().closed()).isFalse();
        assertThat(calls[0]).isEqualTo(2);
        assertThat(guarded.server.clientsCount()).isEqualTo(1);
        // without the check beforehand (another container), the hook is asked when the connection opens
        assertRefused(guarded.websocket(WEBSOCKET).peer(), "{\"code\":4,\"message\":\"token required\"}");
        assertThat(calls[0]).isEqualTo(3);
    }

    @Test
    void shouldUseTheStandardMessageWhenTheHookGivesNone() {
        EngineFixture guarded = new EngineFixture(EngineOptions.defaults()
                .withAllowRequest(r -> AllowRequest.Verdict.reject(null)));
        assertError(guarded.handle(FakeExchange.get(POLLING)), 403, "{\"code\":4,\"message\":\"Forbidden\"}");
    }

    @Test
    void shouldNotAskTheHookAboutRequestsOfAnOpenSession() {
        int[] calls = {0};
        EngineFixture guarded = new EngineFixture(EngineOptions.defaults().withAllowRequest(r -> {
            calls[0]++;
            return calls[0] == 1 ? AllowRequest.Verdict.ALLOW : AllowRequest.Verdict.reject("no");
        }));
        String sid = guarded.handshake();
        assertThat(guarded.post(sid, "4x").status()).isEqualTo(200);
        guarded.probe(sid);
        assertThat(calls[0]).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"transport=polling", "EIO=3&transport=polling", "EIO=abc&transport=polling",
        "EIO=&transport=polling", "EIO=5&transport=polling"})
    void shouldAnswerAMissingOrWrongProtocolVersionWithCode5(String query) {
        assertError(f.handle(FakeExchange.get(query)), 400,
                "{\"code\":5,\"message\":\"Unsupported protocol version\"}");
        assertRefused(f.websocket(query.replace("polling", "websocket")).peer(),
                "{\"code\":5,\"message\":\"Unsupported protocol version\"}");
        assertThat(f.server.clientsCount()).isZero();
    }

    @Test
    void shouldAnswerAnUnknownMethodOnASessionWith400AndKeepTheSession() {
        String sid = f.handshake();
        FakeExchange put = f.handle(new FakeExchange("PUT", POLLING + "&sid=" + sid));
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.bodyText()).startsWith("{\"code\":3,");
        assertThat(f.server.session(sid)).isPresent();
        FakeExchange poll = f.poll(sid);
        f.session(sid).send("still here");
        assertThat(poll.bodyText()).isEqualTo("4still here");
    }

    @Test
    void shouldCloseTheSessionWithAParseErrorOnAMalformedBody() {
        String sid = f.handshake();
        FakeExchange post = f.post(sid, "abc");
        assertThat(post.status()).isEqualTo(400);
        assertThat(post.responseHeader("Content-Type")).isEqualTo("application/json");
        assertThat(f.events(sid).closeReason()).isEqualTo(CloseReason.PARSE_ERROR);
        assertThat(f.server.clientsCount()).isZero();
        assertThat(f.poll(sid).status()).isEqualTo(400);
    }

    @Test
    void shouldAnswerABodyAboveMaxHttpBufferSizeWith413() {
        EngineFixture small = new EngineFixture(EngineOptions.defaults().withMaxHttpBufferSize(10));
        String sid = small.handshake();
        FakeExchange big = small.post(sid, "4" + "x".repeat(10));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.responseHeader("Connection")).isEqualTo("close");
        assertThat(small.events(sid).events()).isEmpty();
        // exactly at the limit is fine
        assertThat(small.post(sid, "4" + "x".repeat(9)).status()).isEqualTo(200);
        assertThat(small.events(sid).events()).containsExactly("message:" + "x".repeat(9));
    }

    @Test
    void shouldAnswerAnEmptyPostWith400() {
        String sid = f.handshake();
        assertThat(f.post(sid, "").status()).isEqualTo(400);
        assertThat(f.events(sid).closeReason()).isEqualTo(CloseReason.PARSE_ERROR);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "EIO=4|{\"code\":0,\"message\":\"Transport unknown\"}",
        "EIO=4&transport=abc|{\"code\":0,\"message\":\"Transport unknown\"}",
        "EIO=4&transport=polling|{\"code\":3,\"message\":\"Bad request\"}",
        "EIO=4&transport=websocket&sid=nope|{\"code\":1,\"message\":\"Session ID unknown\"}",
        "EIO=2&transport=websocket|{\"code\":5,\"message\":\"Unsupported protocol version\"}"})
    void shouldCloseARefusedWebsocketWith1008AndTheError(String query, String json) {
        assertRefused(f.websocket(query).peer(), json);
        assertThat(f.server.clientsCount()).isZero();
    }

    @Test
    void shouldIgnoreFramesOnARefusedWebsocket() {
        EngineFixture.Ws ws = f.websocket("EIO=4&transport=abc");
        ws.handler().onText("4hello");
        ws.handler().onBinary(new byte[] {1});
        ws.handler().onError(new RuntimeException("x"));
        ws.handler().onClose(1000, "");
        assertThat(ws.peer().closeCalls()).containsExactly(1008);
    }

    @Test
    void shouldKeepTheWebsocketCloseReasonWithin123Bytes() {
        String longMessage = "\u00e9".repeat(200);
        EngineFixture guarded = new EngineFixture(EngineOptions.defaults()
                .withAllowRequest(r -> AllowRequest.Verdict.reject(longMessage)));
        FakePeer peer = guarded.websocket(WEBSOCKET).peer();
        assertThat(peer.closeCode()).isEqualTo(1008);
        assertThat(peer.closeReason().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
        assertThat(peer.closeReason()).startsWith("{\"code\":4,\"message\":\"\u00e9\u00e9").endsWith("\u00e9\"}");
        assertThat(EngineServer.refusal(EngineError.FORBIDDEN, "\"".repeat(100)))
                .endsWith("\\\"\"}").hasSizeLessThanOrEqualTo(123);
        assertThat(EngineServer.refusal(EngineError.FORBIDDEN, "\ud83d\ude00".repeat(40)))
                .endsWith("\ud83d\ude00\"}");
        // polling has no such limit
        assertThat(guarded.handle(FakeExchange.get(POLLING)).bodyText()).contains(longMessage);
    }

    @Test
    void shouldAnswer500WhenTheHookThrows() {
        EngineFixture broken = new EngineFixture(EngineOptions.defaults()
                .withAllowRequest(r -> {
                    throw new IllegalStateException("bug (thrown on purpose by the test)");
                }));
        FakeExchange e = broken.handle(FakeExchange.get(POLLING));
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.bodyText()).isEqualTo("{\"code\":3,\"message\":\"internal error\"}");
        FakePeer peer = broken.websocket(WEBSOCKET).peer();
        assertThat(peer.closed()).isTrue();
        assertThat(peer.closeCode()).isEqualTo(1011);
        assertThat(broken.server.clientsCount()).isZero();
    }

    @Test
    void shouldRefuseNewSessionsOnceClosed() {
        f.server.close();
        assertError(f.handle(FakeExchange.get(POLLING)), 400, "{\"code\":3,\"message\":\"server shutting down\"}");
        assertThat(f.websocket(WEBSOCKET).peer().closeCode()).isEqualTo(1008);
        assertThat(f.server.clientsCount()).isZero();
    }
}
