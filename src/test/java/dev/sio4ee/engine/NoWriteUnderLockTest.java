package dev.sio4ee.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * No network I/O while a session's lock is held: a response or WebSocket write that blocks (a latch in the fake)
 * holds its own thread only; other threads still send to that session, read its state and close it.
 */
class NoWriteUnderLockTest {
    private final EngineFixture f = new EngineFixture();

    @Test
    void shouldLetOthersSendWhileAPollingResponseIsBeingWritten() throws Exception {
        String sid = f.handshake();
        EngineSession s = f.session(sid);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeExchange poll = FakeExchange.get(EngineFixture.POLLING + "&sid=" + sid).pauseInRespond(writing, release);
        f.handle(poll);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> s.send("first"));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue(); // that thread now blocks inside the write

        // a broadcaster looping over this session is not stalled by it
        CompletableFuture<Void> others = CompletableFuture.runAsync(() -> {
            s.send("second");
            s.isWritable();
            s.bufferedBytes();
        });
        others.get(10, TimeUnit.SECONDS);
        assertThat(s.bufferedBytes()).isEqualTo(7); // "second" waits for the next GET
        assertThat(slow).isNotDone();

        release.countDown();
        slow.get(10, TimeUnit.SECONDS);
        assertThat(poll.bodyText()).isEqualTo("4first");
        assertThat(f.poll(sid).bodyText()).isEqualTo("4second");
    }

    @Test
    void shouldLetOthersSendAndCloseWhileAWebSocketFlushBlocks() throws Exception {
        EngineFixture.Ws ws = f.websocketHandshake();
        EngineSession s = f.session(ws.sid());
        ws.peer().takeFrames();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ws.peer().pauseInFlush(writing, release);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> s.send("a"));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture.runAsync(() -> {
            s.send("b");
            s.send("c");
        }).get(10, TimeUnit.SECONDS);
        assertThat(ws.peer().texts()).as("queued in order while the first flush blocks").containsExactly("4a", "4b",
                "4c");
        CompletableFuture.runAsync(() -> s.close(CloseReason.FORCED_CLOSE, "test")).get(10, TimeUnit.SECONDS);
        assertThat(s.isClosed()).isTrue();

        release.countDown();
        slow.get(10, TimeUnit.SECONDS);
        assertThat(ws.peer().closed()).isTrue();
    }

    @Test
    void shouldWriteAfterTheLockIsReleased() {
        // the fake checks where it is called from: never while the session's monitor is held
        String sid = f.handshake();
        EngineSession s = f.session(sid);
        boolean[] heldDuringWrite = {true};
        FakeExchange poll = new FakeExchange("GET", EngineFixture.POLLING + "&sid=" + sid) {
            @Override
            public boolean respond(int status, java.util.Map<String, String> headers, byte[] body) {
                heldDuringWrite[0] = Thread.holdsLock(s);
                return super.respond(status, headers, body);
            }
        };
        f.handle(poll);
        s.send("hi");
        assertThat(poll.bodyText()).isEqualTo("4hi");
        assertThat(heldDuringWrite[0]).isFalse();
    }
}
