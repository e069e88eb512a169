package dev.sio4ee.admin;

import static dev.sio4ee.admin.AdminWire.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.adapter.InMemoryBus;
import dev.sio4ee.engine.EngineOptions;
import dev.sio4ee.engine.EngineServer;
import dev.sio4ee.engine.ManualScheduler;
import dev.sio4ee.server.SocketIoOptions;
import dev.sio4ee.server.SocketIoServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One admin UI sees and steers every server of a cluster: two servers whose adapters share an in-memory bus (the
 * cluster protocol of socket.io-adapter, as the Redis adapters carry it), each instrumented, as Node's nodes each
 * call {@code instrument}; the UI connects to the first.
 */
class AdminClusterTest {
    private final InMemoryBus bus = new InMemoryBus();
    private final ManualScheduler clock = new ManualScheduler();
    private final SocketIoServer[] io = new SocketIoServer[2];
    private final EngineServer[] engines = new EngineServer[2];

    AdminClusterTest() {
        for (int i = 0; i < 2; i++) {
            engines[i] = new EngineServer(EngineOptions.defaults(), clock, Runnable::run);
            io[i] = new SocketIoServer(SocketIoOptions.defaults().withAdapter(bus.factory()), clock).attach(engines[i]);
            io[i].of("/chat");
            AdminUi.instrument(io[i], AdminOptions.withoutAuth().withServerId("node-" + i), clock::nowMillis);
        }
    }

    @AfterEach
    void close() {
        for (SocketIoServer s : io) {
            s.close();
        }
    }

    @Test
    void shouldShowEveryServersSocketsStatsAndEventsToOneUi() {
        AdminWire onB = new AdminWire(engines[1]);
        onB.send("0/chat,");
        String idB = onB.frames().get(0).replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");

        AdminWire ui = new AdminWire(engines[0]);
        ui.send("0/admin,");
        List<String> frames = ui.frames();
        JsonArray all = events(frames, "/admin", "all_sockets").get(0).getJsonArray(1);
        JsonObject remote = all.getValuesAs(JsonObject.class).stream().filter(s -> s.getString("id").equals(idB))
                .findFirst().orElseThrow();
        assertThat(remote.getString("nsp")).isEqualTo("/chat");
        assertThat(remote.getString("transport")).as("from data._admin, sent by the other server")
                .isEqualTo("websocket");
        assertThat(remote.getString("clientId")).hasSize(12);
        assertThat(remote.getJsonObject("data")).isEmpty();

        AdminWire another = new AdminWire(engines[1]);
        another.send("0/chat,");
        assertThat(events(ui.frames(), "/admin", "socket_connected")).as("a socket of the other server")
                .hasSize(1);

        clock.advance(AdminUi.STATS_INTERVAL);
        List<String> ids = events(ui.frames(), "/admin", "server_stats").stream()
                .map(e -> e.getJsonObject(1).getString("serverId")).toList();
        assertThat(ids).containsExactlyInAnyOrder("node-0", "node-1");

        ui.send("2/admin,[\"join\",\"/chat\",\"vip\",\"" + idB + "\"]");
        assertThat(io[1].of("/chat").sockets().get(idB).rooms()).contains("vip");
        assertThat(events(ui.frames(), "/admin", "room_joined")).anySatisfy(e -> {
            assertThat(e.getString(2)).isEqualTo("vip");
            assertThat(e.getString(3)).isEqualTo(idB);
        });
        ui.send("2/admin,[\"emit\",\"/chat\",\"vip\",\"news\",\"hi\"]");
        assertThat(onB.frames()).containsExactly("2/chat,[\"news\",\"hi\"]");
        ui.send("2/admin,[\"_disconnect\",\"/chat\",false,\"" + idB + "\"]");
        assertThat(onB.frames()).containsExactly("1/chat,");
        assertThat(events(ui.frames(), "/admin", "socket_disconnected")).anySatisfy(e -> assertThat(e.getString(2))
                .isEqualTo(idB));
    }
}
