package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.it.app.EchoEngine;
import dev.sio4ee.it.app.StatsServlet;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official {@code engine.io-client} from npm, run under Node.js against the deployed WAR: polling only,
 * WebSocket only, and polling upgraded to WebSocket, exchanging text and binary messages with the echo app.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EngineClientIT {

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("engine-client", new String[] {
            "dev.sio4ee.PING_INTERVAL", "1000", "dev.sio4ee.PING_TIMEOUT", "2000"
        }, EchoEngine.class, StatsServlet.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket", "upgrade"})
    void shouldExchangeTextAndBinaryWithTheOfficialClient(String mode) throws Exception {
        JsonObject r = NodeClient.run(40, "engine-client.mjs", Deployments.loopback(deployed).toString(), mode);
        assertThat(r.getBoolean("ok")).as("client result %s", r).isTrue();
        JsonArray received = r.getJsonArray("received");
        assertThat(received.getString(0)).isEqualTo("hello");
        assertThat(received.getString(1)).isEqualTo("unicode € 🎉");
        assertThat(received.getJsonObject(2).getJsonArray("binary").getValuesAs(JsonValue::toString))
                .containsExactly("1", "2", "3", "255");
        assertThat(received.getString(3)).hasSize(50000);
        String expectedTransport = mode.equals("polling") ? "polling" : "websocket";
        assertThat(r.getString("transport")).isEqualTo(expectedTransport);
        assertThat(r.getBoolean("upgraded")).isEqualTo(mode.equals("upgrade"));
        List<String> events = r.getJsonArray("events").getValuesAs(v -> ((jakarta.json.JsonString) v).getString());
        assertThat(events.get(0)).isEqualTo("open:" + (mode.equals("websocket") ? "websocket" : "polling"));
        assertThat(events).last().asString().startsWith("close:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket"})
    void shouldKeepTheSessionAliveAcrossHeartbeats(String mode) throws Exception {
        JsonObject r = NodeClient.run(40, "engine-heartbeat.mjs", Deployments.loopback(deployed).toString(), mode);
        assertThat(r.getBoolean("ok")).as("client result %s", r).isTrue();
        assertThat(r.getInt("pings")).isGreaterThanOrEqualTo(3);
        assertThat(r.getJsonArray("closes")).isEmpty();
    }
}
