package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.adapter.ClusterMessage;
import dev.sio4ee.adapter.InMemoryBus;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cluster in one JVM: three servers, each with its own engine and manual clock, whose adapters share an
 * {@link InMemoryBus}; one client connected to each. Named after socket.io-adapter's {@code cluster-adapter.ts}.
 */
class ClusterAdapterTest {
    private static final Pattern ACK_ID = Pattern.compile("^2(\\d+)\\[\"test\"]$");
    private static final int NODES_COUNT = 3;

    private final InMemoryBus bus = new InMemoryBus();
    private final Harness[] servers = new Harness[NODES_COUNT];
    private final RawClient[] clients = new RawClient[NODES_COUNT];
    private final String[] ids = new String[NODES_COUNT];
    private final List<String> heardBy0 = new ArrayList<>();

    @BeforeEach
    void startThreeServers() {
        for (int i = 0; i < NODES_COUNT; i++) {
            servers[i] = new Harness(SocketIoOptions.defaults().withAdapter(bus.factory()));
            clients[i] = servers[i].client();
            ids[i] = clients[i].connect("/");
        }
    }

    @AfterEach
    void stop() {
        for (Harness h : servers) {
            h.io.close();
        }
    }

    private Socket socket(int i) {
        return servers[i].socket("/", ids[i]);
    }

    /** Reads the broadcast "test" expecting an ack on client i and returns its ack id. */
    private String ackId(int i) {
        Matcher m = ACK_ID.matcher(clients[i].nextText());
        assertThat(m.matches()).isTrue();
        return m.group(1);
    }

    private static Throwable failure(CompletionStage<?> stage) {
        CompletableFuture<?> f = stage.toCompletableFuture();
        assertThat(f).isCompletedExceptionally();
        try {
            f.join();
            throw new AssertionError("not failed");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    // ---- broadcast ----

    @Test
    void broadcastsToAllClients() {
        servers[0].io.emit("test", 1, "2", new byte[] {3, 4});
        for (RawClient c : clients) {
            assertThat(c.nextText()).isEqualTo("51-[\"test\",1,\"2\",{\"_placeholder\":true,\"num\":0}]");
            assertThat(c.nextBinary()).containsExactly(3, 4);
            assertThat(c.poll()).isNull();
        }
    }

    @Test
    void broadcastsToAllClientsInANamespace() {
        for (int i = 0; i < NODES_COUNT; i++) {
            servers[i].io.of("/custom");
            clients[i].connect("/custom");
        }
        servers[0].io.of("/custom").emit("test");
        for (RawClient c : clients) {
            assertThat(c.nextText()).isEqualTo("2/custom,[\"test\"]");
            assertThat(c.poll()).isNull();
        }
    }

    @Test
    void broadcastsToAllClientsInARoom() {
        socket(1).join("room1");
        servers[0].io.to("room1").emit("test");
        assertThat(clients[0].poll()).isNull();
        assertThat(clients[1].nextText()).isEqualTo("2[\"test\"]");
        assertThat(clients[2].poll()).isNull();
    }

    @Test
    void broadcastsToAllClientsExceptInRoom() {
        socket(1).join("room1");
        servers[0].io.sockets().except("room1").emit("test");
        assertThat(clients[0].nextText()).isEqualTo("2[\"test\"]");
        assertThat(clients[1].poll()).isNull();
        assertThat(clients[2].nextText()).isEqualTo("2[\"test\"]");
    }

    @Test
    void broadcastsToLocalClientsOnly() {
        int before = bus.published().size();
        servers[0].io.local().emit("test");
        assertThat(clients[0].nextText()).isEqualTo("2[\"test\"]");
        assertThat(clients[1].poll()).isNull();
        assertThat(clients[2].poll()).isNull();
        assertThat(bus.published()).hasSize(before);
    }

    @Test
    void broadcastsWithMultipleAcknowledgements() {
        CompletionStage<List<Args>> answers = servers[0].io.timeout(50).emitWithAck("test");
        for (int i = 0; i < NODES_COUNT; i++) {
            clients[i].send("3" + ackId(i) + "[" + (i + 1) + "]");
        }
        assertThat(Harness.await(answers)).extracting(a -> a.json(0).toString())
                .containsExactlyInAnyOrder("1", "2", "3");
        assertThat(member(0).pendingAckRequestCount()).isEqualTo(1);
        servers[0].clock.advance(50);
        assertThat(member(0).pendingAckRequestCount()).isZero(); // clean up after the timeout
    }

    @Test
    void broadcastsWithMultipleAcknowledgementsBinaryContent() {
        CompletionStage<List<Args>> answers = servers[0].io.timeout(500).emitWithAck("test");
        for (int i = 0; i < NODES_COUNT; i++) {
            clients[i].send("61-" + ackId(i) + "[{\"_placeholder\":true,\"num\":0}]").send(new byte[] {(byte) i});
        }
        List<Args> list = Harness.await(answers);
        assertThat(list).hasSize(3);
        assertThat(list).extracting(a -> a.bytes(0)[0]).containsExactlyInAnyOrder((byte) 0, (byte) 1, (byte) 2);
    }

    @Test
    void broadcastsWithMultipleAcknowledgementsNoClient() {
        assertThat(Harness.await(servers[0].io.to("abc").timeout(500).emitWithAck("test"))).isEmpty();
    }

    @Test
    void broadcastsWithMultipleAcknowledgementsTimeout() {
        CompletionStage<List<Args>> answers = servers[0].io.timeout(50).emitWithAck("test");
        clients[0].send("3" + ackId(0) + "[1]");
        clients[1].send("3" + ackId(1) + "[2]");
        ackId(2); // never answers
        assertThat(answers.toCompletableFuture()).isNotDone();
        servers[0].clock.advance(50);
        Throwable e = failure(answers);
        assertThat(e).isInstanceOf(AckTimeoutException.class);
        assertThat(((AckTimeoutException) e).responses()).extracting(a -> a.json(0).toString())
                .containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void broadcastsWithASingleAcknowledgementLocal() {
        CompletionStage<Args> answer = socket(1).emitWithAck("test");
        clients[1].send("3" + ackId(1) + "[2]");
        assertThat(Harness.await(answer).json(0).toString()).isEqualTo("2");
        assertThat(clients[0].poll()).isNull();
        assertThat(clients[2].poll()).isNull();
    }

    @Test
    void broadcastsWithASingleAcknowledgementRemote() {
        List<RemoteSocket> sockets = Harness.await(servers[0].io.in(ids[1]).fetchSockets());
        assertThat(sockets).hasSize(1);
        CompletionStage<List<Args>> answer = sockets.get(0).timeout(500).emitWithAck("test");
        clients[1].send("3" + ackId(1) + "[2]");
        assertThat(Harness.await(answer)).extracting(a -> a.json(0).toString()).containsExactly("2");
        assertThat(clients[0].poll()).isNull();
        assertThat(clients[2].poll()).isNull();
    }

    // ---- socketsJoin / socketsLeave ----

    @Test
    void socketsJoinMakesAllSocketInstancesJoinTheSpecifiedRoom() {
        servers[0].io.socketsJoin("room1");
        for (int i = 0; i < NODES_COUNT; i++) {
            assertThat(socket(i).rooms()).contains("room1");
        }
    }

    @Test
    void socketsJoinMakesTheMatchingSocketInstancesJoinTheSpecifiedRoom() {
        socket(0).join("room1");
        socket(2).join("room1");
        servers[0].io.in("room1").socketsJoin("room2");
        assertThat(socket(0).rooms()).contains("room2");
        assertThat(socket(1).rooms()).doesNotContain("room2");
        assertThat(socket(2).rooms()).contains("room2");
    }

    @Test
    void socketsJoinMakesTheGivenSocketInstanceJoinTheSpecifiedRoom() {
        servers[0].io.in(ids[1]).socketsJoin("room3");
        assertThat(socket(0).rooms()).doesNotContain("room3");
        assertThat(socket(1).rooms()).contains("room3");
        assertThat(socket(2).rooms()).doesNotContain("room3");
    }

    @Test
    void socketsLeaveMakesAllSocketInstancesLeaveTheSpecifiedRoom() {
        socket(0).join("room1");
        socket(2).join("room1");
        servers[0].io.socketsLeave("room1");
        for (int i = 0; i < NODES_COUNT; i++) {
            assertThat(socket(i).rooms()).doesNotContain("room1");
        }
    }

    @Test
    void socketsLeaveMakesTheMatchingSocketInstancesLeaveTheSpecifiedRoom() {
        socket(0).join("room1", "room2");
        socket(1).join("room1", "room2");
        socket(2).join("room2");
        servers[0].io.in("room1").socketsLeave("room2");
        assertThat(socket(0).rooms()).doesNotContain("room2");
        assertThat(socket(1).rooms()).doesNotContain("room2");
        assertThat(socket(2).rooms()).contains("room2");
    }

    @Test
    void socketsLeaveMakesTheGivenSocketInstanceLeaveTheSpecifiedRoom() {
        for (int i = 0; i < NODES_COUNT; i++) {
            socket(i).join("room3");
        }
        servers[0].io.in(ids[1]).socketsLeave("room3");
        assertThat(socket(0).rooms()).contains("room3");
        assertThat(socket(1).rooms()).doesNotContain("room3");
        assertThat(socket(2).rooms()).contains("room3");
    }

    // ---- disconnectSockets ----

    @Test
    void disconnectSocketsMakesAllSocketInstancesDisconnect() {
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < NODES_COUNT; i++) {
            socket(i).onDisconnect((r, d) -> reasons.add(r.text()));
        }
        servers[0].io.disconnectSockets(false);
        assertThat(reasons).containsExactly("server namespace disconnect", "server namespace disconnect",
                "server namespace disconnect");
        for (int i = 0; i < NODES_COUNT; i++) {
            assertThat(clients[i].nextText()).isEqualTo("1"); // "io server disconnect" on the client
            assertThat(servers[i].io.sockets().sockets()).isEmpty();
        }
    }

    @Test
    void disconnectSocketsSendsAPacketBeforeAllSocketInstancesDisconnect() {
        servers[0].io.emit("bye");
        servers[0].io.disconnectSockets(true);
        for (RawClient c : clients) {
            assertThat(c.nextText()).isEqualTo("2[\"bye\"]");
            assertThat(c.closed()).isTrue();
        }
    }

    // ---- fetchSockets ----

    @Test
    void fetchSocketsReturnsAllSocketInstances() {
        List<RemoteSocket> sockets = Harness.await(servers[0].io.fetchSockets());
        assertThat(sockets).extracting(RemoteSocket::id).containsExactlyInAnyOrder(ids);
        assertThat(pendingRequests(0)).isZero(); // clean up
    }

    @Test
    void fetchSocketsReturnsASingleSocketInstance() {
        socket(1).data().put("user", "test");
        socket(1).data().put("avatar", new byte[] {7});
        List<RemoteSocket> sockets = Harness.await(servers[0].io.in(ids[1]).fetchSockets());
        assertThat(sockets).hasSize(1);
        RemoteSocket remote = sockets.get(0);
        assertThat(remote.details().handshake()).isEqualTo(socket(1).handshake().toJson());
        assertThat(remote.data()).containsEntry("user", "test");
        assertThat((byte[]) remote.data().get("avatar")).containsExactly(7);
        assertThat(remote.rooms()).containsExactly(ids[1]);
    }

    @Test
    void fetchSocketsReturnsOnlyLocalSocketInstances() {
        assertThat(Harness.await(servers[0].io.local().fetchSockets())).extracting(RemoteSocket::id)
                .containsExactly(ids[0]);
    }

    @Test
    void fetchSocketsTimesOutWhenAServerDoesNotAnswer() {
        bus.silence(servers[2].io.sockets().adapter());
        CompletionStage<List<RemoteSocket>> sockets = servers[0].io.fetchSockets();
        assertThat(sockets.toCompletableFuture()).isNotDone();
        servers[0].clock.advance(5_000);
        assertThat(failure(sockets)).isInstanceOf(TimeoutException.class)
                .hasMessage("timeout reached: only 1 responses received out of 2");
        assertThat(pendingRequests(0)).isZero();
    }

    @Test
    void remoteSocketsEmitJoinLeaveAndDisconnectOnTheirServer() {
        RemoteSocket remote = Harness.await(servers[0].io.in(ids[2]).fetchSockets()).get(0);
        remote.emit("hello", "remote");
        assertThat(clients[2].nextText()).isEqualTo("2[\"hello\",\"remote\"]");
        remote.join("room9");
        assertThat(socket(2).rooms()).contains("room9");
        remote.leave("room9");
        assertThat(socket(2).rooms()).doesNotContain("room9");
        remote.disconnect(true);
        assertThat(clients[2].closed()).isTrue();
        assertThat(clients[1].closed()).isFalse();
    }

    private InMemoryBus.Member member(int server) {
        return (InMemoryBus.Member) servers[server].io.sockets().adapter();
    }

    private int pendingRequests(int server) {
        return member(server).pendingRequestCount();
    }

    // ---- serverSideEmit ----

    @Test
    void serverSideEmitSendsAnEventToOtherServerInstances() {
        List<String> heard = new ArrayList<>();
        for (int i = 0; i < NODES_COUNT; i++) {
            int n = i;
            servers[i].io.sockets().onServerSideEmit("hello", (args, ack) ->
                    heard.add(n + ":" + args.json()));
        }
        servers[0].io.serverSideEmit("hello", "world", 1, "2");
        assertThat(heard).containsExactlyInAnyOrder("1:[\"world\", 1, \"2\"]", "2:[\"world\", 1, \"2\"]");
    }

    @Test
    void serverSideEmitSendsAnEventAndReceivesAResponseFromTheOtherServerInstances() {
        servers[0].io.sockets().onServerSideEmit("hello", (args, ack) -> heardBy0.add("called"));
        servers[1].io.sockets().onServerSideEmit("hello", (args, ack) -> ack.send(2));
        servers[2].io.sockets().onServerSideEmit("hello", (args, ack) -> ack.send("3"));
        List<Args> answers = Harness.await(servers[0].io.serverSideEmitWithAck("hello"));
        assertThat(answers).extracting(a -> a.json(0).toString()).containsExactlyInAnyOrder("2", "\"3\"");
        assertThat(heardBy0).isEmpty();
    }

    @Test
    void serverSideEmitSendsAnEventButTimeoutIfOneServerDoesNotRespond() {
        servers[1].io.sockets().onServerSideEmit("hello", (args, ack) -> ack.send(2));
        servers[2].io.sockets().onServerSideEmit("hello", (args, ack) -> { });
        CompletionStage<List<Args>> answers = servers[0].io.serverSideEmitWithAck("hello");
        assertThat(answers.toCompletableFuture()).isNotDone();
        servers[0].clock.advance(Namespace.SERVER_SIDE_EMIT_TIMEOUT);
        assertThat(failure(answers)).isInstanceOf(TimeoutException.class)
                .hasMessage("timeout reached: only 1 responses received out of 2");
    }

    @Test
    void serverSideEmitCarriesBinaryArgumentsAndAnswers() {
        List<byte[]> received = new ArrayList<>();
        servers[1].io.sockets().onServerSideEmit("blob", (args, ack) -> {
            received.add(args.bytes(0));
            ack.send((Object) new byte[] {9});
        });
        servers[2].io.sockets().onServerSideEmit("blob", (args, ack) -> ack.send((Object) new byte[] {8}));
        List<Args> answers = Harness.await(servers[0].io.serverSideEmitWithAck("blob", (Object) new byte[] {1, 2}));
        assertThat(received).hasSize(1);
        assertThat(received.get(0)).containsExactly(1, 2);
        assertThat(answers).extracting(a -> a.bytes(0)[0]).containsExactlyInAnyOrder((byte) 9, (byte) 8);
    }

    // ---- wire ----

    @Test
    void publishesNodeMessageTypesAndFieldNames() {
        servers[0].io.to("room1").except("room2").emit("news", "hi");
        ClusterMessage m = bus.published().get(bus.published().size() - 1);
        JsonObject json = m.toJson();
        assertThat(json.getInt("type")).isEqualTo(3);
        assertThat(json.getString("nsp")).isEqualTo("/");
        assertThat(json.getString("uid")).isEqualTo(member(0).uid());
        JsonObject data = json.getJsonObject("data");
        assertThat(data.getJsonObject("opts").toString())
                .isEqualTo("{\"rooms\":[\"room1\"],\"except\":[\"room2\"],\"flags\":{\"compress\":true}}");
        assertThat(data.getJsonObject("packet").toString())
                .isEqualTo("{\"type\":2,\"data\":[\"news\",\"hi\"],\"nsp\":\"/\"}");
    }
}
