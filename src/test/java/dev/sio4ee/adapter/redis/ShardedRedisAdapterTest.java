package dev.sio4ee.adapter.redis;

import dev.sio4ee.adapter.redis.RedisAdapterOptions.SubscriptionMode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.server.Args;
import dev.sio4ee.server.RemoteSocket;
import dev.sio4ee.server.Socket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Two sio4ee nodes whose adapters are {@link ShardedRedisAdapter}s, one client connected to each, on a real
 * redis-server and on a real three-master Redis Cluster: every operation crosses Redis, and the channels each mode
 * subscribes are read back from Redis ({@code PUBSUB SHARDCHANNELS}).
 */
class ShardedRedisAdapterTest {
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
            super(single);
        }
    }

    @Nested
    class OnARedisCluster extends Scenarios {
        OnARedisCluster() {
            super(cluster);
        }
    }

    /** The shard channels subscribed on any server of the fixture whose name starts with the prefix. */
    static List<String> shardChannels(RedisServerFixture redis, String prefix) {
        List<String> out = new ArrayList<>();
        for (int port : redis.ports()) {
            ProcessBuilder pb = new ProcessBuilder(RedisServerFixture.CLI, "-h", "127.0.0.1", "-p",
                    String.valueOf(port), "PUBSUB", "SHARDCHANNELS", prefix + "*").redirectErrorStream(true);
            try {
                Process p = pb.start();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
                Arrays.stream(text.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return out;
    }

    abstract static class Scenarios {
        private final RedisServerFixture redis;
        final String prefix = "t" + PREFIXES.incrementAndGet();
        final List<AutoCloseable> closeables = new ArrayList<>();
        SioNode a;
        SioNode b;
        WireClient clientA;
        WireClient clientB;

        Scenarios(RedisServerFixture redis) {
            this.redis = redis;
        }

        SioNode node(SubscriptionMode mode) {
            SioNode n = new SioNode(redis.uri(), RedisAdapterOptions.defaults().withChannelPrefix(prefix)
                    .withSubscriptionMode(mode));
            closeables.add(n);
            return n;
        }

        @BeforeEach
        void twoNodes() {
            a = node(SubscriptionMode.DYNAMIC);
            b = node(SubscriptionMode.DYNAMIC);
            clientA = a.client("/");
            clientB = b.client("/");
            Wait.until(() -> SioNode.await(a.adapter("/").serverCount()) == 2, "two servers counted");
        }

        @AfterEach
        void close() throws Exception {
            for (AutoCloseable c : closeables) {
                c.close();
            }
        }

        /** Sends an event from node a to everyone, then checks it is the next frame of the client. */
        void endMarker(WireClient c) {
            a.io.emit("end");
            assertThat(c.nextText()).isEqualTo("2[\"end\"]");
        }

        /** Records the raw messages published on a channel, read with a subscriber of its own. */
        List<byte[]> tap(String channel) {
            RedisConnection tap = RedisConnection.open(redis.uri());
            closeables.add(tap);
            List<byte[]> seen = new CopyOnWriteArrayList<>();
            SioNode.await(tap.subscriber((ch, msg) -> seen.add(msg)).ssubscribe(channel));
            return seen;
        }

        // ---- broadcast ----

        @Test
        void broadcastsToAllClientsOfBothNodes() {
            List<byte[]> wire = tap(prefix + "#/#");
            a.io.emit("test", 1, "2");
            assertThat(clientA.nextText()).isEqualTo("2[\"test\",1,\"2\"]");
            assertThat(clientB.nextText()).isEqualTo("2[\"test\",1,\"2\"]");
            b.io.emit("back");
            assertThat(clientA.nextText()).isEqualTo("2[\"back\"]");
            assertThat(clientB.nextText()).isEqualTo("2[\"back\"]");
            Wait.until(() -> wire.size() == 2, "two messages on the channel");
            assertThat(new String(wire.get(0), StandardCharsets.UTF_8))
                    .startsWith("{\"uid\":\"" + a.adapter("/").uid() + "\",\"nsp\":\"/\",\"type\":3,");
        }

        @Test
        void broadcastsBinaryAsMessagePack() {
            List<byte[]> wire = tap(prefix + "#/#");
            a.io.emit("file", new byte[] {1, 2, 3});
            for (WireClient c : List.of(clientA, clientB)) {
                assertThat(c.nextText()).isEqualTo("51-[\"file\",{\"_placeholder\":true,\"num\":0}]");
                assertThat(c.nextBinary()).containsExactly(1, 2, 3);
            }
            Wait.until(() -> wire.size() == 1, "the message on the channel");
            assertThat(wire.get(0)[0]).isNotEqualTo((byte) '{');
            assertThat(MsgPack.decode(wire.get(0)).data().asJsonObject().getInt("type")).isEqualTo(3);
        }

        @Test
        void broadcastsToARoomThroughTheRoomChannel() {
            b.socket("/", clientB.id).join("room1");
            Wait.until(() -> shardChannels(redis, prefix).contains(prefix + "#/#room1#"), "room1 subscribed");
            List<byte[]> roomWire = tap(prefix + "#/#room1#");
            a.io.to("room1").emit("test");
            assertThat(clientB.nextText()).isEqualTo("2[\"test\"]");
            endMarker(clientA);
            Wait.until(() -> roomWire.size() == 1, "the broadcast on the room channel");
        }

        @Test
        void broadcastsToASocketIdOnTheMainChannel() {
            List<byte[]> wire = tap(prefix + "#/#");
            a.io.to(clientB.id).emit("private");
            assertThat(clientB.nextText()).isEqualTo("2[\"private\"]");
            endMarker(clientA);
            Wait.until(() -> wire.size() == 2, "the private broadcast and the marker on the main channel");
        }

        @Test
        void broadcastsExceptARoom() {
            b.socket("/", clientB.id).join("room1");
            a.io.except("room1").emit("test");
            assertThat(clientA.nextText()).isEqualTo("2[\"test\"]");
            b.io.emit("end");
            assertThat(clientB.nextText()).isEqualTo("2[\"end\"]");
        }

        @Test
        void broadcastsToLocalClientsOnly() {
            a.io.local().emit("test");
            assertThat(clientA.nextText()).isEqualTo("2[\"test\"]");
            b.io.emit("end");
            assertThat(clientB.nextText()).isEqualTo("2[\"end\"]");
        }

        @Test
        void broadcastsWithAcknowledgementsFromBothNodes() {
            CompletionStage<List<Args>> answers = a.io.timeout(10_000).emitWithAck("test");
            int n = 0;
            for (WireClient c : List.of(clientA, clientB)) {
                String frame = c.nextText();
                assertThat(frame).matches("2\\d+\\[\"test\"]");
                c.send("3" + frame.substring(1, frame.indexOf('[')) + "[" + n++ + "]");
            }
            assertThat(SioNode.await(answers)).extracting(x -> x.json(0).toString())
                    .containsExactlyInAnyOrder("0", "1");
        }

        @Test
        void broadcastsWithBinaryAcknowledgements() {
            CompletionStage<List<Args>> answers = a.io.timeout(10_000).emitWithAck("test");
            String frameA = clientA.nextText();
            String frameB = clientB.nextText();
            clientA.send("3" + frameA.substring(1, frameA.indexOf('[')) + "[\"text\"]");
            clientB.send("61-" + frameB.substring(1, frameB.indexOf('[')) + "[{\"_placeholder\":true,\"num\":0}]");
            clientB.sendBinary(new byte[] {9, 8});
            List<Args> all = SioNode.await(answers);
            assertThat(all).hasSize(2);
            assertThat(all).anySatisfy(x -> assertThat(x.string(0)).isEqualTo("text"));
            assertThat(all).anySatisfy(x -> assertThat(x.bytes(0)).containsExactly(9, 8));
        }

        // ---- sockets ----

        @Test
        void socketsJoinAndLeaveReachTheOtherNode() {
            a.io.socketsJoin("room2");
            Socket remote = b.socket("/", clientB.id);
            Wait.until(() -> remote.rooms().contains("room2"), "the remote socket in room2");
            assertThat(a.socket("/", clientA.id).rooms()).contains("room2");
            a.io.in("room2").socketsLeave("room2");
            Wait.until(() -> !remote.rooms().contains("room2"), "the remote socket out of room2");
        }

        @Test
        void disconnectsTheSocketsOfTheOtherNode() {
            b.socket("/", clientB.id).join("room3");
            a.io.in("room3").disconnectSockets(true);
            Wait.until(clientB::closed, "the remote client closed");
            assertThat(clientA.closed()).isFalse();
        }

        @Test
        void fetchesTheSocketsOfBothNodes() {
            Socket remote = b.socket("/", clientB.id);
            remote.join("room4");
            remote.data().put("user", "bob");
            List<RemoteSocket> sockets = SioNode.await(a.io.fetchSockets());
            assertThat(sockets).extracting(RemoteSocket::id).containsExactlyInAnyOrder(clientA.id, clientB.id);
            RemoteSocket bob = sockets.stream().filter(s -> s.id().equals(clientB.id)).findFirst().orElseThrow();
            assertThat(bob.rooms()).containsExactlyInAnyOrder(clientB.id, "room4");
            assertThat(bob.data()).containsEntry("user", "bob");
            assertThat(bob.handshake().headers()).containsKey("user-agent");
            assertThat(SioNode.await(a.io.in("room4").fetchSockets())).extracting(RemoteSocket::id)
                    .containsExactly(clientB.id);
        }

        // ---- server-side emit ----

        @Test
        void serverSideEmitReachesTheOtherNode() {
            List<String> heard = new CopyOnWriteArrayList<>();
            b.io.sockets().onServerSideEmit("hello", (args, ack) -> heard.add(args.string(0)));
            a.io.sockets().onServerSideEmit("hello", (args, ack) -> heard.add("self: " + args.string(0)));
            a.io.serverSideEmit("hello", "world");
            Wait.until(() -> heard.size() == 1, "the event on node b");
            assertThat(heard).containsExactly("world");
        }

        @Test
        void serverSideEmitWithAckCollectsTheOtherNodesAnswer() {
            b.io.sockets().onServerSideEmit("count", (args, ack) -> ack.send(args.number(0).intValue() + 1));
            List<Args> answers = SioNode.await(a.io.serverSideEmitWithAck("count", 41));
            assertThat(answers).extracting(x -> x.json(0).toString()).containsExactly("42");
        }

        @Test
        void serverSideEmitCarriesBinary() {
            List<byte[]> heard = new CopyOnWriteArrayList<>();
            b.io.sockets().onServerSideEmit("blob", (args, ack) -> heard.add(args.bytes(0)));
            a.io.serverSideEmit("blob", (Object) new byte[] {7, 7});
            Wait.until(() -> heard.size() == 1, "the binary event on node b");
            assertThat(heard.get(0)).containsExactly(7, 7);
        }

        // ---- subscriptions ----

        @Test
        void dynamicModeSubscribesPublicRoomsWhileTheyHaveLocalMembers() {
            Set<String> before = Set.copyOf(shardChannels(redis, prefix));
            assertThat(before).contains(prefix + "#/#", prefix + "#/#" + a.adapter("/").uid() + "#")
                    .noneMatch(c -> c.contains(clientA.id) || c.contains(clientB.id));
            Socket s = b.socket("/", clientB.id);
            s.join("room5");
            Wait.until(() -> shardChannels(redis, prefix).contains(prefix + "#/#room5#"), "room5 subscribed");
            s.leave("room5");
            Wait.until(() -> !shardChannels(redis, prefix).contains(prefix + "#/#room5#"), "room5 unsubscribed");
            assertThat(b.adapter("/").subscribedRooms()).isEmpty();
        }

        @Test
        void dynamicPrivateModeSubscribesTheSocketsOwnRooms() {
            SioNode c = node(SubscriptionMode.DYNAMIC_PRIVATE);
            WireClient client = c.client("/");
            Wait.until(() -> shardChannels(redis, prefix).contains(prefix + "#/#" + client.id + "#"),
                    "the socket's own room subscribed");
            a.io.to(client.id).emit("hi");
            // a dynamic node publishes a 20-character room on the main channel: the private channel stays silent
            assertThat(client.nextText()).isEqualTo("2[\"hi\"]");
        }

        @Test
        void staticModeSubscribesNoRoom() {
            SioNode c = node(SubscriptionMode.STATIC);
            WireClient client = c.client("/");
            c.socket("/", client.id).join("room6");
            a.io.emit("end");
            assertThat(client.nextText()).isEqualTo("2[\"end\"]");
            assertThat(shardChannels(redis, prefix)).noneMatch(ch -> ch.contains("room6"))
                    .contains(prefix + "#/#" + c.adapter("/").uid() + "#");
        }

        @Test
        void closeUnsubscribesEveryChannel() {
            b.socket("/", clientB.id).join("room7");
            String uid = b.adapter("/").uid();
            Wait.until(() -> shardChannels(redis, prefix).contains(prefix + "#/#room7#"), "room7 subscribed");
            b.adapter("/").close();
            Wait.until(() -> shardChannels(redis, prefix).stream().noneMatch(ch -> ch.contains("room7")
                    || ch.contains(uid)), "node b's channels unsubscribed");
            Wait.until(() -> SioNode.await(a.adapter("/").serverCount()) == 1, "one server left");
        }

        @Test
        void ignoresMalformedMessages() {
            RedisConnection raw = RedisConnection.open(redis.uri());
            closeables.add(raw);
            Wait.until(raw::isConnected, "the raw connection");
            SioNode.await(raw.spublish(prefix + "#/#", "{not json".getBytes(StandardCharsets.UTF_8)));
            SioNode.await(raw.spublish(prefix + "#/#", new byte[] {(byte) 0xc1}));
            SioNode.await(raw.spublish(prefix + "#/#", ("{\"uid\":\"x\",\"nsp\":\"/\",\"type\":99,\"data\":{}}")
                    .getBytes(StandardCharsets.UTF_8)));
            a.io.emit("still");
            assertThat(clientB.nextText()).isEqualTo("2[\"still\"]");
        }

        @Test
        void namespacesHaveTheirOwnChannels() {
            WireClient ca = a.client("/chat");
            WireClient cb = b.client("/chat");
            Wait.until(() -> SioNode.await(a.adapter("/chat").serverCount()) == 2, "two servers in /chat");
            a.io.of("/chat").emit("test");
            assertThat(ca.nextText()).isEqualTo("2/chat,[\"test\"]");
            assertThat(cb.nextText()).isEqualTo("2/chat,[\"test\"]");
            endMarker(clientB);
            assertThat(a.adapter("/chat").channel()).isEqualTo(prefix + "#/chat#");
        }
    }
}
