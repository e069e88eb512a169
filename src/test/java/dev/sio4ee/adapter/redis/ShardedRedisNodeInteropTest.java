package dev.sio4ee.adapter.redis;

import dev.sio4ee.adapter.redis.RedisAdapterOptions.SubscriptionMode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.server.Args;
import dev.sio4ee.server.RemoteSocket;
import dev.sio4ee.server.Socket;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A sio4ee node (in this JVM, one client) and a real Node socket.io 4.8 node with the official
 * {@code createShardedAdapter} (node-redis 4, one socket.io-client client) on one real Redis: every operation from
 * sio4ee to Node and from Node to sio4ee, on a single redis-server and on a three-master Redis Cluster.
 */
class ShardedRedisNodeInteropTest {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static RedisServerFixture single;
    private static RedisServerFixture cluster;

    @BeforeAll
    static void startRedis() {
        single = RedisServerFixture.start();
        cluster = RedisServerFixture.cluster(3);
    }

    @AfterAll
    static void stopRedis() {
        if (single != null) {
            single.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Nested
    class OnOneRedis extends Scenarios {
        OnOneRedis() {
            super(single, SubscriptionMode.DYNAMIC);
        }
    }

    @Nested
    class OnARedisCluster extends Scenarios {
        OnARedisCluster() {
            super(cluster, SubscriptionMode.DYNAMIC);
        }
    }

    @Nested
    class InStaticMode extends Scenarios {
        InStaticMode() {
            super(single, SubscriptionMode.STATIC);
        }
    }

    @Nested
    class InDynamicPrivateModeOnARedisCluster extends Scenarios {
        InDynamicPrivateModeOnARedisCluster() {
            super(cluster, SubscriptionMode.DYNAMIC_PRIVATE);
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Scenarios {
        private final RedisServerFixture redis;
        private final SubscriptionMode mode;
        private final String prefix = "interop" + PREFIXES.incrementAndGet();
        SioNode java;
        WireClient clientJ;
        NodeShardedNode node;

        Scenarios(RedisServerFixture redis, SubscriptionMode mode) {
            this.redis = redis;
            this.mode = mode;
        }

        @BeforeAll
        void startBothNodes() throws Exception {
            java = new SioNode(redis.uri(), RedisAdapterOptions.defaults().withChannelPrefix(prefix)
                    .withSubscriptionMode(mode));
            clientJ = java.client("/");
            node = new NodeShardedNode(redis.uri(), mode, prefix, 1);
            Wait.until(() -> SioNode.await(java.adapter("/").serverCount()) == 2, "the Node node counted");
            Wait.until(() -> node.call("serverCount").getInt("count") == 2, "the sio4ee node counted by Node");
        }

        @AfterAll
        void stopBothNodes() {
            if (node != null) {
                node.close();
            }
            if (java != null) {
                java.close();
            }
        }

        String nodeId() {
            return node.clients.get(0);
        }

        /** Waits until the room's channel is subscribed, when the mode gives the room one. */
        void awaitRoomChannel(String room) {
            if (mode == SubscriptionMode.STATIC || mode == SubscriptionMode.DYNAMIC && room.length() == 20) {
                return;
            }
            Wait.until(() -> ShardedRedisAdapterTest.shardChannels(redis, prefix).contains(prefix + "#/#" + room + "#"),
                    "the channel of " + room + " subscribed");
        }

        static JsonArray array(Object... values) {
            var b = Json.createArrayBuilder();
            for (Object v : values) {
                if (v instanceof Integer i) {
                    b.add(i);
                } else if (v instanceof JsonValue j) {
                    b.add(j);
                } else {
                    b.add(String.valueOf(v));
                }
            }
            return b.build();
        }

        // ---- sio4ee -> Node ----

        @Test
        void javaBroadcastReachesTheNodeClient() {
            java.io.emit("test", 1, "2");
            assertThat(node.clientEvent(0, "test").getJsonArray("args").toString()).isEqualTo("[1,\"2\"]");
            assertThat(clientJ.nextText()).isEqualTo("2[\"test\",1,\"2\"]");
        }

        @Test
        void javaBinaryBroadcastReachesTheNodeClient() {
            java.io.emit("file", "name", new byte[] {1, 2, 3});
            JsonArray args = node.clientEvent(0, "file").getJsonArray("args");
            assertThat(args.getString(0)).isEqualTo("name");
            assertThat(NodeShardedNode.bytes(args.get(1))).containsExactly(1, 2, 3);
            assertThat(clientJ.nextText()).isEqualTo("51-[\"file\",\"name\",{\"_placeholder\":true,\"num\":0}]");
            assertThat(clientJ.nextBinary()).containsExactly(1, 2, 3);
        }

        @Test
        void javaBroadcastToARoomOfTheNodeNode() {
            node.call("join", Json.createObjectBuilder().add("client", 0).add("room", "jr1"));
            awaitRoomChannel("jr1");
            java.io.to("jr1").emit("room-event", "x");
            assertThat(node.clientEvent(0, "room-event").getJsonArray("args").getString(0)).isEqualTo("x");
            java.io.emit("end-jr1");
            assertThat(clientJ.nextText()).isEqualTo("2[\"end-jr1\"]");
            node.clientEvent(0, "end-jr1");
            node.call("leave", Json.createObjectBuilder().add("client", 0).add("room", "jr1"));
        }

        @Test
        void javaBroadcastToTheNodeSocketsOwnRoom() {
            awaitRoomChannel(nodeId());
            java.io.to(nodeId()).emit("private");
            node.clientEvent(0, "private");
        }

        @Test
        void javaBroadcastExceptARoomOfTheNodeNode() {
            node.call("join", Json.createObjectBuilder().add("client", 0).add("room", "jx"));
            java.io.except("jx").emit("except-event");
            java.io.emit("end-jx");
            node.clientEvent(0, "end-jx");
            assertThat(node.heard(0, "except-event")).isFalse();
            assertThat(clientJ.nextText()).isEqualTo("2[\"except-event\"]");
            assertThat(clientJ.nextText()).isEqualTo("2[\"end-jx\"]");
            node.call("leave", Json.createObjectBuilder().add("client", 0).add("room", "jx"));
        }

        @Test
        void javaLocalBroadcastStaysOnTheJavaNode() {
            java.io.local().emit("local-event");
            java.io.emit("end-local");
            node.clientEvent(0, "end-local");
            assertThat(node.heard(0, "local-event")).isFalse();
            assertThat(clientJ.nextText()).isEqualTo("2[\"local-event\"]");
            assertThat(clientJ.nextText()).isEqualTo("2[\"end-local\"]");
        }

        @Test
        void javaVolatileBroadcastReachesTheNodeClient() {
            java.io.asVolatile().emit("volatile-event", 1);
            assertThat(node.clientEvent(0, "volatile-event").getJsonArray("args").toString()).isEqualTo("[1]");
            assertThat(clientJ.nextText()).isEqualTo("2[\"volatile-event\",1]");
        }

        @Test
        void javaBroadcastWithAckCollectsTheNodeClientsAck() {
            CompletionStage<List<Args>> answers = java.io.timeout(10_000).emitWithAck("ack-me");
            String frame = clientJ.nextText();
            clientJ.send("3" + frame.substring(1, frame.indexOf('[')) + "[\"java-client\"]");
            assertThat(SioNode.await(answers)).extracting(a -> a.string(0))
                    .containsExactlyInAnyOrder("java-client", "node-client-0");
        }

        @Test
        void javaSocketsJoinAndLeaveReachTheNodeSocket() {
            java.io.socketsJoin("jj");
            Wait.until(() -> node.call("rooms", Json.createObjectBuilder().add("client", 0)).getJsonArray("rooms")
                    .contains(Json.createValue("jj")), "the Node socket in jj");
            assertThat(java.socket("/", clientJ.id).rooms()).contains("jj");
            java.io.socketsLeave("jj");
            Wait.until(() -> !node.call("rooms", Json.createObjectBuilder().add("client", 0)).getJsonArray("rooms")
                    .contains(Json.createValue("jj")), "the Node socket out of jj");
        }

        @Test
        void javaFetchSocketsSeesTheNodeSocket() {
            List<RemoteSocket> sockets = SioNode.await(java.io.fetchSockets());
            assertThat(sockets).extracting(RemoteSocket::id).containsExactlyInAnyOrder(clientJ.id, nodeId());
            RemoteSocket n = sockets.stream().filter(s -> s.id().equals(nodeId())).findFirst().orElseThrow();
            assertThat(n.rooms()).contains(nodeId());
            assertThat(n.data()).containsEntry("node", "node");
            assertThat(n.handshake().address()).isEqualTo("127.0.0.1");
            assertThat(n.handshake().query()).containsEntry("EIO", "4");
        }

        @Test
        void javaServerSideEmitReachesTheNodeServer() {
            java.io.serverSideEmit("hello", "world");
            JsonObject e = node.awaitEvent("server event hello", x -> "server".equals(x.getString("type", ""))
                    && "hello".equals(x.getString("event", "")));
            assertThat(e.getJsonArray("args").getString(0)).isEqualTo("world");
        }

        @Test
        void javaServerSideEmitWithBinaryReachesTheNodeServer() {
            java.io.serverSideEmit("blob", (Object) new byte[] {4, 5});
            JsonObject e = node.awaitEvent("server event blob", x -> "server".equals(x.getString("type", ""))
                    && "blob".equals(x.getString("event", "")));
            assertThat(NodeShardedNode.bytes(e.getJsonArray("args").get(0))).containsExactly(4, 5);
        }

        @Test
        void javaServerSideEmitWithAckGetsTheNodeAnswer() {
            List<Args> answers = SioNode.await(java.io.serverSideEmitWithAck("count", 41));
            assertThat(answers).extracting(a -> a.json(0).toString()).containsExactly("42");
        }

        @Test
        void javaDisconnectSocketsClosesTheNodeClient() {
            java.io.in(nodeId()).disconnectSockets(true);
            JsonObject e = node.awaitEvent("the Node client disconnected", x -> "disconnect".equals(
                    x.getString("type", "")));
            assertThat(e.getString("reason")).isEqualTo("io server disconnect");
            node.reconnect(0);
            assertThat(clientJ.closed()).isFalse();
        }

        // ---- Node -> sio4ee ----

        @Test
        void nodeBroadcastReachesTheJavaClient() {
            node.call("emit", Json.createObjectBuilder().add("event", "test").add("args", array(1, "2")));
            assertThat(clientJ.nextText()).isEqualTo("2[\"test\",1,\"2\"]");
            node.clientEvent(0, "test");
        }

        @Test
        void nodeBinaryBroadcastReachesTheJavaClient() {
            node.call("emit", Json.createObjectBuilder().add("event", "file")
                    .add("args", array(NodeShardedNode.bin(new byte[] {7, 8, 9}))));
            assertThat(clientJ.nextText()).isEqualTo("51-[\"file\",{\"_placeholder\":true,\"num\":0}]");
            assertThat(clientJ.nextBinary()).containsExactly(7, 8, 9);
            node.clientEvent(0, "file");
        }

        @Test
        void nodeBroadcastToARoomOfTheJavaNode() {
            Socket s = java.socket("/", clientJ.id);
            s.join("nr1");
            awaitRoomChannel("nr1");
            node.call("emit", Json.createObjectBuilder().add("event", "room-event").add("rooms", array("nr1")));
            assertThat(clientJ.nextText()).isEqualTo("2[\"room-event\"]");
            s.leave("nr1");
        }

        @Test
        void nodeBroadcastToTheJavaSocketsOwnRoom() {
            awaitRoomChannel(clientJ.id);
            node.call("emit", Json.createObjectBuilder().add("event", "private").add("rooms", array(clientJ.id)));
            assertThat(clientJ.nextText()).isEqualTo("2[\"private\"]");
        }

        @Test
        void nodeBroadcastExceptARoomOfTheJavaNode() {
            Socket s = java.socket("/", clientJ.id);
            s.join("nx");
            node.call("emit", Json.createObjectBuilder().add("event", "except-event").add("except", array("nx")));
            node.call("emit", Json.createObjectBuilder().add("event", "end-nx"));
            assertThat(clientJ.nextText()).isEqualTo("2[\"end-nx\"]");
            node.clientEvent(0, "except-event");
            s.leave("nx");
        }

        @Test
        void nodeLocalBroadcastStaysOnTheNodeNode() {
            node.call("emit", Json.createObjectBuilder().add("event", "local-event").add("local", true));
            node.call("emit", Json.createObjectBuilder().add("event", "end-nlocal"));
            assertThat(clientJ.nextText()).isEqualTo("2[\"end-nlocal\"]");
            node.clientEvent(0, "local-event");
        }

        @Test
        void nodeVolatileBroadcastReachesTheJavaClient() {
            node.call("emit", Json.createObjectBuilder().add("event", "volatile-event").add("volatile", true));
            assertThat(clientJ.nextText()).isEqualTo("2[\"volatile-event\"]");
            node.clientEvent(0, "volatile-event");
        }

        @Test
        void nodeBroadcastWithAckCollectsTheJavaClientsAck() throws Exception {
            CompletableFuture<JsonObject> reply = CompletableFuture.supplyAsync(() -> node.call("emitWithAck",
                    Json.createObjectBuilder().add("event", "ack-me").add("timeout", 10_000)));
            String frame = clientJ.nextText();
            assertThat(frame).matches("2\\d+\\[\"ack-me\"]");
            clientJ.send("3" + frame.substring(1, frame.indexOf('[')) + "[\"java-client\"]");
            JsonArray responses = SioNode.await(reply).getJsonArray("responses");
            assertThat(responses).containsExactlyInAnyOrder(Json.createValue("java-client"),
                    Json.createValue("node-client-0"));
        }

        @Test
        void nodeSocketsJoinAndLeaveReachTheJavaSocket() {
            Socket s = java.socket("/", clientJ.id);
            node.call("socketsJoin", Json.createObjectBuilder().add("room", "nj"));
            Wait.until(() -> s.rooms().contains("nj"), "the sio4ee socket in nj");
            node.call("socketsLeave", Json.createObjectBuilder().add("room", "nj"));
            Wait.until(() -> !s.rooms().contains("nj"), "the sio4ee socket out of nj");
        }

        @Test
        void nodeFetchSocketsSeesTheJavaSocketWithNodesFieldNames() {
            java.socket("/", clientJ.id).data().put("user", "java");
            JsonArray sockets = node.call("fetchSockets").getJsonArray("sockets");
            JsonObject j = sockets.getValuesAs(JsonObject.class).stream()
                    .filter(s -> s.getString("id").equals(clientJ.id)).findFirst().orElseThrow();
            assertThat(j.getJsonArray("rooms")).contains(Json.createValue(clientJ.id));
            assertThat(j.getJsonObject("data").getString("user")).isEqualTo("java");
            assertThat(j.getJsonObject("handshake").keySet()).contains("headers", "time", "address", "xdomain",
                    "secure", "issued", "url", "query", "auth");
            assertThat(sockets.getValuesAs(JsonObject.class)).extracting(s -> s.getString("id")).contains(nodeId());
        }

        @Test
        void nodeServerSideEmitReachesTheJavaServer() {
            List<String> heard = new CopyOnWriteArrayList<>();
            java.io.sockets().onServerSideEmit("from-node", (args, ack) -> heard.add(args.string(0)));
            node.call("serverSideEmit", Json.createObjectBuilder().add("event", "from-node").add("args", array("hi")));
            Wait.until(() -> heard.size() == 1, "the event on the sio4ee node");
            assertThat(heard).containsExactly("hi");
        }

        @Test
        void nodeServerSideEmitWithAckGetsTheJavaAnswer() {
            java.io.sockets().onServerSideEmit("add", (args, ack) -> ack.send(args.number(0).intValue() + 100));
            JsonArray responses = node.call("serverSideEmitWithAck", Json.createObjectBuilder().add("event", "add")
                    .add("args", array(1))).getJsonArray("responses");
            assertThat(responses.toString()).isEqualTo("[101]");
        }

        @Test
        void nodeDisconnectSocketsClosesTheJavaClient() {
            node.call("disconnectSockets", Json.createObjectBuilder().add("rooms", array(clientJ.id))
                    .add("close", true));
            Wait.until(clientJ::closed, "the sio4ee client closed");
            clientJ = java.client("/");
        }
    }
}
