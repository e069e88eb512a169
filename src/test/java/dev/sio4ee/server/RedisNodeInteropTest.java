package dev.sio4ee.server;

import static dev.sio4ee.server.RedisAdapterTest.await;
import static dev.sio4ee.server.RedisAdapterTest.eventually;
import static dev.sio4ee.server.RedisAdapterTest.next;
import static dev.sio4ee.server.RedisAdapterTest.nextText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.adapter.redis.RedisAdapter;
import dev.sio4ee.adapter.redis.RedisAdapterOptions;
import dev.sio4ee.adapter.redis.RedisConnection;
import dev.sio4ee.adapter.redis.RedisEmitter;
import dev.sio4ee.adapter.redis.RedisServerFixture;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A mixed cluster on one real redis-server: a sio4ee server (real engine and Socket.IO server, raw client) with
 * {@link RedisAdapter}, and a real Node socket.io 4.8 node with the official {@code @socket.io/redis-adapter} 8.3
 * and an official client ({@code src/test/node/redis-node.mjs}). Every operation, both directions.
 */
class RedisNodeInteropTest {
    private static final Pattern EVENT_WITH_ACK = Pattern.compile("^2(\\d+)\\[\"(.+?)\"(.*)]$");
    private static RedisServerFixture redis;
    private static NodeRedisNode node;

    private Harness sio;
    private RedisConnection connection;
    private RawClient client;
    private String javaId;
    private String nodeId;

    @BeforeAll
    static void startRedisAndNode() throws Exception {
        redis = RedisServerFixture.start();
        node = new NodeRedisNode(redis.uri());
        node.ready();
    }

    @AfterAll
    static void stopAll() {
        if (node != null) {
            node.close();
        }
        redis.close();
    }

    @BeforeEach
    void startJavaServer() throws Exception {
        nodeId = ((JsonObject) node.call("reset")).getString("clientId");
        connection = RedisConnection.open(redis.uri());
        sio = new Harness(SocketIoOptions.defaults().withAdapter(
                RedisAdapter.factory(connection, RedisAdapterOptions.defaults())));
        client = sio.client();
        javaId = client.connect("/");
        adapter().ready().toCompletableFuture().get(5, TimeUnit.SECONDS);
        eventually(() -> nodeInt("serverCount") == 2, "Node counts two servers");
    }

    @AfterEach
    void stopJavaServer() {
        sio.io.close();
        connection.close();
    }

    private RedisAdapter adapter() {
        return (RedisAdapter) sio.io.sockets().adapter();
    }

    private Socket javaSocket() {
        return sio.socket("/", javaId);
    }

    private static int nodeInt(String cmd) {
        return ((jakarta.json.JsonNumber) node.call(cmd)).intValue();
    }

    private static JsonObjectBuilder args() {
        return Json.createObjectBuilder();
    }

    private static JsonArray strings(String... values) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        for (String v : values) {
            b.add(v);
        }
        return b.build();
    }

    /** Waits until the Node client received something, and returns (and forgets) everything it received. */
    private static JsonArray nodeReceived(int atLeast) {
        JsonArrayBuilder all = Json.createArrayBuilder();
        int[] count = {0};
        eventually(() -> {
            JsonArray got = node.call("received").asJsonArray();
            got.forEach(all::add);
            count[0] += got.size();
            return count[0] >= atLeast;
        }, "the Node client received " + atLeast + " event(s)");
        return all.build();
    }

    /** Proves that the Node client got nothing else: a marker from the Java server arrives first. */
    private void nodeGotNothingElse() {
        sio.io.emit("marker");
        JsonArray got = nodeReceived(1);
        assertThat(got.getJsonObject(0).getString("event")).isEqualTo("marker");
        assertThat(got).hasSize(1);
        assertThat(nextText(client)).isEqualTo("2[\"marker\"]");
    }

    /** Proves that the Java client got nothing else: a marker from Node arrives first. */
    private void javaGotNothingElse() {
        node.call("emit", args().add("event", "marker"));
        assertThat(nextText(client)).isEqualTo("2[\"marker\"]");
        nodeReceived(1);
    }

    // ------------------------------------------------------------------------------------- sio4ee -> Node

    @Test
    void javaBroadcastsReachNodeClientsWithBinary() {
        sio.io.emit("news", 1, "two", new byte[] {3, 4}, Map.of("k", true));
        JsonObject got = nodeReceived(1).getJsonObject(0);
        assertThat(got.getString("event")).isEqualTo("news");
        assertThat(got.getJsonArray("args").toString()).isEqualTo("[1,\"two\",{\"$bin\":\"0304\"},{\"k\":true}]");
        assertThat(nextText(client)).startsWith("51-[\"news\"");
        next(client);
    }

    @Test
    void javaBroadcastsToRoomsExceptAndLocal() {
        node.call("join", args().add("rooms", strings("room1")));
        sio.io.to("room1").emit("in-room");
        assertThat(nodeReceived(1).getJsonObject(0).getString("event")).isEqualTo("in-room");
        sio.io.sockets().except("room1").emit("not-room1");
        assertThat(nextText(client)).isEqualTo("2[\"not-room1\"]");
        sio.io.local().emit("local-only");
        assertThat(nextText(client)).isEqualTo("2[\"local-only\"]");
        sio.io.to(nodeId).emit("to-socket-id");
        assertThat(nodeReceived(1).getJsonObject(0).getString("event")).isEqualTo("to-socket-id");
        nodeGotNothingElse();
    }

    @Test
    void javaBroadcastWithAcksCollectsNodeAcks() {
        CompletionStage<List<Args>> answers = sio.io.timeout(5_000).emitWithAck("ack-me", "q");
        Matcher m = EVENT_WITH_ACK.matcher(nextText(client));
        assertThat(m.matches()).isTrue();
        client.send("3" + m.group(1) + "[\"java-ack\"]");
        List<Args> list = await(answers);
        assertThat(list).extracting(a -> a.json(0).toString())
                .containsExactlyInAnyOrder("\"java-ack\"", "\"node-ack:ack-me\"");
    }

    @Test
    void javaSocketsJoinLeaveAndDisconnectNodeSockets() {
        sio.io.socketsJoin("joined-from-java");
        eventually(() -> node.call("rooms").asJsonArray().contains(Json.createValue("joined-from-java")),
                "the Node socket joined");
        assertThat(javaSocket().rooms()).contains("joined-from-java");
        sio.io.in("joined-from-java").socketsLeave("joined-from-java");
        eventually(() -> !node.call("rooms").asJsonArray().contains(Json.createValue("joined-from-java")),
                "the Node socket left");
        sio.io.in(nodeId).disconnectSockets(true);
        eventually(() -> node.call("connected") == JsonValue.FALSE, "the Node client was disconnected");
        assertThat(client.closed()).isFalse();
    }

    @Test
    void javaFetchesNodeSocketsWithNodeHandshakeRoomsAndData() {
        node.call("join", args().add("rooms", strings("fetched")));
        List<RemoteSocket> sockets = await(sio.io.fetchSockets());
        assertThat(sockets).extracting(RemoteSocket::id).containsExactlyInAnyOrder(javaId, nodeId);
        RemoteSocket remote = sockets.stream().filter(s -> s.id().equals(nodeId)).findFirst().orElseThrow();
        assertThat(remote.rooms()).containsExactlyInAnyOrder(nodeId, "fetched");
        assertThat(remote.data()).containsEntry("who", "node");
        JsonObject handshake = remote.details().handshake();
        assertThat(handshake.keySet()).contains("headers", "time", "address", "xdomain", "secure", "issued",
                "url", "query", "auth");
        assertThat(handshake.getJsonObject("auth").getString("who")).isEqualTo("node-client");
        remote.emit("via-remote-socket", "x");
        assertThat(nodeReceived(1).getJsonObject(0).getString("event")).isEqualTo("via-remote-socket");
    }

    @Test
    void javaServerSideEmitsReachNodeAndCollectItsAnswer() {
        sio.io.serverSideEmit("sse", "no-ack", new byte[] {7});
        eventually(() -> {
            JsonArray heard = node.call("heard").asJsonArray();
            return !heard.isEmpty() && heard.get(0).toString().equals("[\"no-ack\",{\"$bin\":\"07\"}]");
        }, "Node heard the server-side emit with its binary argument");
        List<Args> answers = await(sio.io.serverSideEmitWithAck("sse", "with-ack"));
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).json(0).asJsonObject().getString("from")).isEqualTo("node");
    }

    @Test
    void javaAllRoomsIncludesNodeRooms() {
        node.call("join", args().add("rooms", strings("node-room")));
        javaSocket().join("java-room");
        assertThat(await(adapter().allRooms())).contains("node-room", "java-room", nodeId, javaId);
    }

    // ------------------------------------------------------------------------------------- Node -> sio4ee

    @Test
    void nodeBroadcastsReachJavaClientsWithBinary() {
        node.call("emit", args().add("event", "from-node").add("args", Json.createArrayBuilder().add(1)
                .add(Json.createObjectBuilder().add("$bin", "0a0b")).add(Json.createObjectBuilder().add("x", 1.5))));
        assertThat(nextText(client)).isEqualTo("51-[\"from-node\",1,{\"_placeholder\":true,\"num\":0},{\"x\":1.5}]");
        assertThat((byte[]) next(client)).containsExactly(10, 11);
        nodeReceived(1);
    }

    @Test
    void nodeBroadcastsToRoomsExceptAndLocal() {
        javaSocket().join("jr");
        node.call("emit", args().add("event", "to-jr").add("to", strings("jr")));
        assertThat(nextText(client)).isEqualTo("2[\"to-jr\"]");
        node.call("emit", args().add("event", "except-jr").add("except", strings("jr")));
        assertThat(nodeReceived(1).getJsonObject(0).getString("event")).isEqualTo("except-jr");
        node.call("emit", args().add("event", "node-local").add("local", true));
        assertThat(nodeReceived(1).getJsonObject(0).getString("event")).isEqualTo("node-local");
        node.call("emit", args().add("event", "to-java-id").add("to", strings(javaId)));
        assertThat(nextText(client)).isEqualTo("2[\"to-java-id\"]");
        javaGotNothingElse();
    }

    @Test
    void nodeBroadcastWithAcksCollectsJavaAcks() throws Exception {
        Thread answering = new Thread(() -> {
            Matcher m = EVENT_WITH_ACK.matcher(nextText(client));
            if (m.matches()) {
                client.send("3" + m.group(1) + "[\"java-ack\"]");
            }
        });
        answering.start();
        JsonArray answers = node.call("emitWithAck", args().add("event", "ack-me").add("timeout", 5000))
                .asJsonArray();
        answering.join(5_000);
        assertThat(answers.stream().map(JsonValue::toString).toList())
                .containsExactlyInAnyOrder("\"java-ack\"", "\"node-ack:ack-me\"");
    }

    @Test
    void nodeSocketsJoinLeaveAndDisconnectJavaSockets() {
        node.call("socketsJoin", args().add("rooms", strings("from-node")));
        eventually(() -> javaSocket().rooms().contains("from-node"), "the Java socket joined");
        node.call("socketsLeave", args().add("to", strings("from-node")).add("rooms", strings("from-node")));
        eventually(() -> !javaSocket().rooms().contains("from-node"), "the Java socket left");
        node.call("disconnectSockets", args().add("to", strings(javaId)).add("close", true));
        eventually(client::closed, "the Java client was disconnected");
        assertThat(node.call("connected")).isEqualTo(JsonValue.TRUE);
    }

    @Test
    void nodeFetchesJavaSocketsWithHandshakeRoomsAndData() {
        javaSocket().join("jroom");
        javaSocket().data().put("user", "java");
        JsonArray sockets = node.call("fetchSockets").asJsonArray();
        JsonObject mine = sockets.stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("id").equals(javaId)).findFirst().orElseThrow();
        assertThat(strings(mine.getJsonArray("rooms"))).containsExactlyInAnyOrder(javaId, "jroom");
        assertThat(mine.getJsonObject("data").getString("user")).isEqualTo("java");
        assertThat(mine.getJsonObject("handshake")).isEqualTo(javaSocket().handshake().toJson());
        assertThat(sockets).hasSize(2);
        node.call("remoteEmit", args().add("id", javaId).add("event", "via-node-remote"));
        assertThat(nextText(client)).isEqualTo("2[\"via-node-remote\"]");
    }

    private static Set<String> strings(JsonArray a) {
        Set<String> out = new LinkedHashSet<>();
        a.forEach(v -> out.add(((jakarta.json.JsonString) v).getString()));
        return out;
    }

    @Test
    void nodeServerSideEmitsReachJavaAndCollectItsAnswer() {
        List<String> heard = new CopyOnWriteArrayList<>();
        sio.io.sockets().onServerSideEmit("sse", (a, ack) -> {
            heard.add(a.json().toString());
            if (ack != null) {
                ack.send("java-answer", 2);
            }
        });
        node.call("serverSideEmit", args().add("event", "sse").add("args", strings("hello")));
        eventually(() -> !heard.isEmpty(), "Java heard Node's server-side emit");
        assertThat(heard.get(0)).isEqualTo("[\"hello\"]");
        JsonArray answers = node.call("serverSideEmitWithAck", args().add("event", "sse")
                .add("args", strings("ask"))).asJsonArray();
        assertThat(answers.toString()).isEqualTo("[\"java-answer\"]");
    }

    @Test
    void nodeAllRoomsIncludesJavaRooms() {
        javaSocket().join("java-only-room");
        assertThat(strings(node.call("allRooms").asJsonArray())).contains("java-only-room", javaId, nodeId);
    }

    @Test
    void emittersOfBothReachBothServers() {
        javaSocket().join("er");
        node.call("join", args().add("rooms", strings("er")));
        node.call("emitterEmit", args().add("event", "from-node-emitter").add("to", strings("er"))
                .add("args", Json.createArrayBuilder().add(Json.createObjectBuilder().add("$bin", "ff"))));
        assertThat(nextText(client)).isEqualTo("51-[\"from-node-emitter\",{\"_placeholder\":true,\"num\":0}]");
        assertThat((byte[]) next(client)).containsExactly(-1);
        assertThat(nodeReceived(1).getJsonObject(0).getString("event")).isEqualTo("from-node-emitter");
        try (RedisEmitter emitter = RedisEmitter.create(redis.uri())) {
            await(emitter.to("er").emit("from-java-emitter", "x"));
            assertThat(nextText(client)).isEqualTo("2[\"from-java-emitter\",\"x\"]");
            assertThat(nodeReceived(1).getJsonObject(0).getJsonArray("args").toString()).isEqualTo("[\"x\"]");
            await(emitter.in("er").socketsJoin("er2"));
            eventually(() -> javaSocket().rooms().contains("er2")
                    && node.call("rooms").asJsonArray().contains(Json.createValue("er2")), "both joined er2");
            await(emitter.serverSideEmit("sse", "from-emitter"));
            eventually(() -> node.call("heard").asJsonArray().toString().contains("from-emitter"),
                    "Node heard the Java emitter");
        }
        node.call("emitterDisconnectSockets", args().add("to", strings(javaId)).add("close", true));
        eventually(client::closed, "the Node emitter disconnected the Java client");
    }
}
