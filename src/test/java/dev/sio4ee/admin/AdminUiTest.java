package dev.sio4ee.admin;

import static dev.sio4ee.admin.AdminWire.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio4ee.engine.EngineOptions;
import dev.sio4ee.engine.EngineServer;
import dev.sio4ee.engine.ManualScheduler;
import dev.sio4ee.server.Socket;
import dev.sio4ee.server.SocketIoOptions;
import dev.sio4ee.server.SocketIoServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The admin UI's protocol (@socket.io/admin-ui 0.5) against the server API, on fake WebSockets and a manual clock. */
class AdminUiTest {
    /** bcryptjs.hashSync("changeit", 4), made by Node's bcryptjs 2.4.3 (the admin UI's own dependency). */
    static final String HASH = "$2a$04$9oczxQzuHRVmGyrsPkMYi.1XcOpJN1FNpDRhDnusUKUzUvEHvNO.6";

    final ManualScheduler clock = new ManualScheduler();
    final EngineServer engine = new EngineServer(EngineOptions.defaults(), clock, Runnable::run);
    final SocketIoServer io = new SocketIoServer(SocketIoOptions.defaults(), clock).attach(engine);

    AdminUi instrument(AdminOptions options) {
        return AdminUi.instrument(io, options, clock::nowMillis);
    }

    static String login(String user, String password) {
        return "0/admin,{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void shouldRefuseAWrongPasswordWithTheMessageTheUiExpects() {
        instrument(AdminOptions.withAuth(AdminAuth.bcrypt("admin", HASH)));
        AdminWire ui = new AdminWire(engine);
        ui.send(login("admin", "wrong"));
        assertThat(ui.frames()).containsExactly("4/admin,{\"message\":\"invalid credentials\"}");
        ui.send(login("root", "changeit"));
        assertThat(ui.frames()).containsExactly("4/admin,{\"message\":\"invalid credentials\"}");
        ui.send("0/admin,");
        assertThat(ui.frames()).containsExactly("4/admin,{\"message\":\"invalid credentials\"}");
    }

    @Test
    void shouldGiveASessionThatLogsInAgainUntilItExpires() {
        instrument(AdminOptions.withAuth(AdminAuth.bcrypt("admin", HASH)).withSessionDuration(60_000));
        AdminWire ui = new AdminWire(engine);
        ui.send(login("admin", "changeit"));
        List<String> frames = ui.frames();
        assertThat(frames).anyMatch(f -> f.startsWith("0/admin,{\"sid\":"));
        List<JsonArray> session = events(frames, "/admin", "session");
        assertThat(session).hasSize(1);
        String id = session.get(0).getString(1);
        assertThat(id).matches("[0-9a-f]{16}");

        AdminWire again = new AdminWire(engine);
        again.send("0/admin,{\"sessionId\":\"" + id + "\"}");
        List<String> second = again.frames();
        assertThat(second).anyMatch(f -> f.startsWith("0/admin,{\"sid\":"));
        assertThat(events(second, "/admin", "session")).isEmpty();

        clock.advance(60_000);
        AdminWire late = new AdminWire(engine);
        late.send("0/admin,{\"sessionId\":\"" + id + "\"}");
        assertThat(late.frames()).contains("4/admin,{\"message\":\"invalid credentials\"}");
    }

    @Test
    void shouldRefuseAPasswordThatIsNotABcryptHash() {
        assertThatThrownBy(() -> AdminAuth.bcrypt("admin", "changeit"))
                .hasMessageContaining("valid bcrypt hash");
        assertThat(AdminAuth.bcrypt("admin", "$2a$10$Mo/DoyBMaZDBnp4FNyDlLeO.vNTR1SMa9aG6xdw9adN8nwMcX6JvS")
                .check("admin", "changeit")).isTrue();
    }

    @Test
    void shouldSendConfigAndAllSocketsOnConnection() {
        instrument(AdminOptions.withoutAuth());
        io.of("/chat").onConnection(s -> s.join("lobby"));
        AdminWire client = new AdminWire(engine);
        client.send("0/chat,");
        AdminWire ui = new AdminWire(engine);
        ui.send("0/admin,");
        List<String> frames = ui.frames();
        JsonObject config = events(frames, "/admin", "config").get(0).getJsonObject(1);
        assertThat(config.getJsonArray("supportedFeatures").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT",
                        "AGGREGATED_EVENTS", "ALL_EVENTS");
        JsonArray all = events(frames, "/admin", "all_sockets").get(0).getJsonArray(1);
        JsonObject chat = all.getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("nsp").equals("/chat")).findFirst().orElseThrow();
        assertThat(chat.getString("id")).hasSize(20);
        assertThat(chat.getString("clientId")).hasSize(12);
        assertThat(chat.getString("transport")).isEqualTo("websocket");
        assertThat(chat.getJsonArray("rooms").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly(chat.getString("id"), "lobby");
        assertThat(chat.getJsonObject("data")).isEmpty();
        JsonObject handshake = chat.getJsonObject("handshake");
        assertThat(handshake.getString("address")).isEqualTo("203.0.113.7");
        assertThat(handshake.getJsonObject("headers").getString("user-agent")).isEqualTo("admin-test");
        assertThat(handshake).containsKeys("query", "issued", "secure", "time", "url", "xdomain")
                .doesNotContainKey("auth");
        // the admin socket itself is listed too, as in Node
        assertThat(all.getValuesAs(JsonObject.class)).anyMatch(s -> s.getString("nsp").equals("/admin"));
    }

    @Test
    void shouldSendServerStatsEveryTwoSeconds() {
        instrument(AdminOptions.withoutAuth().withServerId("node-1"));
        AdminWire ui = new AdminWire(engine);
        ui.send("0/admin,");
        AdminWire client = new AdminWire(engine);
        client.send("0");
        client.send("2[\"hello\",\"é\"]");
        client.close();
        ui.frames();
        clock.advance(AdminUi.STATS_INTERVAL);
        List<JsonArray> stats = events(ui.frames(), "/admin", "server_stats");
        assertThat(stats).hasSize(1);
        JsonObject s = stats.get(0).getJsonObject(1);
        assertThat(s.getString("serverId")).isEqualTo("node-1");
        assertThat(s.getJsonNumber("pid").longValue()).isEqualTo(ProcessHandle.current().pid());
        assertThat(s.getInt("clientsCount")).isEqualTo(1);
        assertThat(s.getInt("pollingClientsCount")).isZero();
        assertThat(s.getJsonNumber("uptime").doubleValue()).isPositive();
        assertThat(s.getJsonArray("namespaces").getValuesAs(JsonObject.class))
                .anySatisfy(n -> {
                    assertThat(n.getString("name")).isEqualTo("/admin");
                    assertThat(n.getInt("socketsCount")).isEqualTo(1);
                });
        List<JsonObject> agg = s.getJsonArray("aggregatedEvents").getValuesAs(JsonObject.class);
        assertThat(count(agg, "rawConnection", null)).isEqualTo(2);
        assertThat(count(agg, "rawDisconnection", "transport close")).isEqualTo(1);
        // in: two CONNECTs and the event; the event's data 2["hello","é"] is 15 bytes in UTF-8
        assertThat(count(agg, "packetsIn", null)).isEqualTo(3);
        assertThat(count(agg, "bytesIn", null)).isEqualTo("0/admin,".length() + 1 + 15);
        assertThat(count(agg, "packetsOut", null)).isGreaterThanOrEqualTo(4);
        assertThat(agg).allSatisfy(e -> assertThat(e.getJsonNumber("timestamp").longValue() % 1000).isZero());

        clock.advance(AdminUi.STATS_INTERVAL);
        JsonObject next = events(ui.frames(), "/admin", "server_stats").get(0).getJsonObject(1);
        assertThat(count(next.getJsonArray("aggregatedEvents").getValuesAs(JsonObject.class), "rawConnection", null))
                .as("the buckets are cleared at each emission").isZero();
    }

    private static long count(List<JsonObject> events, String type, String subType) {
        return events.stream().filter(e -> e.getString("type").equals(type))
                .filter(e -> subType == null || subType.equals(e.getString("subType", null)))
                .mapToLong(e -> e.getJsonNumber("count").longValue()).sum();
    }

    @Test
    void shouldTellTheLifeOfEverySocketInDevelopmentMode() {
        instrument(AdminOptions.withoutAuth());
        AtomicReference<Socket> server = new AtomicReference<>();
        io.of("/chat").onConnection(s -> {
            server.set(s);
            s.on("ping", (args, ack) -> {
                s.join("pinged");
                s.emit("pong", args.get(0));
            });
        });
        AdminWire ui = new AdminWire(engine);
        ui.send("0/admin,");
        ui.frames();
        AdminWire client = new AdminWire(engine);
        client.send("0/chat,");
        List<String> frames = ui.frames();
        JsonArray connected = events(frames, "/admin", "socket_connected").get(0);
        String id = connected.getJsonObject(1).getString("id");
        assertThat(connected.getJsonObject(1).getString("nsp")).isEqualTo("/chat");
        assertThat(connected.getString(2)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(events(frames, "/admin", "room_joined")).anySatisfy(e -> {
            assertThat(e.getString(1)).isEqualTo("/chat");
            assertThat(e.getString(3)).isEqualTo(id);
        });

        client.send("2/chat,[\"ping\",42]");
        frames = ui.frames();
        assertThat(events(frames, "/admin", "event_received").get(0).toString())
                .startsWith("[\"event_received\",\"/chat\",\"" + id + "\",[\"ping\",42],");
        assertThat(events(frames, "/admin", "room_joined")).anySatisfy(e -> assertThat(e.getString(2))
                .isEqualTo("pinged"));
        assertThat(events(frames, "/admin", "event_sent").get(0).toString())
                .startsWith("[\"event_sent\",\"/chat\",\"" + id + "\",[\"pong\",42],");

        server.get().data().put("user", "alice");
        JsonObject updated = events(ui.frames(), "/admin", "socket_updated").get(0).getJsonObject(1);
        assertThat(updated.toString()).isEqualTo("{\"id\":\"" + id + "\",\"nsp\":\"/chat\",\"data\":{\"user\":\"alice\"}}");

        server.get().leave("pinged");
        assertThat(events(ui.frames(), "/admin", "room_left")).anySatisfy(e -> assertThat(e.getString(2))
                .isEqualTo("pinged"));

        client.send("1/chat,");
        frames = ui.frames();
        JsonArray gone = events(frames, "/admin", "socket_disconnected").get(0);
        assertThat(gone.getString(1)).isEqualTo("/chat");
        assertThat(gone.getString(2)).isEqualTo(id);
        assertThat(gone.getString(3)).isEqualTo("client namespace disconnect");
    }

    @Test
    void shouldActOnTheSocketsTheUiPoints() {
        instrument(AdminOptions.withoutAuth());
        io.of("/chat");
        AdminWire a = new AdminWire(engine);
        a.send("0/chat,");
        AdminWire b = new AdminWire(engine);
        b.send("0/chat,");
        String sidA = a.frames().get(0).replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
        b.frames();
        AdminWire ui = new AdminWire(engine);
        ui.send("0/admin,");
        ui.frames();

        ui.send("2/admin,[\"join\",\"/chat\",\"vip\",\"" + sidA + "\"]");
        assertThat(io.of("/chat").sockets().get(sidA).rooms()).contains("vip");
        ui.send("2/admin,[\"emit\",\"/chat\",\"vip\",\"news\",\"for vips\",{\"n\":1}]");
        assertThat(a.frames()).containsExactly("2/chat,[\"news\",\"for vips\",{\"n\":1}]");
        assertThat(b.frames()).isEmpty();
        ui.send("2/admin,[\"emit\",\"/chat\",null,\"news\",\"for all\"]");
        assertThat(a.frames()).containsExactly("2/chat,[\"news\",\"for all\"]");
        assertThat(b.frames()).containsExactly("2/chat,[\"news\",\"for all\"]");
        ui.send("2/admin,[\"leave\",\"/chat\",\"vip\",\"" + sidA + "\"]");
        assertThat(io.of("/chat").sockets().get(sidA).rooms()).doesNotContain("vip");
        ui.send("2/admin,[\"join\",\"/chat\",\"everyone\"]");
        assertThat(io.of("/chat").sockets().values()).allSatisfy(s -> assertThat(s.rooms()).contains("everyone"));
        ui.send("2/admin,[\"emit\",\"/nowhere\",null,\"news\",\"x\"]");
        assertThat(io.namespaces()).doesNotContainKey("/nowhere");
        ui.send("2/admin,[\"_disconnect\",\"/chat\",false,\"" + sidA + "\"]");
        assertThat(a.frames()).containsExactly("1/chat,");
        assertThat(io.of("/chat").sockets()).hasSize(1);
        ui.send("2/admin,[\"_disconnect\",\"/chat\",true]");
        assertThat(b.peer.closed()).isTrue();
        assertThat(io.of("/chat").sockets()).isEmpty();
    }

    @Test
    void shouldRefuseTheActionsWhenReadOnly() {
        instrument(AdminOptions.withoutAuth().withReadOnly(true));
        io.of("/chat");
        AdminWire a = new AdminWire(engine);
        a.send("0/chat,");
        String sidA = a.frames().get(0).replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
        AdminWire ui = new AdminWire(engine);
        ui.send("0/admin,");
        JsonObject config = events(ui.frames(), "/admin", "config").get(0).getJsonObject(1);
        assertThat(config.getJsonArray("supportedFeatures").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("AGGREGATED_EVENTS", "ALL_EVENTS");
        ui.send("2/admin,[\"join\",\"/chat\",\"vip\",\"" + sidA + "\"]");
        ui.send("2/admin,[\"emit\",\"/chat\",null,\"news\",\"x\"]");
        ui.send("2/admin,[\"_disconnect\",\"/chat\",true]");
        assertThat(io.of("/chat").sockets().get(sidA).rooms()).doesNotContain("vip");
        assertThat(a.frames()).isEmpty();
        assertThat(a.peer.closed()).isFalse();
    }

    @Test
    void shouldSendOnlyStatsInProductionMode() {
        instrument(AdminOptions.withoutAuth().withMode(AdminMode.PRODUCTION));
        AdminWire ui = new AdminWire(engine);
        ui.send("0/admin,");
        List<String> frames = ui.frames();
        assertThat(events(frames, "/admin", "config").get(0).getJsonObject(1).getJsonArray("supportedFeatures")
                .getValuesAs(jakarta.json.JsonString::getString)).doesNotContain("ALL_EVENTS");
        assertThat(events(frames, "/admin", "all_sockets")).isEmpty();
        AdminWire client = new AdminWire(engine);
        client.send("0");
        client.send("2[\"hello\"]");
        assertThat(ui.frames()).isEmpty();
        clock.advance(AdminUi.STATS_INTERVAL);
        assertThat(events(ui.frames(), "/admin", "server_stats")).hasSize(1);
    }

    @Test
    void shouldStopWhenClosed() {
        AdminUi admin = instrument(AdminOptions.withoutAuth());
        AdminWire ui = new AdminWire(engine);
        ui.send("0/admin,");
        ui.frames();
        admin.close();
        clock.advance(10 * AdminUi.STATS_INTERVAL);
        AdminWire client = new AdminWire(engine);
        client.send("0");
        assertThat(ui.frames()).isEmpty();
        assertThat(clock.pending()).as("no stats timer left").isLessThanOrEqualTo(4);
        assertThat(JsonValue.NULL).isNotNull();
    }
}
