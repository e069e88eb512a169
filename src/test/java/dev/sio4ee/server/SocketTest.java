package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SocketTest {
    private final Harness h = new Harness();

    @Test
    void shouldReceiveEvents() {
        List<Object> got = new ArrayList<>();
        h.io.onConnection(s -> s.on("random", (args, ack) -> got.addAll(args)));
        RawClient c = h.client();
        c.connect("/");
        c.send("2[\"random\",1,\"2\",[3],{\"4\":null}]");
        assertThat(got).containsExactly(1, "2", List.of(3), java.util.Collections.singletonMap("4", null));
    }

    @Test
    void shouldEmitEvents() {
        h.io.onConnection(s -> s.emit("woot", "tobi", 1, true, Map.of("a", List.of())));
        RawClient c = h.client();
        c.connect("/");
        assertThat(c.nextText()).isEqualTo("2[\"woot\",\"tobi\",1,true,{\"a\":[]}]");
    }

    @Test
    void shouldEmitEventsWithUtf8MultibyteCharacter() {
        h.io.onConnection(s -> s.emit("hoot", "utf8 — ✔"));
        RawClient c = h.client();
        c.connect("/");
        assertThat(c.nextText()).isEqualTo("2[\"hoot\",\"utf8 — ✔\"]");
    }

    @Test
    void shouldEmitEventsWithBinaryData() {
        h.io.onConnection(s -> s.emit("doge", "wow", Map.of("img", new byte[] {1, 2, 3})));
        RawClient c = h.client();
        c.connect("/");
        assertThat(c.nextText()).isEqualTo("51-[\"doge\",\"wow\",{\"img\":{\"_placeholder\":true,\"num\":0}}]");
        assertThat(c.nextBinary()).containsExactly(1, 2, 3);
    }

    @Test
    void shouldReceiveEventsWithBinaryData() {
        AtomicReference<Args> got = new AtomicReference<>();
        h.io.onConnection(s -> s.on("buff", (args, ack) -> got.set(args)));
        RawClient c = h.client();
        c.connect("/");
        c.send("51-[\"buff\",\"x\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(got.get()).as("waits for the attachment").isNull();
        c.send(new byte[] {9, 8});
        assertThat(got.get().string(0)).isEqualTo("x");
        assertThat(got.get().bytes(1)).containsExactly(9, 8);
        assertThat(got.get().get(1)).isInstanceOf(byte[].class);
    }

    @Test
    void shouldReceiveEventsWithSeveralTypesOfDataIncludingBinary() {
        AtomicReference<Args> got = new AtomicReference<>();
        h.io.onConnection(s -> s.on("multiple", (args, ack) -> got.set(args)));
        RawClient c = h.client();
        c.connect("/");
        c.send("52-[\"multiple\",1,{\"_placeholder\":true,\"num\":0},\"3\",[4],{\"test\":{\"_placeholder\":true,\"num\":1}}]");
        c.send(new byte[] {1}).send(new byte[] {2});
        Args a = got.get();
        assertThat(a).hasSize(5);
        assertThat(a.get(0)).isEqualTo(1);
        assertThat(a.bytes(1)).containsExactly(1);
        assertThat(a.get(2)).isEqualTo("3");
        assertThat((byte[]) ((Map<?, ?>) a.get(4)).get("test")).containsExactly(2);
    }

    @Test
    void shouldReceiveMessageEventsThroughSend() {
        h.io.onConnection(s -> s.send("hello"));
        RawClient c = h.client();
        c.connect("/");
        assertThat(c.nextText()).isEqualTo("2[\"message\",\"hello\"]");
    }

    @Test
    void shouldHaveADistinctTwentyCharacterSocketId() {
        RawClient c = h.client();
        String id = c.connect("/");
        assertThat(id).hasSize(20).matches("[A-Za-z0-9_-]+").isNotEqualTo(c.engineSid);
        assertThat(h.socket("/", id).client().id()).isEqualTo(c.engineSid);
    }

    @Test
    void shouldHaveAccessToTheHandshake() {
        AtomicReference<Handshake> hs = new AtomicReference<>();
        h.io.onConnection(s -> hs.set(s.handshake()));
        RawClient c = h.client();
        c.send("0{\"token\":\"abc\"}");
        assertThat(c.nextText()).startsWith("0{\"sid\":");
        Handshake handshake = hs.get();
        assertThat(handshake.auth().getString("token")).isEqualTo("abc");
        assertThat(handshake.query()).containsEntry("EIO", "4").containsEntry("transport", "websocket");
        assertThat(handshake.header("User-Agent")).isEqualTo("fake");
        assertThat(handshake.address()).isEqualTo("127.0.0.1");
        assertThat(handshake.xdomain()).isFalse();
        assertThat(handshake.url()).contains("EIO=4");
        assertThat(handshake.issued()).isPositive();
        assertThat(handshake.time()).contains("GMT");
        assertThat(Handshake.fromJson(handshake.toJson()).auth()).isEqualTo(handshake.auth());
        assertThat(Handshake.fromJson(handshake.toJson()).query()).isEqualTo(handshake.query());
    }

    @Test
    void shouldThrowOnReservedEvent() {
        AtomicReference<Socket> socket = new AtomicReference<>();
        h.io.onConnection(socket::set);
        h.client().connect("/");
        for (String name : List.of("connect", "connect_error", "disconnect", "disconnecting", "newListener",
                "removeListener")) {
            assertThatThrownBy(() -> socket.get().emit(name)).hasMessage("\"" + name + "\" is a reserved event name");
            assertThatThrownBy(() -> h.io.emit(name)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldCloseTheConnectionWhenAClientSendsAReservedEventName() {
        List<String> reasons = new ArrayList<>();
        List<String> received = new ArrayList<>();
        h.io.onConnection(s -> {
            s.on("disconnect", (args, ack) -> received.add("disconnect"));
            s.onAny((event, args) -> received.add(event));
            s.onDisconnect((r, d) -> reasons.add(r.text()));
        });
        RawClient c = h.client();
        c.connect("/");
        c.send("2[\"disconnect\"]");
        assertThat(received).isEmpty();
        assertThat(reasons).containsExactly("parse error");
        assertThat(c.closed()).isTrue();
    }

    @Test
    void shouldCloseWithParseErrorOnAnInvalidPacket() {
        List<DisconnectReason> reasons = new ArrayList<>();
        h.io.onConnection(s -> s.onDisconnect((r, d) -> reasons.add(r)));
        RawClient c = h.client();
        c.connect("/");
        c.send("2{\"not\":\"an array\"}");
        assertThat(reasons).containsExactly(DisconnectReason.PARSE_ERROR);
        assertThat(c.closed()).isTrue();
        assertThat(h.engine.clientsCount()).isZero();
    }

    @Test
    void shouldCallOnAnyBeforeTheHandlersAndOnAnyOutgoing() {
        List<String> log = new ArrayList<>();
        h.io.onConnection(s -> {
            s.onAny((event, args) -> log.add("any " + event + " " + args));
            s.on("ev", (args, ack) -> log.add("handler"));
            s.onAnyOutgoing((event, args) -> log.add("out " + event + " " + args));
            s.emit("hello", 1);
            h.io.emit("broadcast", "x");
        });
        RawClient c = h.client();
        c.connect("/");
        c.send("2[\"ev\",\"a\"]");
        assertThat(log).containsExactly("out hello [1]", "out broadcast [x]", "any ev [a]", "handler");
    }

    @Test
    void shouldNotCrashWhenAHandlerThrows() {
        List<String> log = new ArrayList<>();
        h.io.onConnection(s -> {
            s.on("boom", (args, ack) -> {
                throw new IllegalStateException("boom (thrown on purpose by the test)");
            });
            s.on("boom", (args, ack) -> log.add("second handler ran"));
        });
        RawClient c = h.client();
        String id = c.connect("/");
        c.send("2[\"boom\"]");
        assertThat(log).containsExactly("second handler ran");
        assertThat(h.socket("/", id).connected()).isTrue();
    }

    @Test
    void shouldFireADisconnectingEventWithRoomsStillJoined() {
        List<String> log = new ArrayList<>();
        h.io.onConnection(s -> {
            s.join("a");
            s.onDisconnecting((r, d) -> log.add("disconnecting " + s.rooms().contains("a") + " " + s.connected()));
            s.onDisconnect((r, d) -> log.add("disconnect " + s.rooms().isEmpty() + " " + s.connected() + " " + r));
        });
        RawClient c = h.client();
        c.connect("/");
        c.send("1");
        assertThat(log).containsExactly("disconnecting true true", "disconnect true false client namespace disconnect");
        assertThat(h.io.sockets().adapter().rooms()).isEmpty();
    }

    @Test
    void shouldDisconnectWithServerNamespaceDisconnectAndSendADisconnectPacket() {
        List<DisconnectReason> reasons = new ArrayList<>();
        AtomicReference<Socket> socket = new AtomicReference<>();
        h.io.onConnection(s -> {
            socket.set(s);
            s.onDisconnect((r, d) -> reasons.add(r));
        });
        RawClient c = h.client();
        c.connect("/");
        socket.get().disconnect();
        assertThat(c.nextText()).isEqualTo("1");
        assertThat(reasons).containsExactly(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
        assertThat(c.closed()).isFalse();
        assertThat(h.io.sockets().sockets()).isEmpty();
    }

    @Test
    void shouldCloseTheUnderlyingConnectionWithDisconnectTrue() {
        List<DisconnectReason> reasons = new ArrayList<>();
        AtomicReference<Socket> socket = new AtomicReference<>();
        h.io.onConnection(s -> {
            socket.set(s);
            s.onDisconnect((r, d) -> reasons.add(r));
        });
        RawClient c = h.client();
        c.connect("/");
        socket.get().disconnect(true);
        assertThat(c.nextText()).isEqualTo("1");
        assertThat(reasons).containsExactly(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
        assertThat(c.closed()).isTrue();
    }

    @Test
    void shouldReportTransportCloseWhenTheClientGoesAway() {
        List<DisconnectReason> reasons = new ArrayList<>();
        h.io.onConnection(s -> s.onDisconnect((r, d) -> reasons.add(r)));
        RawClient c = h.client();
        c.connect("/");
        c.close();
        assertThat(reasons).containsExactly(DisconnectReason.TRANSPORT_CLOSE);
    }

    @Test
    void shouldReportPingTimeout() {
        List<DisconnectReason> reasons = new ArrayList<>();
        h.io.onConnection(s -> s.onDisconnect((r, d) -> reasons.add(r)));
        h.client().connect("/");
        h.clock.advance(25_000 + 20_000 + 1);
        assertThat(reasons).containsExactly(DisconnectReason.PING_TIMEOUT);
    }

    @Test
    void shouldIgnoreAPacketReceivedAfterDisconnection() {
        List<String> got = new ArrayList<>();
        h.io.onConnection(s -> s.on("ev", (args, ack) -> got.add("ev")));
        RawClient c = h.client();
        c.connect("/");
        c.send("1");
        c.send("2[\"ev\"]");
        assertThat(got).isEmpty();
        assertThat(c.closed()).as("an event for a namespace not joined closes the connection").isTrue();
    }

    @Test
    void shouldNotifyTheServerListenersInOrder() {
        List<String> log = new ArrayList<>();
        h.io.addListener(new ServerListener() {
            @Override
            public void onConnected(Socket socket) {
                log.add("connected");
            }

            @Override
            public void onEvent(Socket socket, String event, Args args, Ack ack) {
                log.add("event " + event);
                ack.send("from listener");
            }

            @Override
            public void onDisconnecting(Socket socket, DisconnectReason reason, String description) {
                log.add("disconnecting");
            }

            @Override
            public void onDisconnected(Socket socket, DisconnectReason reason, String description) {
                log.add("disconnected " + reason);
            }
        });
        h.io.onConnection(s -> {
            log.add("connection");
            s.on("ev", (args, ack) -> log.add("handler sent=" + ack.send("from handler")));
        });
        RawClient c = h.client();
        c.connect("/");
        c.send("21[\"ev\"]");
        c.send("1");
        assertThat(log).containsExactly("connected", "connection", "event ev", "handler sent=false", "disconnecting",
                "disconnected client namespace disconnect");
        assertThat(c.nextText()).isEqualTo("31[\"from listener\"]");
    }

    @Test
    void shouldKeepData() {
        AtomicReference<Socket> socket = new AtomicReference<>();
        h.io.onConnection(s -> {
            s.data().put("user", "alice");
            socket.set(s);
        });
        h.client().connect("/");
        assertThat(socket.get().data()).containsEntry("user", "alice");
        assertThat(Harness.await(h.io.fetchSockets()).get(0).data()).containsEntry("user", "alice");
    }
}
