package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.adapter.Adapter;
import dev.sio4ee.adapter.InMemoryAdapter;
import dev.sio4ee.adapter.Session;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Connection-state recovery, named after socket.io's test/connection-state-recovery.ts. */
class ConnectionStateRecoveryTest {
    private static final SocketIoOptions RECOVERY = SocketIoOptions.defaults()
            .withConnectionStateRecovery(ConnectionStateRecovery.defaults());

    private Harness h = new Harness(RECOVERY);
    private final List<Socket> connections = new ArrayList<>();

    /** What {@code init} of the Node test returns: the socket id, the private id and an offset. */
    private record Init(String sid, String pid, String offset) {
    }

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    private static JsonArray array(String s) {
        return Json.createReader(new StringReader(s)).readArray();
    }

    /** Connects, gets one broadcast (hence an offset), then the client closes the connection. */
    private Init init() {
        RawClient c = h.client();
        c.send("0");
        String reply = c.nextText();
        assertThat(reply).startsWith("0{");
        JsonObject handshake = json(reply.substring(1));
        assertThat(handshake.getString("sid")).hasSize(20);
        assertThat(handshake.getString("pid")).as("the handshake carries a private session id").hasSize(20);
        h.io.emit("hello");
        String message = c.nextText();
        assertThat(message).startsWith("2[\"hello\"");
        JsonArray data = array(message.substring(1));
        assertThat(data).as("the packet carries an offset").hasSize(2);
        c.handler.onText("1"); // an Engine.IO CLOSE ("transport close", recoverable), not a Socket.IO DISCONNECT
        return new Init(handshake.getString("sid"), handshake.getString("pid"), data.getString(1));
    }

    private RawClient reconnect(Init init) {
        RawClient c = h.client();
        c.send("0{\"pid\":\"" + init.pid + "\",\"offset\":\"" + init.offset + "\"}");
        return c;
    }

    @Test
    void shouldRestoreSessionAndMissedPackets() {
        AtomicReference<Socket> serverSocket = new AtomicReference<>();
        h.io.onConnection(socket -> {
            if (serverSocket.compareAndSet(null, socket)) {
                socket.join("room1");
            }
        });
        Init init = init();

        h.io.emit("hello1"); // broadcast
        h.io.to("room1").emit("hello2"); // broadcast to room
        serverSocket.get().emit("hello3"); // direct message

        RawClient c = reconnect(init);
        List<Object> packets = c.drain();
        assertThat(packets).hasSize(4);
        // as in Node, the EVENT packets come before the CONNECT packet
        assertThat((String) packets.get(0)).startsWith("2[\"hello1\"");
        assertThat((String) packets.get(1)).startsWith("2[\"hello2\"");
        assertThat((String) packets.get(2)).startsWith("2[\"hello3\"");
        assertThat(packets.get(3)).isEqualTo("0{\"sid\":\"" + init.sid + "\",\"pid\":\"" + init.pid + "\"}");
    }

    @Test
    void shouldRestoreRoomsAndDataAttributes() {
        h.io.onConnection(socket -> {
            connections.add(socket);
            if (connections.size() == 1) {
                assertThat(socket.recovered()).isFalse();
                socket.join("room1");
                socket.join("room2");
                socket.data().put("foo", "bar");
            }
        });
        Init init = init();
        reconnect(init);

        assertThat(connections).hasSize(2);
        Socket socket = connections.get(1);
        assertThat(socket.id()).isEqualTo(init.sid);
        assertThat(socket.recovered()).isTrue();
        assertThat(socket.rooms()).contains(socket.id(), "room1", "room2");
        assertThat(socket.data()).containsEntry("foo", "bar");
        assertThat(h.io.sockets().sockets()).containsOnlyKeys(init.sid);
    }

    @Test
    void shouldNotRestoreSessionIfTheProvidedOffsetIsNotAString() {
        h.io.onConnection(socket -> {
            connections.add(socket);
            if (connections.size() == 1) {
                socket.join("room1");
            }
        });
        Init init = init();
        RawClient c = h.client();
        c.send("0{\"pid\":\"" + init.pid + "\",\"offset\":123}");

        Socket socket = connections.get(1);
        assertThat(socket.recovered()).isFalse();
        assertThat(socket.id()).isNotEqualTo(init.sid);
        assertThat(socket.rooms()).doesNotContain("room1");
    }

    /** The recovered socket after a middleware added once the first connection was made. */
    private Socket recoverWithAMiddleware() {
        h.io.onConnection(connections::add);
        Init init = init();
        h.io.use((socket, next) -> {
            socket.data().put("middlewareWasCalled", true);
            next.proceed();
        });
        reconnect(init);
        Socket socket = connections.get(1);
        assertThat(socket.recovered()).isTrue();
        return socket;
    }

    @Test
    void shouldNotRunMiddlewaresUponRecoveryByDefault() {
        assertThat(recoverWithAMiddleware().data()).doesNotContainKey("middlewareWasCalled");
    }

    @Test
    void shouldRunMiddlewaresEvenUponRecovery() {
        h = new Harness(SocketIoOptions.defaults()
                .withConnectionStateRecovery(ConnectionStateRecovery.defaults().withSkipMiddlewares(false)));
        assertThat(recoverWithAMiddleware().data()).containsEntry("middlewareWasCalled", true);
    }

    @Test
    void shouldFailToRestoreAnUnknownSession() {
        RawClient c = h.client();
        c.send("0{\"pid\":\"foo\",\"offset\":\"bar\"}");
        String reply = c.nextText();
        assertThat(reply).startsWith("0{");
        JsonObject handshake = json(reply.substring(1));
        assertThat(handshake.getString("sid")).isNotEqualTo("foo").hasSize(20);
        assertThat(handshake.getString("pid")).isNotEqualTo("bar").hasSize(20);
    }

    @Test
    void shouldBeDisabledByDefault() {
        h = new Harness();
        RawClient c = h.client();
        c.send("0");
        JsonObject handshake = json(c.nextText().substring(1));
        assertThat(handshake.getString("sid")).hasSize(20);
        assertThat(handshake.containsKey("pid")).isFalse();
        h.io.emit("hello");
        assertThat(c.nextText()).as("no offset without recovery").isEqualTo("2[\"hello\"]");
    }

    @Test
    void shouldNotCallAdapterPersistSessionOrRestoreSessionIfDisabled() {
        List<String> calls = new ArrayList<>();
        Adapter.Factory dummy = host -> new InMemoryAdapter(host) {
            @Override
            public void persistSession(Session session) {
                calls.add("persistSession");
            }

            @Override
            public CompletionStage<Session> restoreSession(String pid, String offset) {
                calls.add("restoreSession");
                return super.restoreSession(pid, offset);
            }
        };
        h = new Harness(SocketIoOptions.defaults().withAdapter(dummy));
        RawClient c = h.client();
        c.send("0{\"pid\":\"foo\",\"offset\":\"bar\"}");
        assertThat(c.nextText()).startsWith("0{\"sid\":");
        c.handler.onText("1");
        assertThat(h.io.sockets().sockets()).isEmpty();
        assertThat(calls).isEmpty();
    }

    // ---- beyond the Node test file ----

    @Test
    void shouldUseTheGivenAdapterWhenOneIsSetAndTheSessionAwareOneOtherwise() {
        assertThat(h.io.sockets().adapter()).isInstanceOf(dev.sio4ee.adapter.SessionAwareAdapter.class);
        assertThat(new Harness().io.sockets().adapter().getClass()).isEqualTo(InMemoryAdapter.class);
    }

    @Test
    void shouldReplayEmitsToTheSocketItselfAndToItsRoomsButNotOthers() {
        AtomicReference<Socket> first = new AtomicReference<>();
        h.io.onConnection(socket -> {
            if (first.compareAndSet(null, socket)) {
                socket.join("mine");
            }
        });
        Init init = init();
        RawClient other = h.client();
        String otherId = json(connectReply(other).substring(1)).getString("sid");

        h.io.to("elsewhere").emit("not for me");
        h.io.to(otherId).emit("not for me either");
        h.io.except("mine").emit("excluded");
        h.io.asVolatile().emit("volatile");
        first.get().emit("direct", 1);
        h.io.to("mine").emit("room", 2);

        RawClient c = reconnect(init);
        List<Object> packets = c.drain();
        assertThat(packets).hasSize(3);
        assertThat(array(((String) packets.get(0)).substring(1)).getString(0)).isEqualTo("direct");
        assertThat(array(((String) packets.get(1)).substring(1)).getString(0)).isEqualTo("room");
        assertThat((String) packets.get(2)).startsWith("0{\"sid\":\"" + init.sid + "\"");
    }

    private static String connectReply(RawClient c) {
        c.send("0");
        return c.nextText();
    }

    @Test
    void shouldNotKeepTheSessionAfterANamespaceDisconnection() {
        h.io.onConnection(connections::add);
        RawClient c = h.client();
        JsonObject handshake = json(connectReply(c).substring(1));
        h.io.emit("hello");
        String offset = array(c.nextText().substring(1)).getString(1);
        c.send("1"); // Socket.IO DISCONNECT of "/": "client namespace disconnect" is not recoverable
        c.close();

        RawClient again = h.client();
        again.send("0{\"pid\":\"" + handshake.getString("pid") + "\",\"offset\":\"" + offset + "\"}");
        JsonObject reply = json(again.nextText().substring(1));
        assertThat(reply.getString("sid")).isNotEqualTo(handshake.getString("sid"));
        assertThat(connections.get(connections.size() - 1).recovered()).isFalse();
    }

    @Test
    void shouldNotRestoreAfterMaxDisconnectionDuration() {
        h.io.onConnection(connections::add);
        Init init = init();
        h.clock.advance(ConnectionStateRecovery.DEFAULT_MAX_DISCONNECTION_DURATION + 1);
        reconnect(init);
        assertThat(connections.get(1).recovered()).isFalse();
        assertThat(connections.get(1).id()).isNotEqualTo(init.sid);
    }

    @Test
    void shouldRestoreASessionOnlyOnce() {
        h.io.onConnection(connections::add);
        Init init = init();
        RawClient first = reconnect(init);
        RawClient second = reconnect(init);
        assertThat(connections.get(1).recovered()).isTrue();
        assertThat(connections.get(2).recovered()).isFalse();
        assertThat(connections.get(2).id()).isNotEqualTo(init.sid);
        assertThat(first.closed()).isFalse();
        assertThat(second.closed()).isFalse();
    }

    @Test
    void shouldHoldBroadcastsReachingARecoveredSocketUntilItsConnectReply() {
        h = new Harness(SocketIoOptions.defaults()
                .withConnectionStateRecovery(ConnectionStateRecovery.defaults().withSkipMiddlewares(false)));
        AtomicReference<Middleware.Next> pending = new AtomicReference<>();
        h.io.onConnection(connections::add);
        Init init = init();
        h.io.emit("missed");
        h.io.use((socket, next) -> pending.set(next));
        RawClient c = reconnect(init);
        assertThat(c.poll()).as("nothing before the middleware answers").isNull();

        h.io.emit("while the middleware thinks");
        connections.get(0).emit("direct, while the middleware thinks");
        assertThat(c.poll()).isNull();
        pending.get().proceed();

        List<Object> packets = c.drain();
        assertThat(packets).hasSize(4);
        assertThat((String) packets.get(0)).startsWith("2[\"missed\"");
        assertThat((String) packets.get(1)).startsWith("0{\"sid\":\"" + init.sid + "\"");
        assertThat((String) packets.get(2)).startsWith("2[\"while the middleware thinks\"");
        assertThat((String) packets.get(3)).startsWith("2[\"direct, while the middleware thinks\"");
    }

    @Test
    void shouldNotLoseNorDoubleBroadcastsRacingTheRestore() throws Exception {
        int count = 3_000;
        AtomicReference<Socket> first = new AtomicReference<>();
        h.io.onConnection(socket -> {
            if (first.compareAndSet(null, socket)) {
                socket.join("room1");
            }
        });
        Init init = init();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        Thread emitter = new Thread(() -> {
            for (int i = 1; i <= count; i++) {
                if (i % 2 == 0) {
                    h.io.to("room1").emit("n", i);
                } else {
                    first.get().emit("n", i); // the old socket object: routed by id to whoever has it now
                }
                if (i == 100) {
                    started.countDown();
                }
            }
        });
        emitter.start();
        assertThat(started.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        RawClient c = reconnect(init);
        emitter.join(30_000);
        assertThat(emitter.isAlive()).isFalse();

        List<Integer> numbers = new ArrayList<>();
        int connects = 0;
        for (Object f : c.drain()) {
            String frame = (String) f;
            if (frame.startsWith("0{")) {
                connects++;
            } else {
                numbers.add(array(frame.substring(1)).getInt(1));
            }
        }
        assertThat(connects).isEqualTo(1);
        assertThat(numbers).as("every number once, in order")
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, count).boxed().toList());
    }

    @Test
    void shouldReplayWhatTheOldTransportGotAfterTheLastOffsetTheClientProcessed() {
        RawClient c = h.client();
        JsonObject handshake = json(connectReply(c).substring(1));
        h.io.emit("processed");
        String offset = array(c.nextText().substring(1)).getString(1);
        h.io.emit("written to a connection that is about to break");
        assertThat(c.nextText()).startsWith("2[\"written to a connection that is about to break\"");
        c.close(); // the client never processed it: its last offset is still the first one

        RawClient again = h.client();
        again.send("0{\"pid\":\"" + handshake.getString("pid") + "\",\"offset\":\"" + offset + "\"}");
        List<Object> packets = again.drain();
        assertThat(packets).hasSize(2);
        assertThat((String) packets.get(0)).startsWith("2[\"written to a connection that is about to break\"");
        assertThat((String) packets.get(1)).startsWith("0{\"sid\":\"" + handshake.getString("sid") + "\"");
    }

    @Test
    void shouldGiveAnOffsetToSocketEmitsAndKeepAcksWorking() {
        h.io.onConnection(connections::add);
        RawClient c = h.client();
        connectReply(c);
        Socket socket = connections.get(0);
        CompletionStage<Args> answer = socket.emitWithAck("question");
        socket.emit("plain", "x");
        String question = c.nextText();
        assertThat(question).isEqualTo("20[\"question\"]");
        JsonArray plain = array(c.nextText().substring(1));
        assertThat(plain.getString(0)).isEqualTo("plain");
        assertThat(plain).hasSize(3);
        c.send("30[\"42\"]");
        assertThat(Harness.await(answer).string(0)).isEqualTo("42");
        assertThat(Set.copyOf(socket.rooms())).containsExactly(socket.id());
    }
}
