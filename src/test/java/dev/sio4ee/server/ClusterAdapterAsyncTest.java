package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.adapter.InMemoryBus;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cluster of {@link ClusterAdapterTest} with a bus delivering on its own thread, as a network transport does. */
class ClusterAdapterAsyncTest {
    private static final int NODES_COUNT = 3;

    private final ExecutorService delivery = Executors.newSingleThreadExecutor();
    private final InMemoryBus bus = new InMemoryBus(delivery);
    private final Harness[] servers = new Harness[NODES_COUNT];
    private final RawClient[] clients = new RawClient[NODES_COUNT];
    private final String[] ids = new String[NODES_COUNT];

    @BeforeEach
    void startThreeServers() {
        for (int i = 0; i < NODES_COUNT; i++) {
            servers[i] = new Harness(SocketIoOptions.defaults().withAdapter(bus.factory()));
            clients[i] = servers[i].client();
            ids[i] = clients[i].connect("/");
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Harness h : servers) {
            h.io.close();
        }
        delivery.shutdown();
        assertThat(delivery.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Waits (at most 30 s, bounded) until the condition holds. */
    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        boolean met = condition.getAsBoolean();
        for (int i = 0; i < 3_000 && !met; i++) {
            Thread.sleep(10);
            met = condition.getAsBoolean();
        }
        assertThat(met).isTrue();
    }

    /** The next frame of a client, waiting for it (bounded). */
    private static Object next(RawClient client) throws InterruptedException {
        Object[] frame = new Object[1];
        eventually(() -> (frame[0] = client.poll()) != null);
        return frame[0];
    }

    @Test
    void broadcastsToAllClients() throws Exception {
        servers[0].io.emit("test", 1, "2");
        for (RawClient c : clients) {
            assertThat(next(c)).isEqualTo("2[\"test\",1,\"2\"]");
        }
    }

    @Test
    void socketsJoinReachesRemoteSockets() throws Exception {
        servers[1].io.socketsJoin("room1");
        for (int i = 0; i < NODES_COUNT; i++) {
            Socket s = servers[i].socket("/", ids[i]);
            eventually(() -> s.rooms().contains("room1"));
        }
    }

    @Test
    void fetchSocketsReturnsAllSocketInstances() throws Exception {
        List<RemoteSocket> sockets = await(servers[2].io.fetchSockets());
        assertThat(sockets).extracting(RemoteSocket::id).containsExactlyInAnyOrder(ids);
    }

    @Test
    void serverSideEmitWithAckCollectsEveryOtherServerAnswer() throws Exception {
        for (int i = 0; i < NODES_COUNT; i++) {
            int n = i;
            servers[i].io.sockets().onServerSideEmit("count", (args, ack) -> ack.send(n));
        }
        List<Args> answers = await(servers[0].io.serverSideEmitWithAck("count"));
        assertThat(answers).extracting(a -> a.json(0).toString()).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void broadcastsWithMultipleAcknowledgements() throws Exception {
        CompletionStage<List<Args>> answers = servers[0].io.emitWithAck("test");
        for (int i = 0; i < NODES_COUNT; i++) {
            String frame = (String) next(clients[i]);
            assertThat(frame).matches("2\\d+\\[\"test\"]");
            clients[i].send("3" + frame.substring(1, frame.indexOf('[')) + "[" + i + "]");
        }
        assertThat(await(answers)).extracting(a -> a.json(0).toString()).containsExactlyInAnyOrder("0", "1", "2");
    }
}
