package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio4ee.adapter.RoomListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class MessagingManyTest {
    private final Harness h = new Harness();

    @Test
    void emitsToANamespace() {
        h.io.of("/test");
        RawClient a = h.client();
        RawClient b = h.client();
        RawClient other = h.client();
        a.connect("/test");
        b.connect("/test");
        other.connect("/");
        h.io.of("/test").emit("a", "b", 1);
        assertThat(a.nextText()).isEqualTo("2/test,[\"a\",\"b\",1]");
        assertThat(b.nextText()).isEqualTo("2/test,[\"a\",\"b\",1]");
        assertThat(other.poll()).isNull();
    }

    @Test
    void emitsBinaryDataToANamespaceEncodedOnce() {
        RawClient a = h.client();
        RawClient b = h.client();
        a.connect("/");
        b.connect("/");
        h.io.emit("bin", new byte[] {7});
        assertThat(a.nextText()).isEqualTo("51-[\"bin\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(b.nextText()).isEqualTo("51-[\"bin\",{\"_placeholder\":true,\"num\":0}]");
        byte[] first = a.nextBinary();
        assertThat(first).containsExactly(7);
        assertThat(b.nextBinary()).as("the same frame is written to every target").isSameAs(first);
    }

    @Test
    void emitsToTheRest() {
        List<Socket> sockets = new ArrayList<>();
        h.io.onConnection(sockets::add);
        RawClient a = h.client();
        RawClient b = h.client();
        a.connect("/");
        b.connect("/");
        sockets.get(0).broadcast().emit("a", "b");
        assertThat(a.poll()).isNull();
        assertThat(b.nextText()).isEqualTo("2[\"a\",\"b\"]");
    }

    @Test
    void emitsToRoomsAvoidingDupes() {
        RawClient a = h.client();
        RawClient b = h.client();
        RawClient c = h.client();
        String ida = a.connect("/");
        String idb = b.connect("/");
        c.connect("/");
        h.socket("/", ida).join("woot", "hello");
        h.socket("/", idb).join("hello");
        h.io.to("woot").to("hello").emit("a");
        assertThat(a.drain()).containsExactly("2[\"a\"]");
        assertThat(b.drain()).containsExactly("2[\"a\"]");
        assertThat(c.drain()).isEmpty();
    }

    @Test
    void doesNotEmitToLeftRooms() {
        RawClient a = h.client();
        String id = a.connect("/");
        Socket s = h.socket("/", id);
        s.join("room");
        s.leave("room");
        h.io.to("room").emit("a");
        assertThat(a.poll()).isNull();
        assertThat(s.rooms()).containsExactly(id);
    }

    @Test
    void broadcastsToRoomsExceptTheSender() {
        RawClient a = h.client();
        RawClient b = h.client();
        String ida = a.connect("/");
        String idb = b.connect("/");
        h.socket("/", ida).join("room");
        h.socket("/", idb).join("room");
        h.socket("/", ida).to("room").emit("broadcast", new byte[] {1});
        assertThat(a.poll()).isNull();
        assertThat(b.nextText()).startsWith("51-[\"broadcast\"");
        assertThat(b.nextBinary()).containsExactly(1);
    }

    @Test
    void keepsTrackOfRoomsAndDeletesEmptyOnes() {
        RawClient a = h.client();
        String id = a.connect("/");
        Socket s = h.socket("/", id);
        s.join("a", "b");
        assertThat(s.rooms()).containsExactly(id, "a", "b");
        assertThat(h.io.sockets().adapter().rooms()).containsOnlyKeys(id, "a", "b");
        s.leave("a");
        assertThat(h.io.sockets().adapter().rooms()).containsOnlyKeys(id, "b");
        a.close();
        assertThat(h.io.sockets().adapter().rooms()).isEmpty();
    }

    @Test
    void shouldExcludeSpecificSocketsAndRoomsWhenBroadcasting() {
        RawClient a = h.client();
        RawClient b = h.client();
        RawClient c = h.client();
        String ida = a.connect("/");
        String idb = b.connect("/");
        c.connect("/");
        h.socket("/", idb).join("excluded");
        h.io.except(ida).except("excluded").emit("hi");
        assertThat(a.poll()).isNull();
        assertThat(b.poll()).isNull();
        assertThat(c.nextText()).isEqualTo("2[\"hi\"]");
    }

    @Test
    void shouldReturnAnImmutableBroadcastOperator() {
        BroadcastOperator base = h.io.to("a");
        BroadcastOperator more = base.to("b").except("c").local().asVolatile().timeout(10);
        assertThat(base.options().rooms()).containsExactly("a");
        assertThat(base.options().except()).isEmpty();
        assertThat(base.options().flags().local()).isFalse();
        assertThat(more.options().rooms()).containsExactly("a", "b");
        assertThat(more.options().except()).containsExactly("c");
        assertThat(more.options().flags().isVolatile()).isTrue();
        assertThat(more.options().flags().timeout()).isEqualTo(10L);
    }

    @Test
    void shouldDropVolatilePacketsWhenTheConnectionIsNotWritable() {
        RawClient a = h.client();
        RawClient b = h.client();
        String ida = a.connect("/");
        b.connect("/");
        a.peer.writable(false);
        h.io.asVolatile().emit("tick", 1);
        h.socket("/", ida).asVolatile().emit("tock");
        h.io.emit("important");
        assertThat(a.drain()).containsExactly("2[\"important\"]");
        assertThat(b.drain()).containsExactly("2[\"tick\",1]", "2[\"important\"]");
    }

    @Test
    void shouldFireRoomEventsAfterTheMapsChange() {
        List<String> events = new ArrayList<>();
        h.io.sockets().adapter().addRoomListener(new RoomListener() {
            @Override
            public void onCreateRoom(String room) {
                events.add("create " + room);
            }

            @Override
            public void onDeleteRoom(String room) {
                events.add("delete " + room + " " + h.io.sockets().adapter().rooms().containsKey(room));
            }

            @Override
            public void onJoinRoom(String room, String id) {
                events.add("join " + room + " " + h.io.sockets().adapter().rooms().get(room).contains(id));
            }

            @Override
            public void onLeaveRoom(String room, String id) {
                events.add("leave " + room);
            }
        });
        RawClient a = h.client();
        String id = a.connect("/");
        h.socket("/", id).join("r");
        h.socket("/", id).join("r");
        a.send("1");
        assertThat(events).containsExactly("create " + id, "join " + id + " true", "create r", "join r true",
                "leave " + id, "delete " + id + " false", "leave r", "delete r false");
    }

    @Test
    void shouldBroadcastAndExpectMultipleAcknowledgements() {
        RawClient a = h.client();
        RawClient b = h.client();
        a.connect("/");
        b.connect("/");
        CompletableFuture<List<Args>> answers = h.io.timeout(1_000).emitWithAck("some event", 1).toCompletableFuture();
        String fa = a.nextText();
        String fb = b.nextText();
        assertThat(fa).matches("2\\d+\\[\"some event\",1]").isEqualTo(fb);
        String ackId = fa.substring(1, fa.indexOf('['));
        a.send("3" + ackId + "[1]");
        assertThat(answers).isNotDone();
        b.send("3" + ackId + "[2]");
        assertThat(Harness.await(answers)).extracting(args -> args.get(0)).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void shouldBroadcastAndExpectMultipleAcknowledgementsBinaryContent() {
        RawClient a = h.client();
        a.connect("/");
        CompletableFuture<List<Args>> answers = h.io.timeout(1_000).emitWithAck("bin", new byte[] {1})
                .toCompletableFuture();
        String header = a.nextText();
        assertThat(header).startsWith("51-");
        assertThat(a.nextBinary()).containsExactly(1);
        String ackId = header.substring(3, header.indexOf('['));
        a.send("61-" + ackId + "[{\"_placeholder\":true,\"num\":0}]").send(new byte[] {4, 2});
        assertThat(Harness.await(answers).get(0).bytes(0)).containsExactly(4, 2);
    }

    @Test
    void shouldBroadcastAndReturnIfThePacketIsSentToZeroClient() {
        assertThat(Harness.await(h.io.timeout(1_000).emitWithAck("none"))).isEmpty();
        assertThat(h.clock.pending()).as("the timer was cancelled").isZero();
    }

    @Test
    void shouldBroadcastAndExpectMultipleAcknowledgementsTimeout() {
        RawClient a = h.client();
        RawClient b = h.client();
        a.connect("/");
        b.connect("/");
        CompletableFuture<List<Args>> answers = h.io.timeout(200).emitWithAck("some event").toCompletableFuture();
        String f = a.nextText();
        a.send("3" + f.substring(1, f.indexOf('[')) + "[\"only me\"]");
        h.clock.advance(199);
        assertThat(answers).isNotDone();
        h.clock.advance(1);
        assertThatThrownBy(answers::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(AckTimeoutException.class).hasMessage("operation has timed out")
                .satisfies(e -> assertThat(((AckTimeoutException) e).responses()).hasSize(1));
    }

    @Test
    void shouldJoinSeveralRoomsAtOnce() {
        RawClient a = h.client();
        String id = a.connect("/");
        h.socket("/", id).join(List.of("a", "b", "c"));
        assertThat(h.socket("/", id).rooms()).isEqualTo(Set.of(id, "a", "b", "c"));
    }
}
