package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.adapter.redis.RedisAdapter;
import dev.sio4ee.adapter.redis.RedisAdapterOptions;
import dev.sio4ee.adapter.redis.RedisConnection;
import dev.sio4ee.adapter.redis.RedisEmitter;
import dev.sio4ee.adapter.redis.RedisServerFixture;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three sio4ee servers (real engine and Socket.IO server each, with raw clients) whose {@link RedisAdapter}s share
 * a real redis-server, each through its own {@link RedisConnection} as separate processes would.
 */
class RedisAdapterTest {
    private static final Pattern ACK_ID = Pattern.compile("^2(\\d+)\\[\"test\"]$");
    private static final int N = 3;
    private static final long WAIT_MS = 5_000;
    private static RedisServerFixture redis;

    private final Harness[] servers = new Harness[N];
    private final RedisConnection[] connections = new RedisConnection[N];
    private final RawClient[] clients = new RawClient[N];
    private final String[] ids = new String[N];

    @BeforeAll
    static void startRedis() {
        redis = RedisServerFixture.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void startServers() throws Exception {
        for (int i = 0; i < N; i++) {
            connections[i] = RedisConnection.open(redis.uri());
            servers[i] = new Harness(SocketIoOptions.defaults().withAdapter(
                    RedisAdapter.factory(connections[i], RedisAdapterOptions.defaults())));
            clients[i] = servers[i].client();
            ids[i] = clients[i].connect("/");
            adapter(i).ready().toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
        }
    }

    @AfterEach
    void stopServers() {
        for (int i = 0; i < N; i++) {
            servers[i].io.close();
            connections[i].close();
        }
    }

    private RedisAdapter adapter(int i) {
        return (RedisAdapter) servers[i].io.sockets().adapter();
    }

    private Socket socket(int i) {
        return servers[i].socket("/", ids[i]);
    }

    /** Waits (bounded) for the next frame of a client. */
    static Object next(RawClient c) {
        long end = System.currentTimeMillis() + WAIT_MS;
        Object f;
        while ((f = c.poll()) == null && System.currentTimeMillis() < end) {
            sleep();
        }
        assertThat(f).as("a frame within " + WAIT_MS + " ms").isNotNull();
        return f;
    }

    static String nextText(RawClient c) {
        Object f = next(c);
        assertThat(f).isInstanceOf(String.class);
        return (String) f;
    }

    /** Waits (bounded) until the condition holds; evaluates it once per round (it may consume what it reads). */
    static void eventually(BooleanSupplier condition, String what) {
        long end = System.currentTimeMillis() + WAIT_MS;
        boolean ok;
        while (!(ok = condition.getAsBoolean()) && System.currentTimeMillis() < end) {
            sleep();
        }
        assertThat(ok).as(what).isTrue();
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Proves that nothing else reached the clients: a marker broadcast from server 0 after the operation arrives
     * next everywhere (Redis keeps the order of one publisher's messages).
     */
    private void nothingElse(RawClient... cs) {
        servers[0].io.emit("marker");
        for (RawClient c : cs) {
            assertThat(nextText(c)).isEqualTo("2[\"marker\"]");
        }
    }

    private String ackId(int i) {
        Matcher m = ACK_ID.matcher(nextText(clients[i]));
        assertThat(m.matches()).isTrue();
        return m.group(1);
    }

    @Test
    void countsTheServersWithNumsub() {
        assertThat(await(adapter(0).serverCount())).isEqualTo(N);
    }

    @Test
    void broadcastsToAllClientsWithBinary() {
        servers[0].io.emit("test", 1, "2", new byte[] {3, 4});
        for (RawClient c : clients) {
            assertThat(nextText(c)).isEqualTo("51-[\"test\",1,\"2\",{\"_placeholder\":true,\"num\":0}]");
            assertThat((byte[]) next(c)).containsExactly(3, 4);
        }
    }

    @Test
    void broadcastsToARoomAndExcept() {
        socket(1).join("room1");
        socket(2).join("room1", "room2");
        servers[0].io.to("room1").except("room2").emit("test");
        assertThat(nextText(clients[1])).isEqualTo("2[\"test\"]");
        nothingElse(clients);
    }

    @Test
    void broadcastsToSeveralRoomsOnTheMainChannel() {
        socket(1).join("a");
        socket(2).join("b");
        servers[0].io.to("a").to("b").emit("test");
        assertThat(nextText(clients[1])).isEqualTo("2[\"test\"]");
        assertThat(nextText(clients[2])).isEqualTo("2[\"test\"]");
        nothingElse(clients);
    }

    @Test
    void broadcastsToLocalClientsOnly() {
        servers[0].io.local().emit("test");
        assertThat(nextText(clients[0])).isEqualTo("2[\"test\"]");
        nothingElse(clients);
    }

    @Test
    void broadcastsWithAcknowledgementsFromEveryServer() {
        CompletionStage<List<Args>> answers = servers[0].io.timeout(5_000).emitWithAck("test");
        for (int i = 0; i < N; i++) {
            clients[i].send("3" + ackId(i) + "[" + (i + 1) + "]");
        }
        assertThat(await(answers)).extracting(a -> a.json(0).toString()).containsExactlyInAnyOrder("1", "2", "3");
    }

    @Test
    void broadcastsWithBinaryAcknowledgements() {
        CompletionStage<List<Args>> answers = servers[0].io.timeout(5_000).emitWithAck("test");
        for (int i = 0; i < N; i++) {
            clients[i].send("61-" + ackId(i) + "[{\"_placeholder\":true,\"num\":0}]").send(new byte[] {(byte) i});
        }
        assertThat(await(answers)).extracting(a -> a.bytes(0)[0])
                .containsExactlyInAnyOrder((byte) 0, (byte) 1, (byte) 2);
    }

    @Test
    void socketsJoinAndLeaveEverywhere() {
        socket(0).join("room1");
        socket(2).join("room1");
        servers[0].io.in("room1").socketsJoin("room2");
        assertThat(socket(0).rooms()).contains("room2"); // at once here
        eventually(() -> socket(2).rooms().contains("room2"), "server 2 joined");
        servers[1].io.socketsLeave("room2");
        eventually(() -> !socket(0).rooms().contains("room2") && !socket(2).rooms().contains("room2"),
                "everyone left");
        assertThat(socket(1).rooms()).doesNotContain("room2");
    }

    @Test
    void disconnectsSocketsEverywhere() {
        List<String> reasons = new CopyOnWriteArrayList<>();
        for (int i = 0; i < N; i++) {
            socket(i).onDisconnect((r, d) -> reasons.add(r.text()));
        }
        servers[0].io.in(ids[2]).disconnectSockets(true);
        eventually(clients[2]::closed, "client 2 closed");
        assertThat(clients[0].closed()).isFalse();
        assertThat(clients[1].closed()).isFalse();
        assertThat(reasons).containsExactly("server namespace disconnect");
    }

    @Test
    void fetchesSocketsWithHandshakeRoomsAndData() {
        socket(1).join("room1");
        socket(1).data().put("user", "alice");
        List<RemoteSocket> all = await(servers[0].io.fetchSockets());
        assertThat(all).extracting(RemoteSocket::id).containsExactlyInAnyOrder(ids);
        RemoteSocket remote = await(servers[0].io.in("room1").fetchSockets()).get(0);
        assertThat(remote.id()).isEqualTo(ids[1]);
        assertThat(remote.rooms()).containsExactlyInAnyOrder(ids[1], "room1");
        assertThat(remote.data()).containsEntry("user", "alice");
        assertThat(remote.details().handshake()).isEqualTo(socket(1).handshake().toJson());
        remote.emit("hello", "remote");
        assertThat(nextText(clients[1])).isEqualTo("2[\"hello\",\"remote\"]");
    }

    @Test
    void serverSideEmitWithAndWithoutAcks() {
        List<String> heard = new CopyOnWriteArrayList<>();
        for (int i = 0; i < N; i++) {
            int n = i;
            servers[i].io.sockets().onServerSideEmit("hello", (args, ack) -> {
                heard.add(n + ":" + args.json());
                if (ack != null) {
                    ack.send(n * 10);
                }
            });
        }
        servers[0].io.serverSideEmit("hello", "world", 1);
        eventually(() -> heard.size() == 2, "two servers heard it");
        assertThat(heard).containsExactlyInAnyOrder("1:[\"world\", 1]", "2:[\"world\", 1]");
        List<Args> answers = await(servers[0].io.serverSideEmitWithAck("hello"));
        assertThat(answers).extracting(a -> a.json(0).toString()).containsExactlyInAnyOrder("10", "20");
    }

    @Test
    void allRoomsOfEveryServer() {
        socket(1).join("r1");
        socket(2).join("r2");
        assertThat(await(adapter(0).allRooms())).contains("r1", "r2", ids[0], ids[1], ids[2]);
    }

    @Test
    void legacyRequestsAsRequesterAndResponder() {
        socket(2).join("lr");
        assertThat(await(adapter(0).allSockets(java.util.Set.of("lr")))).containsExactly(ids[2]);
        await(adapter(0).remoteJoin(ids[1], "joined"));
        assertThat(socket(1).rooms()).contains("joined");
        await(adapter(0).remoteLeave(ids[1], "joined"));
        assertThat(socket(1).rooms()).doesNotContain("joined");
        await(adapter(0).remoteDisconnect(ids[1], true));
        eventually(clients[1]::closed, "client 1 closed");
    }

    @Test
    void requestsFailWithATimeoutWhenAServerDoesNotAnswer() throws Exception {
        // a fourth "server" that subscribes to the request channel (so it is counted) but never answers
        try (RedisConnection silent = RedisConnection.open(redis.uri())) {
            silent.subscriber((ch, m) -> { }).subscribe("socket.io-request#/#").toCompletableFuture()
                    .get(WAIT_MS, TimeUnit.MILLISECONDS);
            CompletableFuture<List<RemoteSocket>> sockets = servers[0].io.fetchSockets().toCompletableFuture();
            // the timer starts once the servers were counted: advance the clock until it fired
            eventually(() -> {
                servers[0].clock.advance(RedisAdapterOptions.DEFAULT_REQUESTS_TIMEOUT);
                return sockets.isDone();
            }, "timed out");
            Throwable e = failure(sockets);
            assertThat(e).isInstanceOf(TimeoutException.class)
                    .hasMessageMatching("timeout reached: only \\d responses received out of 3");
        }
    }

    @Test
    void theEmitterReachesTheClients() {
        socket(1).join("room1");
        try (RedisEmitter emitter = RedisEmitter.create(redis.uri())) {
            await(emitter.to("room1").emit("news", "from", "emitter", new byte[] {5}));
            assertThat(nextText(clients[1])).isEqualTo("51-[\"news\",\"from\",\"emitter\",{\"_placeholder\":true,"
                    + "\"num\":0}]");
            assertThat((byte[]) next(clients[1])).containsExactly(5);
            await(emitter.in("room1").socketsJoin("room9"));
            eventually(() -> socket(1).rooms().contains("room9"), "joined through the emitter");
            List<String> heard = new CopyOnWriteArrayList<>();
            servers[2].io.sockets().onServerSideEmit("reload", (args, ack) -> heard.add(args.json().toString()));
            await(emitter.serverSideEmit("reload", 42));
            eventually(() -> !heard.isEmpty(), "server-side emit heard");
            assertThat(heard).containsExactly("[42]");
            await(emitter.in(ids[0]).disconnectSockets(true));
            eventually(clients[0]::closed, "client 0 closed");
        }
        nothingElse(clients[1], clients[2]);
    }

    static Throwable failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
            throw new AssertionError("not failed");
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (CompletionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
