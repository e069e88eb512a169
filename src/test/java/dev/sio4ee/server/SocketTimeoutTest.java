package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SocketTimeoutTest {
    private final Harness h = new Harness();
    private final AtomicReference<Socket> socket = new AtomicReference<>();
    private RawClient client;

    @BeforeEach
    void connect() {
        h.io.onConnection(socket::set);
        client = h.client();
        client.connect("/");
    }

    @Test
    void shouldTimeoutIfTheClientDoesNotAcknowledgeTheEvent() {
        CompletableFuture<Args> answer = socket.get().timeout(50).emitWithAck("unknown").toCompletableFuture();
        h.clock.advance(49);
        assertThat(answer).isNotDone();
        h.clock.advance(1);
        assertThatThrownBy(answer::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(AckTimeoutException.class).hasMessage("operation has timed out");
        assertThat(socket.get().acks().size()).isZero();
    }

    @Test
    void shouldTimeoutIfTheClientDoesNotAcknowledgeTheEventInTime() {
        CompletableFuture<Args> answer = socket.get().timeout(50).emitWithAck("echo").toCompletableFuture();
        String sent = client.nextText();
        h.clock.advance(50);
        client.send("3" + sent.substring(1, sent.indexOf('[')) + "[\"late\"]");
        assertThatThrownBy(answer::get).cause().isInstanceOf(AckTimeoutException.class);
    }

    @Test
    void shouldNotTimeoutIfTheClientDoesAcknowledgeTheEvent() {
        CompletableFuture<Args> answer = socket.get().timeout(50).emitWithAck("echo", 42).toCompletableFuture();
        String sent = client.nextText();
        client.send("3" + sent.substring(1, sent.indexOf('[')) + "[42]");
        assertThat(Harness.await(answer)).containsExactly(42);
        assertThat(h.clock.pending()).as("the timeout task was cancelled").isLessThanOrEqualTo(1);
        h.clock.advance(50);
        assertThat(answer).isCompletedWithValueMatching(a -> a.get(0).equals(42));
    }

    @Test
    void shouldCombineTimeoutAndVolatile() {
        client.peer.writable(false);
        CompletableFuture<Args> answer = socket.get().timeout(10).asVolatile().emitWithAck("dropped")
                .toCompletableFuture();
        assertThat(client.poll()).isNull();
        h.clock.advance(10);
        assertThat(answer).isCompletedExceptionally();
    }

    @Test
    void shouldShareOneSchedulerAcrossSockets() {
        int before = h.clock.pending();
        socket.get().timeout(1_000).emitWithAck("a");
        socket.get().timeout(1_000).emitWithAck("b");
        assertThat(h.clock.pending()).isEqualTo(before + 2);
        h.clock.advance(1_000);
        assertThat(socket.get().acks().size()).isZero();
    }
}
