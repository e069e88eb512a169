package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UtilityMethodsTest {
    private final Harness h = new Harness();
    private final List<String> reasons = new ArrayList<>();
    private RawClient a;
    private RawClient b;
    private RawClient c;
    private String ida;
    private String idb;
    private String idc;

    @BeforeEach
    void connectThree() {
        h.io.onConnection(s -> s.onDisconnect((r, d) -> reasons.add(s.id() + " " + r.text())));
        a = h.client();
        b = h.client();
        c = h.client();
        ida = a.connect("/");
        idb = b.connect("/");
        idc = c.connect("/");
        h.socket("/", ida).join("room1");
        h.socket("/", idb).join("room1", "room2");
    }

    @Test
    void fetchSocketsReturnsAllSocketInstances() {
        List<RemoteSocket> sockets = Harness.await(h.io.fetchSockets());
        assertThat(sockets).extracting(RemoteSocket::id).containsExactlyInAnyOrder(ida, idb, idc);
        RemoteSocket rb = sockets.stream().filter(s -> s.id().equals(idb)).findFirst().orElseThrow();
        assertThat(rb.rooms()).containsExactlyInAnyOrder(idb, "room1", "room2");
        assertThat(rb.handshake().query()).containsEntry("EIO", "4");
        assertThat(rb.details().handshake().getJsonObject("headers").getString("user-agent")).isEqualTo("fake");
    }

    @Test
    void fetchSocketsReturnsTheSocketInstancesInARoom() {
        assertThat(Harness.await(h.io.in("room1").fetchSockets())).extracting(RemoteSocket::id)
                .containsExactlyInAnyOrder(ida, idb);
        assertThat(Harness.await(h.io.in("room1").except("room2").fetchSockets())).extracting(RemoteSocket::id)
                .containsExactly(ida);
    }

    @Test
    void remoteSocketsCanEmitJoinLeaveAndDisconnect() {
        RemoteSocket rc = Harness.await(h.io.except("room1").fetchSockets()).get(0);
        assertThat(rc.id()).isEqualTo(idc);
        rc.emit("hello", "remote");
        assertThat(c.nextText()).isEqualTo("2[\"hello\",\"remote\"]");
        assertThat(a.poll()).isNull();
        rc.join("room3");
        assertThat(h.socket("/", idc).rooms()).contains("room3");
        rc.leave("room3");
        assertThat(h.socket("/", idc).rooms()).doesNotContain("room3");
        rc.disconnect(false);
        assertThat(c.nextText()).isEqualTo("1");
        assertThat(reasons).containsExactly(idc + " server namespace disconnect");
    }

    @Test
    void remoteSocketsCanEmitWithAckAndTimeout() {
        RemoteSocket rc = Harness.await(h.io.except("room1").fetchSockets()).get(0);
        var answer = rc.timeout(1_000).emitWithAck("question", 1).toCompletableFuture();
        String sent = c.nextText();
        assertThat(sent).matches("2\\d+\\[\"question\",1\\]");
        String ackId = sent.substring(1, sent.indexOf('['));
        c.send("3" + ackId + "[\"yes\"]");
        assertThat(Harness.await(answer)).hasSize(1);
        assertThat(Harness.await(answer).get(0).string(0)).isEqualTo("yes");

        var unanswered = rc.timeout(1_000).emitWithAck("question", 2).toCompletableFuture();
        c.nextText();
        h.clock.advance(999);
        assertThat(unanswered).isNotDone();
        h.clock.advance(2);
        assertThat(unanswered).isCompletedExceptionally();
    }

    @Test
    void socketsJoinMakesAllSocketInstancesJoinTheGivenRoom() {
        h.io.socketsJoin("room4", "room5");
        for (String id : List.of(ida, idb, idc)) {
            assertThat(h.socket("/", id).rooms()).contains("room4", "room5");
        }
    }

    @Test
    void socketsJoinMakesAllSocketInstancesInARoomJoinTheGivenRoom() {
        h.io.in("room2").socketsJoin("room6");
        assertThat(h.io.sockets().adapter().rooms().get("room6")).isEqualTo(Set.of(idb));
    }

    @Test
    void socketsLeaveMakesAllSocketInstancesLeaveTheGivenRoom() {
        h.io.socketsLeave("room1");
        assertThat(h.io.sockets().adapter().rooms()).doesNotContainKey("room1").containsKey("room2");
    }

    @Test
    void socketsLeaveMakesAllSocketInstancesInARoomLeaveTheGivenRoom() {
        h.io.in("room2").socketsLeave("room1");
        assertThat(h.io.sockets().adapter().rooms().get("room1")).isEqualTo(Set.of(ida));
    }

    @Test
    void disconnectSocketsMakesAllSocketInstancesDisconnect() {
        h.io.disconnectSockets(false);
        assertThat(reasons).hasSize(3).allMatch(r -> r.endsWith(" server namespace disconnect"));
        assertThat(a.nextText()).isEqualTo("1");
        assertThat(a.closed()).isFalse();
        assertThat(h.io.sockets().sockets()).isEmpty();
    }

    @Test
    void disconnectSocketsMakesAllSocketInstancesInARoomDisconnectAndCloseTheUnderlyingConnection() {
        h.io.in("room2").disconnectSockets(true);
        assertThat(reasons).containsExactly(idb + " server namespace disconnect");
        assertThat(b.closed()).isTrue();
        assertThat(a.closed()).isFalse();
        assertThat(h.io.sockets().sockets()).containsOnlyKeys(ida, idc);
    }

    @Test
    void serverSideEmitReachesNobodyOnASingleServer() {
        List<String> heard = new ArrayList<>();
        h.io.sockets().onServerSideEmit("hello", (args, ack) -> heard.add("local"));
        h.io.serverSideEmit("hello", "world");
        assertThat(heard).as("serverSideEmit never reaches the emitting server").isEmpty();
        assertThat(Harness.await(h.io.serverSideEmitWithAck("count"))).isEmpty();
        assertThat(a.poll()).isNull();
        assertThatThrownBy(() -> h.io.serverSideEmit("connect")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverSideEmitHandlersHearEventsFromOtherServers() {
        List<Object> heard = new ArrayList<>();
        List<Object> answers = new ArrayList<>();
        h.io.sockets().onServerSideEmit("ping", (args, ack) -> {
            heard.addAll(args);
            ack.send("pong");
            ack.send("twice");
        });
        h.io.sockets().adapter().host().onServerSideEmit(dev.sio4ee.protocol.Packet.event("/", "ping", List.of(1)),
                answers::addAll);
        assertThat(heard).containsExactly(1);
        assertThat(answers).containsExactly("pong");
    }

    @Test
    void shouldWorkOnACustomNamespace() {
        h.io.of("/chat");
        String id = a.connect("/chat");
        h.io.of("/chat").socketsJoin("chat-room");
        assertThat(Harness.await(h.io.of("/chat").in("chat-room").fetchSockets())).extracting(RemoteSocket::id)
                .containsExactly(id);
        assertThat(h.io.sockets().adapter().rooms()).doesNotContainKey("chat-room");
    }
}
