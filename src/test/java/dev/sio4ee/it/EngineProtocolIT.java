package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.it.app.DenyFlaggedRequests;
import dev.sio4ee.it.app.EchoEngine;
import dev.sio4ee.it.app.StatsServlet;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Engine.IO v4 on the real server (Payara Micro, then WildFly), section by section of the spec, spoken with the
 * JDK's raw HTTP and WebSocket clients against a WAR whose application echoes every message.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EngineProtocolIT {
    static final int PING_INTERVAL = 1500;
    static final int PING_TIMEOUT = 1500;
    static final int MAX_PAYLOAD = 100_000;

    @ArquillianResource
    URL deployed;
    RawEngine engine;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("engine", new String[] {
            "dev.sio4ee.PING_INTERVAL", String.valueOf(PING_INTERVAL),
            "dev.sio4ee.PING_TIMEOUT", String.valueOf(PING_TIMEOUT),
            "dev.sio4ee.MAX_HTTP_BUFFER_SIZE", String.valueOf(MAX_PAYLOAD),
            "dev.sio4ee.CORS_ORIGINS", "http://allowed.example",
            "dev.sio4ee.CORS_CREDENTIALS", "true"
        }, EchoEngine.class, StatsServlet.class, DenyFlaggedRequests.class);
    }

    @BeforeEach
    void setUp() {
        engine = new RawEngine(deployed);
    }

    @Test
    void shouldHandshakeOverPolling() throws Exception {
        HttpResponse<String> r = engine.get("EIO=4&transport=polling");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
        assertThat(r.body()).startsWith("0{").contains("\"upgrades\":[\"websocket\"]")
                .contains("\"pingInterval\":" + PING_INTERVAL).contains("\"pingTimeout\":" + PING_TIMEOUT)
                .contains("\"maxPayload\":" + MAX_PAYLOAD);
        assertThat(RawEngine.sid(r.body())).matches("[A-Za-z0-9_-]{20}");
    }

    @Test
    void shouldAnswerEveryErrorLikeTheNodeServer() throws Exception {
        assertError(engine.get("EIO=4&transport=carrier-pigeon"), 400, 0, "Transport unknown");
        assertError(engine.get("EIO=4&transport=polling&sid=nope"), 400, 1, "Session ID unknown");
        assertError(engine.post("EIO=4&transport=polling", "4hi"), 400, 2, "Bad handshake method");
        assertError(engine.get("EIO=4&transport=websocket"), 400, 3, "Bad request");
        assertError(engine.get("EIO=3&transport=polling"), 400, 5, "Unsupported protocol version");
        assertError(engine.get("transport=polling"), 400, 5, "Unsupported protocol version");
        assertError(engine.get("EIO=4&transport=polling", "Origin", "http://evil.example"), 403, 4, "Forbidden");
    }

    @Test
    void shouldRefuseWrongMethodsWithoutLosingTheSession() throws Exception {
        String sid = engine.handshake();
        HttpResponse<String> put = engine.send("PUT", "EIO=4&transport=polling&sid=" + sid, "4x".getBytes());
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(engine.post("EIO=4&transport=polling&sid=" + sid, "4still-here").body()).isEqualTo("ok");
        assertThat(engine.get("EIO=4&transport=polling&sid=" + sid).body()).isEqualTo("4still-here");
    }

    @Test
    void shouldEchoTextAndBinaryOverPolling() throws Exception {
        String sid = engine.handshake();
        String q = "EIO=4&transport=polling&sid=" + sid;
        HttpResponse<String> post = engine.post(q, "4hello\u001e4€ ünïcode 🎉\u001ebAQID");
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).isEqualTo("ok");
        StringBuilder received = new StringBuilder();
        while (received.toString().split("\u001e").length < 3) {
            String body = engine.get(q).body();
            received.append(received.length() > 0 ? "\u001e" : "").append(body);
        }
        assertThat(received.toString()).isEqualTo("4hello\u001e4€ ünïcode 🎉\u001ebAQID");
    }

    @Test
    void shouldKeepAPollingGetWaitingUntilThereIsData() throws Exception {
        String sid = engine.handshake();
        String q = "EIO=4&transport=polling&sid=" + sid;
        CompletableFuture<HttpResponse<String>> pending = engine.getAsync(q);
        Thread.sleep(300);
        assertThat(pending).isNotDone();
        engine.post(q, "4wake up");
        assertThat(pending.get(10, TimeUnit.SECONDS).body()).isEqualTo("4wake up");
    }

    @Test
    void shouldCloseTheSessionOnASecondConcurrentGet() throws Exception {
        String sid = engine.handshake();
        String q = "EIO=4&transport=polling&sid=" + sid;
        CompletableFuture<HttpResponse<String>> first = engine.getAsync(q);
        Thread.sleep(300);
        HttpResponse<String> second = engine.get(q);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(first.get(10, TimeUnit.SECONDS).body()).isEqualTo("1");
        assertError(engine.get(q), 400, 1, "Session ID unknown");
    }

    @Test
    void shouldPingAndTimeOutWithoutPong() throws Exception {
        String sid = engine.handshake();
        String q = "EIO=4&transport=polling&sid=" + sid;
        long start = System.nanoTime();
        assertThat(engine.get(q).body()).isEqualTo("2");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(PING_INTERVAL - 200);
        assertThat(engine.post(q, "3").body()).isEqualTo("ok");
        assertThat(engine.get(q).body()).isEqualTo("2"); // still alive: the next ping
        // no pong this time: the session dies after pingTimeout
        Thread.sleep(PING_TIMEOUT + 1500);
        assertError(engine.get(q), 400, 1, "Session ID unknown");
    }

    @Test
    void shouldCloseOnClosePacketAndOnParseError() throws Exception {
        String sid = engine.handshake();
        String q = "EIO=4&transport=polling&sid=" + sid;
        assertThat(engine.post(q, "1").body()).isEqualTo("ok");
        assertError(engine.get(q), 400, 1, "Session ID unknown");

        String sid2 = engine.handshake();
        String q2 = "EIO=4&transport=polling&sid=" + sid2;
        HttpResponse<String> bad = engine.post(q2, "9garbage");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"code\":3");
        assertError(engine.get(q2), 400, 1, "Session ID unknown");
    }

    @Test
    void shouldRefuseOversizedPollingBodies() throws Exception {
        String sid = engine.handshake();
        String q = "EIO=4&transport=polling&sid=" + sid;
        HttpResponse<String> r = engine.post(q, "4" + "x".repeat(MAX_PAYLOAD + 10));
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void shouldApplyTheOriginPolicy() throws Exception {
        HttpResponse<String> allowed = engine.get("EIO=4&transport=polling", "Origin", "http://allowed.example");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://allowed.example");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        HttpResponse<String> preflight = engine.send("OPTIONS", "EIO=4&transport=polling", new byte[0],
                "Origin", "http://allowed.example", "Access-Control-Request-Method", "POST");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).get().asString().contains("POST");
        assertError(engine.get("EIO=4&transport=polling", "Origin", "http://evil.example"), 403, 4, "Forbidden");
    }

    @Test
    void shouldOpenADirectWebSocketAndEchoTextAndBinary() throws Exception {
        RawEngine.Ws ws = engine.ws("EIO=4&transport=websocket");
        String open = (String) ws.next();
        assertThat(open).startsWith("0{").contains("\"upgrades\":[]");
        ws.send("4hello");
        assertThat(ws.next()).isEqualTo("4hello");
        ws.send(new byte[] {1, 2, 3, (byte) 255});
        assertThat((byte[]) ws.next()).containsExactly(1, 2, 3, 255);
        ws.close();
    }

    @Test
    void shouldAcceptTheWebSocketPathWithoutTrailingSlash() throws Exception {
        RawEngine.Ws ws = engine.wsAt("socket.io", "EIO=4&transport=websocket");
        assertThat((String) ws.next()).startsWith("0{");
        ws.close();
    }

    @Test
    void shouldPingOverWebSocket() throws Exception {
        RawEngine.Ws ws = engine.ws("EIO=4&transport=websocket");
        ws.next();
        Object ping = ws.frames.poll(PING_INTERVAL + 3000, TimeUnit.MILLISECONDS);
        assertThat(ping).isEqualTo("2");
        ws.send("3");
        ws.close();
    }

    @Test
    void shouldCloseAWebSocketThatSendsGarbageOrTooMuch() throws Exception {
        RawEngine.Ws ws = engine.ws("EIO=4&transport=websocket");
        ws.next();
        ws.send("x-not-a-packet");
        assertThat(ws.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);

        RawEngine.Ws big = engine.ws("EIO=4&transport=websocket");
        big.next();
        big.send("4" + "y".repeat(MAX_PAYLOAD + 10));
        assertThat(big.closed.get(10, TimeUnit.SECONDS)).isIn(1009, 1006, -1);
    }

    @Test
    void shouldAskTheAllowRequestBeanOnBothTransports() throws Exception {
        assertError(engine.get("EIO=4&transport=polling&deny=1"), 403, 4, "denied by the test hook");
        // refused before the upgrade, as Node does: HTTP 400 with the hook's message
        assertRefusedUpgrade(engine.refusedUpgrade("EIO=4&transport=websocket&deny=1"), "denied by the test hook");
        RawEngine.Ws allowed = engine.ws("EIO=4&transport=websocket");
        assertThat((String) allowed.next()).startsWith("0{");
        allowed.close();
    }

    @Test
    void shouldRefuseWebSocketsFromForeignOrigins() throws Exception {
        assertRefusedUpgrade(engine.refusedUpgrade("EIO=4&transport=websocket", "Origin", "http://evil.example"),
                "Forbidden");
        RawEngine.Ws allowed = engine.ws("EIO=4&transport=websocket", "Origin", "http://allowed.example");
        assertThat((String) allowed.next()).startsWith("0{");
        allowed.close();
    }

    @Test
    void shouldRefuseWebSocketsWithAnUnknownSid() throws Exception {
        // refused before the upgrade, as Node does: HTTP 400 with the error text, no WebSocket at all
        assertRefusedUpgrade(engine.refusedUpgrade("EIO=4&transport=websocket&sid=unknown-sid"), "Session ID unknown");
        assertRefusedUpgrade(engine.refusedUpgrade("EIO=3&transport=websocket"), "Unsupported protocol version");
        assertRefusedUpgrade(engine.refusedUpgrade("EIO=4&transport=polling"), "Bad request");
    }

    private static void assertRefusedUpgrade(String answer, String message) {
        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(answer.toLowerCase(java.util.Locale.ROOT)).doesNotContain("upgrade: websocket");
        assertThat(answer).endsWith("\r\n\r\n" + message);
    }

    @Test
    void shouldUpgradeFromPollingToWebSocketWithoutLosingPackets() throws Exception {
        String sid = engine.handshake();
        String q = "EIO=4&transport=polling&sid=" + sid;
        CompletableFuture<HttpResponse<String>> pending = engine.getAsync(q);
        Thread.sleep(200);
        RawEngine.Ws ws = engine.ws("EIO=4&transport=websocket&sid=" + sid);
        ws.send("2probe");
        assertThat(ws.next()).isEqualTo("3probe");
        // the pending GET is released with a noop so the client can pause polling
        assertThat(pending.get(10, TimeUnit.SECONDS).body()).isEqualTo("6");
        // messages sent while the switch is in progress wait in the buffer
        engine.post(q, "4during-1\u001e4during-2");
        ws.send("5");
        ws.send("4after");
        List<Object> got = new ArrayList<>();
        while (got.size() < 3) {
            got.add(ws.next());
        }
        assertThat(got).containsExactly("4during-1", "4during-2", "4after");
        // polling is over for this session
        assertError(engine.get(q), 400, 3, "Bad request");
        ws.close();
    }

    /**
     * A polling request, then a WebSocket upgrade on the same keep-alive TCP connection, closed at once, many
     * times: the POST answered inside its request, the GET answered inside its request, and the GET that waits and
     * is answered from another thread, in turn. Payara Micro reuses a connection's request objects for the next
     * request; a polling request completed from inside its own dispatch left them marked, and the upgrade that
     * reused them was recycled under its own thread when its WebSocket closed (then the socket got no frame, and
     * the server log a NullPointerException or IllegalStateException and Weld leak warnings).
     */
    @Test
    void shouldServePollingThenAnUpgradeOnOneKeepAliveConnection() throws Exception {
        for (int i = 0; i < Integer.getInteger("it.keepalive.rounds", 150); i++) {
            String sid = engine.handshake();
            String q = "EIO=4&transport=polling&sid=" + sid;
            String message = "4round-" + i;
            try (RawEngine.KeepAlive c = engine.keepAlive()) {
                switch (i % 3) {
                    case 0 -> assertThat(c.post(q, message)).as("round %d", i).isEqualTo("200 ok");
                    case 1 -> {
                        assertThat(engine.post(q, message).body()).isEqualTo("ok");
                        assertThat(c.get(q)).as("round %d", i).isEqualTo("200 " + message);
                    }
                    default -> {
                        CompletableFuture<HttpResponse<String>> post = CompletableFuture.supplyAsync(() -> {
                            try {
                                Thread.sleep(5); // the GET waits, mostly
                                return engine.post(q, message);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                        assertThat(c.get(q)).as("round %d", i).isEqualTo("200 " + message);
                        assertThat(post.get(10, TimeUnit.SECONDS).body()).isEqualTo("ok");
                    }
                }
                assertThat(c.upgrade("EIO=4&transport=websocket")).as("round %d", i).startsWith("HTTP/1.1 101");
                assertThat(c.frame()).as("round %d", i).startsWith("0{");
                c.sendFrame(1, utf8("4ws-" + i));
                assertThat(c.frame()).as("round %d", i).isEqualTo("4ws-" + i);
                c.sendFrame(8, new byte[] {0x03, (byte) 0xe8}); // close, and the socket right after it
            }
        }
    }

    /**
     * The application closes WebSockets, many in a row, each while its client is answering: on Payara Micro a
     * close on the observer's thread raced with the reading of the client's own close frame (the container
     * recycled the upgrade request's objects while they were still read: NullPointerExceptions in the server log,
     * and those objects then serving two later requests). The server closes on the connection's reading thread.
     */
    @Test
    void shouldCloseWebSocketsFromTheApplicationOneAfterAnother() throws Exception {
        for (int i = 0; i < 200; i++) {
            RawEngine.Ws ws = engine.ws("EIO=4&transport=websocket");
            assertThat((String) ws.next()).startsWith("0{");
            ws.send("4close-me");
            assertThat(ws.closed.get(10, TimeUnit.SECONDS)).as("round %d", i).isEqualTo(1000);
        }
    }

    @Test
    void shouldLeaveNoSessionBehind() throws Exception {
        for (int i = 0; i < 100; i++) {
            String sid = engine.handshake();
            engine.post("EIO=4&transport=polling&sid=" + sid, "1");
        }
        for (int i = 0; i < 20; i++) {
            RawEngine.Ws ws = engine.ws("EIO=4&transport=websocket");
            ws.next();
            ws.send("4close-me");
            ws.closed.get(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 20; i++) {
            RawEngine.Ws ws = engine.ws("EIO=4&transport=websocket");
            ws.next();
            ws.close();
            ws.closed.get(10, TimeUnit.SECONDS);
        }
        // sessions of other tests end by ping timeout at the latest
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String stats;
        do {
            Thread.sleep(250);
            stats = engine.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    Deployments.loopback(deployed) + "test/stats")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } while (!stats.contains("\"clientsCount\":0") && System.nanoTime() < deadline);
        assertThat(stats).isEqualTo("{\"clientsCount\":0}");
    }

    private static void assertError(HttpResponse<String> r, int status, int code, String message) {
        assertThat(r.statusCode()).as("status of %s", r.uri()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(r.body()).isEqualTo("{\"code\":" + code + ",\"message\":\"" + message + "\"}");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
