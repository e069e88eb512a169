package dev.sio4ee.engine;

import static dev.sio4ee.engine.EngineFixture.POLLING;
import static dev.sio4ee.engine.EngineFixture.WEBSOCKET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The origin policy: who may connect, and the CORS headers they get. */
class CorsTest {
    private static final String APP = "https://app.example.com";

    private final EngineFixture f = new EngineFixture(EngineOptions.defaults().withCorsOrigins(APP));

    private static void assertNoCorsHeaders(FakeExchange e) {
        assertThat(e.responseHeaders().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void shouldAllowARequestWithoutOriginAndSendNoCorsHeaders() {
        FakeExchange e = f.handle(FakeExchange.get(POLLING));
        assertThat(e.status()).isEqualTo(200);
        assertNoCorsHeaders(e);
        assertThat(f.websocket(WEBSOCKET).peer().closed()).isFalse();
    }

    @Test
    void shouldAllowTheSameOrigin() {
        FakeExchange e = f.handle(FakeExchange.get(POLLING).header("Host", "localhost:8080")
                .header("Origin", "http://localhost:8080"));
        assertThat(e.status()).isEqualTo(200);
        assertNoCorsHeaders(e);
        FakeExchange tls = f.handle(FakeExchange.get(POLLING).secure(true).header("Host", "example.org")
                .header("Origin", "https://example.org"));
        assertThat(tls.status()).isEqualTo(200);
        FakePeer peer = new FakePeer(WEBSOCKET).header("Host", "localhost:8080")
                .header("Origin", "http://localhost:8080");
        assertThat(f.websocket(peer).peer().closed()).isFalse();
    }

    @Test
    void shouldRefuseASameHostOriginWithAnotherSchemeOrPort() {
        assertThat(f.handle(FakeExchange.get(POLLING).header("Host", "localhost:8080")
                .header("Origin", "https://localhost:8080")).status()).isEqualTo(403);
        assertThat(f.handle(FakeExchange.get(POLLING).header("Host", "localhost:8080")
                .header("Origin", "http://localhost:9090")).status()).isEqualTo(403);
    }

    @Test
    void shouldSendCorsHeadersToAListedOrigin() {
        FakeExchange e = f.handle(FakeExchange.get(POLLING).header("Origin", APP));
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.responseHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(e.responseHeader("Vary")).isEqualTo("Origin");
        assertThat(e.responseHeader("Access-Control-Allow-Credentials")).isNull();

        String sid = EngineFixture.sidOf(e.bodyText());
        FakeExchange post = f.handle(FakeExchange.post(POLLING + "&sid=" + sid, "4hi").header("Origin", APP));
        assertThat(post.responseHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
        FakeExchange poll = f.handle(FakeExchange.get(POLLING + "&sid=" + sid).header("Origin", APP));
        f.session(sid).send("x");
        assertThat(poll.responseHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
        FakeExchange error = f.handle(FakeExchange.get(POLLING + "&sid=nope").header("Origin", APP));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.responseHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
    }

    @Test
    void shouldAllowCredentialsWhenEnabled() {
        EngineFixture creds = new EngineFixture(EngineOptions.defaults().withCorsOrigins(APP)
                .withCorsCredentials(true));
        FakeExchange e = creds.handle(FakeExchange.get(POLLING).header("Origin", APP));
        assertThat(e.responseHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(e.responseHeader("Access-Control-Allow-Credentials")).isEqualTo("true");
    }

    @Test
    void shouldRefuseAnUnlistedCrossOriginWithCode4() {
        FakeExchange e = f.handle(FakeExchange.get(POLLING).header("Origin", "https://evil.example.com"));
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.bodyText()).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
        assertNoCorsHeaders(e);
        FakePeer peer = f.websocket(new FakePeer(WEBSOCKET).header("Origin", "https://evil.example.com")).peer();
        assertThat(peer.closeCode()).isEqualTo(1008);
        assertThat(peer.closeReason()).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
        assertThat(f.server.clientsCount()).isZero();
    }

    @Test
    void shouldRefuseAnUnlistedOriginOnTheRequestsOfASession() {
        String sid = f.handshake();
        FakeExchange post = f.handle(FakeExchange.post(POLLING + "&sid=" + sid, "4x")
                .header("Origin", "https://evil.example.com"));
        assertThat(post.status()).isEqualTo(403);
        assertThat(f.events(sid).events()).isEmpty();
    }

    @Test
    void shouldAllowAnyOriginWithAWildcard() {
        EngineFixture any = new EngineFixture(EngineOptions.defaults().withCorsOrigins("*"));
        FakeExchange e = any.handle(FakeExchange.get(POLLING).header("Origin", "https://anyone.example"));
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.responseHeader("Access-Control-Allow-Origin")).isEqualTo("https://anyone.example");
    }

    @Test
    void shouldAnswerAPreflightForAListedOriginWith204() {
        FakeExchange e = f.handle(new FakeExchange("OPTIONS", POLLING).header("Origin", APP)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        assertThat(e.status()).isEqualTo(204);
        assertThat(e.bodyText()).isEmpty();
        assertThat(e.responseHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(e.responseHeader("Access-Control-Allow-Methods")).isEqualTo("GET,HEAD,POST,OPTIONS");
        assertThat(e.responseHeader("Access-Control-Allow-Headers")).isEqualTo("content-type");
        assertThat(e.responseHeader("Access-Control-Max-Age")).isEqualTo("600");
        assertThat(f.server.clientsCount()).isZero();
    }

    @Test
    void shouldRefuseAPreflightForAnUnlistedOrigin() {
        FakeExchange e = f.handle(new FakeExchange("OPTIONS", POLLING).header("Origin", "https://evil.example.com"));
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.bodyText()).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
        assertNoCorsHeaders(e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://a\u0000b", "http://a\nSet-Cookie: x=y", "http://a\rb", "http://a\u007fb",
        "http://\u0100"})
    void shouldAnswerAMalformedOriginWithCode3(String origin) {
        EngineFixture any = new EngineFixture(EngineOptions.defaults().withCorsOrigins("*"));
        for (EngineFixture engine : List.of(f, any)) {
            FakeExchange e = engine.handle(FakeExchange.get(POLLING).header("Origin", origin));
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.bodyText()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
            assertNoCorsHeaders(e);
            FakeExchange preflight = engine.handle(new FakeExchange("OPTIONS", POLLING).header("Origin", origin));
            assertThat(preflight.status()).isEqualTo(400);
            assertNoCorsHeaders(preflight);
            FakePeer peer = engine.websocket(new FakePeer(WEBSOCKET).header("Origin", origin)).peer();
            assertThat(peer.closeReason()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
            assertThat(engine.server.clientsCount()).isZero();
        }
    }

    @Test
    void shouldAcceptObsTextInTheOriginHeaderAsNodeDoes() {
        // Latin-1 bytes 0x80-0xFF are valid header characters: such an origin is merely unlisted
        assertThat(Cors.isMalformed("http://b\u00fccher.example")).isFalse();
        assertThat(Cors.isMalformed("http://a\tb")).isFalse();
        FakeExchange e = f.handle(FakeExchange.get(POLLING).header("Origin", "http://b\u00fccher.example"));
        assertThat(e.status()).isEqualTo(403);
    }

    @Test
    void shouldExposeThePolicy() {
        Cors cors = f.server.cors();
        assertThat(cors.allows(FakeExchange.get(POLLING))).isTrue();
        assertThat(cors.allows(FakeExchange.get(POLLING).header("Origin", APP))).isTrue();
        assertThat(cors.responseHeaders(FakeExchange.get(POLLING))).isEmpty();
        assertThat(cors.preflightHeaders(FakeExchange.get(POLLING).header("Origin", "https://x.example"))).isEmpty();
        assertThat(Cors.isMalformed(null)).isFalse();
    }
}
