package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.it.app.RoomsSetup;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.util.function.IntPredicate;
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
 * Rooms and broadcasting at scale with the official Node {@code socket.io-client} 4.8: 200 concurrent clients (a
 * quarter of them on long-polling) in ten rooms each receive exactly the broadcasts meant for them ({@code to},
 * unions, {@code except}, {@code local}, {@code broadcast}); {@code fetchSockets}, {@code socketsJoin},
 * {@code socketsLeave} and {@code disconnectSockets} on a room; volatile bursts; catch-all listeners.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SocketIoFeaturesIT {
    private static final int N = 200;

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("features", new String[0], RoomsSetup.class);
    }

    @Test
    void shouldDeliverEachBroadcastToExactlyTheClientsOfItsRooms() throws Exception {
        JsonObject r = NodeClient.run(110, "socketio-rooms.mjs", Deployments.loopback(deployed).toString(),
                String.valueOf(N));
        assertThat(r.getBoolean("ok")).as("client result %s", r).isTrue();
        assertThat(r.getInt("distinctIds")).isEqualTo(N);
        assertThat(r.getJsonArray("headerMismatches")).as("a socket saw another client's handshake headers").isEmpty();
        assertThat(r.getString("fanoutAck")).isEqualTo("sent");
        JsonObject counts = r.getJsonObject("counts");
        expect(counts, "room-msg", i -> true);
        assertThat(r.getJsonArray("wrongRoomPayload")).as("a room message reached another room").isEmpty();
        expect(counts, "not-r0", i -> i % 10 != 0);
        expect(counts, "r1-or-r2", i -> i % 10 == 1 || i % 10 == 2);
        expect(counts, "even-not-r4", i -> i % 2 == 0 && i % 10 != 4);
        expect(counts, "local-all", i -> true);
        expect(counts, "broadcast-others", i -> i != 0);
        expect(counts, "fanout-done", i -> true);
        assertThat(r.getString("fetchSocketsR5")).isEqualTo("match");
        expect(counts, "via-sockets-join", i -> i % 10 == 6);
        expect(counts, "odd-after-leave", i -> i % 2 == 1 && i % 10 != 7);
        expect(counts, "utilities-done", i -> true);
        assertThat(r.getString("kickAck")).isEqualTo("kicked");
        JsonArray reasons = r.getJsonArray("reasons");
        for (int i = 0; i < N; i++) {
            assertThat(reasons.getString(i)).as("client %d", i)
                    .isEqualTo(i % 10 == 9 ? "io server disconnect" : "connected");
        }
    }

    /** Every client i got the event exactly once if {@code meant.test(i)}, else never. */
    private static void expect(JsonObject counts, String event, IntPredicate meant) {
        JsonArray got = counts.getJsonArray(event);
        assertThat(got).hasSize(N);
        for (int i = 0; i < N; i++) {
            assertThat(got.getInt(i)).as("%s received by client %d", event, i).isEqualTo(meant.test(i) ? 1 : 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void shouldDropVolatileEventsOnlyWhenTheTransportIsNotWritable(String mode) throws Exception {
        JsonObject r = NodeClient.run(40, "socketio-features.mjs", Deployments.loopback(deployed).toString(), mode);
        assertThat(r.getBoolean("ok")).as("client result %s", r).isTrue();
        assertThat(r.getString("address")).as("handshake address over " + mode).isEqualTo("127.0.0.1");
        assertThat(r.getInt("burst")).isEqualTo(20);
        JsonArray volatiles = r.getJsonArray("volatiles");
        if (mode.equals("websocket")) {
            // a WebSocket queues frames: it is always writable, nothing is dropped
            assertThat(volatiles).hasSize(20);
        } else {
            // the held GET answers once; the rest of the burst finds no writable transport and is dropped
            assertThat(volatiles.size()).isLessThan(20);
        }
        for (int i = 1; i < volatiles.size(); i++) {
            assertThat(volatiles.getInt(i)).as("in order").isGreaterThan(volatiles.getInt(i - 1));
        }
        JsonObject seen = r.getJsonObject("serverSeen");
        assertThat(seen.getJsonArray("incoming").getValuesAs(JsonString::getString))
                .containsExactly("address", "volatile-burst", "hello", "seen");
        // "ready", 20 volatile (dropped ones too, as in Node), "v-done"
        assertThat(seen.getInt("outgoing")).isEqualTo(22);
        assertThat(r.getJsonArray("clientSeen").getValuesAs(JsonString::getString)).startsWith("ready").endsWith("v-done");
    }
}
