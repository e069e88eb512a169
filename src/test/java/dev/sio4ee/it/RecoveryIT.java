package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.it.app.RecoverySetup;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official Node {@code socket.io-client} 4.8 against a WAR with connection-state recovery on
 * ({@link RecoverySetup}), over polling, WebSocket and polling upgraded to WebSocket: the server drops the engine
 * transport (as a network cut would) and the client reconnects by itself; dropped in the middle of a stream of
 * numbered messages, the client gets its socket back (same id, rooms, data) and every number exactly once, in order.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RecoveryIT {

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("recovery", new String[0], RecoverySetup.class);
    }

    private JsonObject run(String mode, String scenario) throws Exception {
        JsonObject r = NodeClient.run(60, "socketio-recovery.mjs", Deployments.loopback(deployed).toString(), mode,
                scenario);
        assertThat(r.getBoolean("ok")).as("client result %s", r).isTrue();
        assertThat(r.getString("firstTransport")).isEqualTo(mode.equals("polling") ? "polling" : "websocket");
        assertThat(r.getString("lastTransport")).isEqualTo(mode.equals("polling") ? "polling" : "websocket");
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket", "upgrade"})
    void shouldReconnectByItselfAfterTheServerDropsTheTransport(String mode) throws Exception {
        JsonObject r = run(mode, "reconnect");
        assertThat(r.getJsonArray("reasons").getJsonObject(0).getString("reason")).as("%s", r)
                .isIn("transport close", "transport error");
        assertThat(r.getJsonArray("connects")).hasSize(2);
        // as with socket.io 4.8: a client that got no event has no offset to send, so it gets a new session
        assertThat(r.getJsonArray("connects").getJsonObject(1).getBoolean("recovered")).isFalse();
        assertThat(r.getString("echo")).isEqualTo("again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket", "upgrade"})
    void shouldRecoverTheSessionWithNoMessageLost(String mode) throws Exception {
        JsonObject r = run(mode, "recovery");
        System.out.println("recovery over " + mode + ": disconnect " + r.getJsonArray("reasons") + ", connects "
                + r.getJsonArray("connects") + ", " + r.getJsonArray("received").size() + " numbers");
        int dropAt = r.getInt("dropAt");
        assertThat(r.getJsonArray("reasons").getJsonObject(0).getInt("received"))
                .as("nothing after the drop can come through the dropped session").isLessThanOrEqualTo(dropAt);
        assertThat(r.getString("streaming")).isEqualTo("streaming");
        assertThat(r.getJsonArray("reasons")).as("%s", r).hasSize(1);
        JsonArray connects = r.getJsonArray("connects");
        assertThat(connects).as("%s", r).hasSize(2);
        assertThat(connects.getJsonObject(0).getBoolean("recovered")).isFalse();
        assertThat(connects.getJsonObject(1).getBoolean("recovered")).isTrue();
        assertThat(r.getString("secondId")).isEqualTo(r.getString("firstId"));
        assertThat(r.getBoolean("recovered")).isTrue();

        JsonObject state = r.getJsonObject("state");
        assertThat(state.getString("id")).isEqualTo(r.getString("firstId"));
        assertThat(state.getBoolean("recovered")).isTrue();
        assertThat(state.getJsonArray("rooms").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactlyInAnyOrder(r.getString("firstId"), "numbers");
        assertThat(state.getJsonObject("data").getString("user")).isEqualTo("alice");

        int count = r.getInt("count");
        List<Integer> received = r.getJsonArray("received").getValuesAs(JsonNumber::intValue);
        assertThat(received).as("every number once, in order")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, count).boxed().toList());
    }
}
