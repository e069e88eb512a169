package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.it.app.EchoSetup;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official Node {@code socket.io-client} 4.8 against the deployed WAR, whose Socket.IO handlers are set up
 * by a CDI bean ({@link EchoSetup}): events and acks both ways with JSON and binary, rooms, a guarded
 * namespace, an unknown namespace, over polling, WebSocket and polling upgraded to WebSocket.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SocketIoClientIT {

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("socketio", new String[0], EchoSetup.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket", "upgrade"})
    void shouldSpeakSocketIoWithTheOfficialNodeClient(String mode) throws Exception {
        JsonObject r = NodeClient.run(40, "socketio-client.mjs", Deployments.loopback(deployed).toString(), mode);
        assertThat(r.getBoolean("ok")).as("client result %s", r).isTrue();
        assertThat(r.getBoolean("idOk")).as("socket id is 20 chars and matches the welcome").isTrue();
        assertThat(r.getString("transport")).isEqualTo(mode.equals("polling") ? "polling" : "websocket");
        JsonArray echo = r.getJsonArray("echo");
        assertThat(echo.getString(0)).isEqualTo("text");
        assertThat(echo.getInt(1)).isEqualTo(42);
        assertThat(echo.getJsonObject(2).toString()).isEqualTo("{\"nested\":[1,\"two\",null]}");
        assertThat(echo.getJsonArray(3).toString()).isEqualTo("[1,2,3]");
        assertThat(r.getJsonArray("event").toString()).isEqualTo("[\"bin\",[255,0]]");
        assertThat(r.getInt("answer")).isEqualTo(4);
        assertThat(r.getString("joinAck")).isEqualTo("joined r1");
        assertThat(r.getString("room")).isEqualTo("hello room");
        assertThat(r.getInt("outsiderGot")).isZero();
        assertThat(r.getJsonObject("refused").getString("message")).isEqualTo("not authorized");
        assertThat(r.getJsonObject("refused").getJsonObject("data").getInt("code")).isEqualTo(401);
        assertThat(r.getString("guarded")).isEqualTo("guarded");
        assertThat(r.getString("invalidNamespace")).isEqualTo("Invalid namespace");
        assertThat(r.getString("clientReason")).isEqualTo("io client disconnect");
    }

    @Test
    void shouldServeTheOfficialClientBundleLikeServeClient() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
        String base = Deployments.loopback(deployed) + "socket.io/";
        HttpResponse<String> min = http.send(HttpRequest.newBuilder(URI.create(base + "socket.io.min.js"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(min.statusCode()).isEqualTo(200);
        // Undertow rewrites "type; charset=x" as "type;charset=x": both are the same header value
        assertThat(min.headers().firstValue("Content-Type").map(t -> t.replace(" ", "")))
                .hasValue("application/javascript;charset=utf-8");
        assertThat(min.headers().firstValue("ETag")).hasValue("\"4.8.1\"");
        assertThat(min.headers().firstValue("Cache-Control")).hasValue("public, max-age=0");
        assertThat(min.body()).startsWith("/*!\n * Socket.IO v4.8.1");

        HttpResponse<String> map = http.send(HttpRequest.newBuilder(URI.create(base + "socket.io.js.map?v=1"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(map.statusCode()).isEqualTo(200);
        assertThat(map.headers().firstValue("Content-Type").map(t -> t.replace(" ", "")))
                .hasValue("application/json;charset=utf-8");

        HttpResponse<String> cached = http.send(HttpRequest.newBuilder(URI.create(base + "socket.io.js"))
                .header("If-None-Match", "W/\"4.8.1\"").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cached.statusCode()).isEqualTo(304);
        assertThat(cached.body()).isEmpty();

        HttpResponse<String> engine = http.send(HttpRequest.newBuilder(URI.create(base + "?EIO=4&transport=polling"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(engine.statusCode()).as("the Engine.IO handshake still works").isEqualTo(200);
        assertThat(engine.body()).startsWith("0{\"sid\":");
    }
}
