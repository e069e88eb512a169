package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.adapter.RoomListener;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.StringReader;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Listeners that see what another party caused run outside that party's locks and thread: room listeners of a
 * recovered socket's rooms after the namespace's recovery gate, {@code onAnyOutgoing} of socket B on B's own
 * dispatcher rather than inside the handler of socket A that broadcast.
 */
class OutsideLocksTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        other.shutdownNow();
    }

    @Test
    void shouldFireTheRoomListenersOfARecoveryAfterTheRecoveryGate() throws Exception {
        Harness h = new Harness(SocketIoOptions.defaults()
                .withConnectionStateRecovery(ConnectionStateRecovery.defaults()));
        h.io.onConnection(socket -> {
            if (!socket.recovered()) {
                socket.join("room1");
            }
        });
        AtomicBoolean recovering = new AtomicBoolean();
        AtomicReference<Boolean> broadcastWentThrough = new AtomicReference<>();
        h.io.sockets().adapter().addRoomListener(new RoomListener() {
            @Override
            public void onJoinRoom(String room, String id) {
                if (room.equals("room1") && recovering.get() && broadcastWentThrough.get() == null) {
                    // a broadcast takes the gate's read side: it would wait if this thread still held the gate
                    CompletableFuture<Void> broadcast = CompletableFuture.runAsync(() -> h.io.emit("meanwhile"),
                            other);
                    try {
                        broadcast.get(10, TimeUnit.SECONDS);
                        broadcastWentThrough.set(true);
                    } catch (Exception e) {
                        broadcastWentThrough.set(false);
                    }
                }
            }
        });
        RawClient first = h.client();
        first.send("0");
        String pid = Json.createReader(new StringReader(first.nextText().substring(1))).readObject()
                .getString("pid");
        h.io.emit("hello");
        JsonArray hello = Json.createReader(new StringReader(first.nextText().substring(1))).readArray();
        first.handler.onText("1"); // transport close: recoverable

        recovering.set(true);
        RawClient back = h.client();
        back.send("0{\"pid\":\"" + pid + "\",\"offset\":\"" + hello.getString(1) + "\"}");
        assertThat(broadcastWentThrough.get()).as("the room listener ran outside the recovery gate").isTrue();
        // the broadcast made meanwhile reached the recovered socket, after its CONNECT answer
        assertThat(String.join("\n", back.drain().stream().map(String::valueOf).toList()))
                .containsSubsequence("0{\"sid\"", "2[\"meanwhile\"");
    }

    @Test
    void shouldRunAnotherSocketsOnAnyOutgoingListenersOnItsOwnDispatcher() throws Exception {
        Harness h = new Harness(SocketIoOptions.defaults(), pool);
        ThreadLocal<Boolean> inHandlerOfA = ThreadLocal.withInitial(() -> false);
        Map<String, Boolean> ranInsideA = new ConcurrentHashMap<>();
        CountDownLatch heard = new CountDownLatch(2);
        CountDownLatch registered = new CountDownLatch(2);
        h.io.onConnection(socket -> {
            socket.onAnyOutgoing((event, args) -> {
                ranInsideA.put(socket.id(), inHandlerOfA.get());
                heard.countDown();
            });
            socket.on("shout", (args, ack) -> {
                inHandlerOfA.set(true);
                try {
                    h.io.emit("news");
                } finally {
                    inHandlerOfA.set(false);
                }
            });
            registered.countDown();
        });
        RawClient a = h.client();
        String idOfA = a.connectLater("/");
        RawClient b = h.client();
        String idOfB = b.connectLater("/");

        // each connection handler runs on its own socket's dispatcher: B's may still be running when A's CONNECT
        // answer arrived, so wait until both sockets have their listeners before A shouts
        assertThat(registered.await(10, TimeUnit.SECONDS)).isTrue();
        a.send("2[\"shout\"]");
        assertThat(heard.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ranInsideA).containsEntry(idOfB, false).containsEntry(idOfA, false);
        assertThat(b.awaitText()).isEqualTo("2[\"news\"]");
    }
}
