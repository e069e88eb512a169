package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AcknowledgementsTest {
    private final Harness h = new Harness();

    @Test
    void shouldBeCalledClientToServer() {
        h.io.onConnection(s -> s.on("sum", (args, ack) -> {
            assertThat(ack.requested()).isTrue();
            ack.send(args.number(0).intValue() + args.number(1).intValue());
        }));
        RawClient c = h.client();
        c.connect("/");
        c.send("27[\"sum\",1,2]");
        assertThat(c.nextText()).isEqualTo("37[3]");
    }

    @Test
    void shouldBeCalledWithBinaryClientToServer() {
        h.io.onConnection(s -> s.on("file", (args, ack) -> ack.send("ok", Map.of("echo", args.bytes(0)))));
        RawClient c = h.client();
        c.connect("/");
        c.send("51-12[\"file\",{\"_placeholder\":true,\"num\":0}]").send(new byte[] {5});
        assertThat(c.nextText()).isEqualTo("61-12[\"ok\",{\"echo\":{\"_placeholder\":true,\"num\":0}}]");
        assertThat(c.nextBinary()).containsExactly(5);
    }

    @Test
    void shouldBeCalledOnACustomNamespace() {
        h.io.of("/chat").onConnection(s -> s.on("ev", (args, ack) -> ack.send()));
        RawClient c = h.client();
        c.connect("/chat");
        c.send("2/chat,0[\"ev\"]");
        assertThat(c.nextText()).isEqualTo("3/chat,0[]");
    }

    @Test
    void shouldOnlyCallAckOnce() {
        List<Boolean> results = new ArrayList<>();
        h.io.onConnection(s -> s.on("ev", (args, ack) -> {
            results.add(ack.send("first"));
            results.add(ack.send("second"));
        }));
        RawClient c = h.client();
        c.connect("/");
        c.send("21[\"ev\"]");
        assertThat(results).containsExactly(true, false);
        assertThat(c.drain()).containsExactly("31[\"first\"]");
    }

    @Test
    void shouldNotSendAnAckWhenNoneWasRequested() {
        List<Boolean> results = new ArrayList<>();
        h.io.onConnection(s -> s.on("ev", (args, ack) -> {
            results.add(ack.requested());
            results.add(ack.send("ignored"));
        }));
        RawClient c = h.client();
        c.connect("/");
        c.send("2[\"ev\"]");
        assertThat(results).containsExactly(false, false);
        assertThat(c.poll()).isNull();
    }

    @Test
    void shouldBeCalledServerToClient() {
        AtomicReference<Socket> socket = new AtomicReference<>();
        h.io.onConnection(socket::set);
        RawClient c = h.client();
        c.connect("/");
        CompletableFuture<Args> answer = socket.get().emitWithAck("question", "why").toCompletableFuture();
        String sent = c.nextText();
        assertThat(sent).matches("2\\d+\\[\"question\",\"why\"]");
        c.send("3" + sent.substring(1, sent.indexOf('[')) + "[\"because\",42]");
        Args args = Harness.await(answer);
        assertThat(args).containsExactly("because", 42);
    }

    @Test
    void shouldBeCalledServerToClientWithBinary() {
        AtomicReference<Socket> socket = new AtomicReference<>();
        h.io.onConnection(socket::set);
        RawClient c = h.client();
        c.connect("/");
        CompletableFuture<Args> answer = socket.get().emitWithAck("q").toCompletableFuture();
        String sent = c.nextText();
        c.send("61-" + sent.substring(1, sent.indexOf('[')) + "[{\"_placeholder\":true,\"num\":0}]");
        assertThat(answer).isNotDone();
        c.send(new byte[] {3, 3});
        assertThat(Harness.await(answer).bytes(0)).containsExactly(3, 3);
    }

    @Test
    void shouldIgnoreAnAckWithAnUnknownId() {
        AtomicReference<Socket> socket = new AtomicReference<>();
        h.io.onConnection(socket::set);
        RawClient c = h.client();
        c.connect("/");
        c.send("3999[\"stray\"]");
        assertThat(c.closed()).isFalse();
        assertThat(socket.get().connected()).isTrue();
    }

    @Test
    void shouldUseDistinctIdsWithinANamespace() {
        AtomicReference<Socket> socket = new AtomicReference<>();
        h.io.onConnection(socket::set);
        RawClient c = h.client();
        c.connect("/");
        socket.get().emitWithAck("a");
        socket.get().emitWithAck("b");
        String first = c.nextText();
        String second = c.nextText();
        assertThat(first.substring(1, first.indexOf('['))).isNotEqualTo(second.substring(1, second.indexOf('[')));
    }

    @Test
    void shouldFailPendingAcksWhenTheSocketDisconnects() {
        AtomicReference<Socket> socket = new AtomicReference<>();
        h.io.onConnection(socket::set);
        RawClient c = h.client();
        c.connect("/");
        CompletableFuture<Args> answer = socket.get().emitWithAck("q").toCompletableFuture();
        c.close();
        assertThat(answer).isCompletedExceptionally();
        assertThat(socket.get().acks().size()).isZero();
    }
}
