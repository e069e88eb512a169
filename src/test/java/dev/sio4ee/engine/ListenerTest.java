package dev.sio4ee.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Listener calls of one session come one at a time, in order, outside the engine's locks. */
class ListenerTest {
    private final EngineFixture f = new EngineFixture();

    @Test
    void shouldCallTheListenerInOrderAndNeverConcurrently() throws Exception {
        EngineFixture.Ws ws = f.websocketHandshake();
        EngineSession session = f.session(ws.sid());
        RecordingListener slow = new RecordingListener() {
            @Override
            void onEvent(String event) {
                for (int i = 0; i < 200; i++) {
                    Thread.onSpinWait();
                }
            }
        };
        session.listener(slow);
        int threads = 8;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        ws.handler().onText("4" + id + ":" + i);
                        if (i % 50 == 0) {
                            session.send("from " + id); // sends and heartbeats interleave, too
                            f.clock.advance(1);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        session.close();

        List<String> events = slow.events();
        assertThat(slow.overlaps()).isZero();
        assertThat(events).hasSize(threads * perThread + 1).last().isEqualTo("close:FORCED_CLOSE");
        Map<String, Integer> next = new HashMap<>();
        for (String e : events.subList(0, events.size() - 1)) {
            String[] parts = e.substring("message:".length()).split(":");
            int expected = next.getOrDefault(parts[0], 0);
            assertThat(Integer.parseInt(parts[1])).as("order of thread %s", parts[0]).isEqualTo(expected);
            next.put(parts[0], expected + 1);
        }
    }

    @Test
    void shouldDeliverTheCloseAfterTheMessageThatCausedIt() {
        EngineFixture.Ws ws = f.websocketHandshake();
        EngineSession session = f.session(ws.sid());
        List<String> seen = new ArrayList<>();
        session.listener(new EngineSessionListener() {
            @Override
            public void onMessage(EngineSession s, String text) {
                seen.add("before " + text);
                s.send("echo " + text);
                s.close();
                seen.add("after " + text);
            }

            @Override
            public void onClose(EngineSession s, CloseReason reason, String description) {
                seen.add("close " + reason);
            }
        });
        ws.handler().onText("4hi");
        assertThat(seen).containsExactly("before hi", "after hi", "close FORCED_CLOSE");
        assertThat(ws.peer().texts()).last().isEqualTo("4echo hi");
        assertThat(ws.peer().closed()).isTrue();
    }

    @Test
    void shouldCallTheListenerWithoutHoldingTheSessionLock() throws Exception {
        EngineFixture.Ws ws = f.websocketHandshake();
        EngineSession session = f.session(ws.sid());
        boolean[] otherThreadCouldSend = {false};
        session.listener(new EngineSessionListener() {
            @Override
            public void onMessage(EngineSession s, String text) {
                Thread t = new Thread(() -> s.send("from another thread"));
                t.start();
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                otherThreadCouldSend[0] = !t.isAlive();
            }
        });
        ws.handler().onText("4go");
        assertThat(otherThreadCouldSend[0]).isTrue();
        assertThat(ws.peer().texts()).contains("4from another thread");
    }

    @Test
    void shouldSurviveAListenerThatThrows() {
        String sid = f.handshake();
        EngineSession session = f.session(sid);
        List<String> seen = new ArrayList<>();
        session.listener(new EngineSessionListener() {
            @Override
            public void onMessage(EngineSession s, String text) {
                seen.add(text);
                throw new IllegalStateException("listener bug (thrown on purpose by the test)");
            }

            @Override
            public void onUpgrade(EngineSession s) {
                seen.add("upgrade");
                throw new IllegalStateException("listener bug (thrown on purpose by the test)");
            }

            @Override
            public void onClose(EngineSession s, CloseReason reason, String description) {
                seen.add("close " + reason);
                throw new IllegalStateException("listener bug (thrown on purpose by the test)");
            }
        });
        assertThat(f.post(sid, "4a\u001e4b").bodyText()).isEqualTo("ok");
        assertThat(f.post(sid, "4c").bodyText()).isEqualTo("ok");
        FakeExchange poll = f.poll(sid);
        session.send("still works");
        assertThat(poll.bodyText()).isEqualTo("4still works");

        EngineFixture.Ws ws = f.probe(sid);
        ws.handler().onText("5");
        ws.handler().onText("4d");
        ws.handler().onText("1");
        assertThat(seen).containsExactly("a", "b", "c", "upgrade", "d", "close TRANSPORT_CLOSE");
        assertThat(f.server.clientsCount()).isZero();
    }

    @Test
    void shouldTellTheCloseOnce() {
        EngineFixture.Ws ws = f.websocketHandshake();
        RecordingListener events = f.events(ws.sid());
        ws.handler().onText("1");
        ws.handler().onClose(1000, "");
        ws.handler().onError(new RuntimeException());
        f.session(ws.sid()).close();
        f.session(ws.sid()).close(CloseReason.FORCED_CLOSE, null);
        f.server.close();
        assertThat(events.closeCount()).isEqualTo(1);
        assertThat(events.events()).containsExactly("close:TRANSPORT_CLOSE");
    }
}
