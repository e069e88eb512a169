package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.engine.EngineOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where application code runs: each socket's handlers on its own serial dispatcher over a small pool (4 threads
 * here), so one slow handler or many slow timeout callbacks hold up neither other sockets nor heartbeats, and a
 * socket's handlers never run on another socket's thread. The clock is manual: the test thread plays the timer.
 */
class DispatchTest {
    private static final long PING_INTERVAL = EngineOptions.defaults().pingInterval();
    private static final long PING_TIMEOUT = EngineOptions.defaults().pingTimeout();

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final Harness h = new Harness(SocketIoOptions.defaults(), pool);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
    }

    @Test
    void shouldKeepOtherSocketsAndEveryHeartbeatFlowingWhileOneHandlerSleeps() throws Exception {
        CountDownLatch sleeping = new CountDownLatch(1);
        Map<String, List<Integer>> received = new ConcurrentHashMap<>();
        List<String> sleeperSaw = Collections.synchronizedList(new ArrayList<>());
        h.io.onConnection(socket -> socket.on("work", (args, ack) -> {
            if ("sleep".equals(args.string(0))) {
                sleeping.countDown();
                await(release);
                sleeperSaw.add("woke");
            } else if ("after".equals(args.string(0))) {
                sleeperSaw.add("after");
            } else {
                received.computeIfAbsent(socket.id(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(args.number(0).intValue());
            }
        }));
        RawClient sleeper = h.client();
        String sleeperId = sleeper.connectLater("/");
        List<RawClient> others = new ArrayList<>();
        List<String> otherIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RawClient c = h.client();
            others.add(c);
            otherIds.add(c.connectLater("/"));
        }

        sleeper.send("2[\"work\",\"sleep\"]").send("2[\"work\",\"after\"]");
        assertThat(sleeping.await(10, TimeUnit.SECONDS)).isTrue();
        for (RawClient c : others) {
            for (int n = 0; n < 20; n++) {
                c.send("2[\"work\"," + n + "]");
            }
        }
        waitUntil(() -> otherIds.stream().allMatch(id -> received.getOrDefault(id, List.of()).size() == 20));
        // every other socket got its 20 events, in order, while the sleeper is still asleep
        assertThat(release.getCount()).isOne();
        assertThat(sleeperSaw).isEmpty();
        for (String id : otherIds) {
            assertThat(received.get(id)).containsExactlyElementsOf(range(20));
        }
        assertThat(received).doesNotContainKey(sleeperId);

        // two heartbeats: every client, the sleeper's too, is pinged and its pong counts
        for (int beat = 1; beat <= 2; beat++) {
            h.clock.advance(PING_INTERVAL);
            assertThat(sleeper.pong()).isEqualTo(beat);
            for (RawClient c : others) {
                assertThat(c.pong()).isEqualTo(beat);
            }
            h.clock.advance(PING_TIMEOUT - 1);
        }
        h.clock.advance(PING_TIMEOUT);
        assertThat(h.engine.clientsCount()).isEqualTo(6);
        assertThat(sleeper.closed()).isFalse();
        assertThat(sleeperSaw).isEmpty();

        release.countDown();
        waitUntil(() -> sleeperSaw.size() == 2);
        assertThat(sleeperSaw).containsExactly("woke", "after");
    }

    @Test
    void shouldRunEachSocketsHandlersOneAtATimeInArrivalOrder() throws Exception {
        int clients = 8;
        int events = 200;
        Map<String, List<Integer>> received = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> inside = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        h.io.onConnection(socket -> socket.on("seq", (args, ack) -> {
            AtomicInteger in = inside.computeIfAbsent(socket.id(), k -> new AtomicInteger());
            if (in.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            received.computeIfAbsent(socket.id(), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(args.number(0).intValue());
            Thread.yield();
            in.decrementAndGet();
        }));
        List<RawClient> all = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            RawClient c = h.client();
            all.add(c);
            ids.add(c.connectLater("/"));
        }
        // each client's frames come from its own "I/O thread", all at once
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (RawClient c : all) {
            senders.add(CompletableFuture.runAsync(() -> {
                for (int n = 0; n < events; n++) {
                    c.send("2[\"seq\"," + n + "]");
                }
            }));
        }
        CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        waitUntil(() -> ids.stream().allMatch(id -> received.getOrDefault(id, List.of()).size() == events));
        for (String id : ids) {
            assertThat(received.get(id)).as("events of %s", id).containsExactlyElementsOf(range(events));
        }
        assertThat(overlaps).hasValue(0);
    }

    @Test
    void shouldRunTheListenersOfASocketDisconnectedByAnotherSocketsHandlerOnItsOwnThread() throws Exception {
        ThreadLocal<Boolean> inHandlerOfA = ThreadLocal.withInitial(() -> false);
        AtomicReference<Thread> threadOfA = new AtomicReference<>();
        AtomicReference<Thread> threadOfB = new AtomicReference<>();
        AtomicReference<Boolean> bRanInsideA = new AtomicReference<>();
        CountDownLatch bDisconnected = new CountDownLatch(1);
        AtomicReference<Boolean> aSawB = new AtomicReference<>();
        Map<String, Socket> sockets = new ConcurrentHashMap<>();
        h.io.onConnection(socket -> {
            sockets.put(socket.id(), socket);
            socket.onDisconnect((reason, description) -> {
                threadOfB.set(Thread.currentThread());
                bRanInsideA.set(inHandlerOfA.get());
                bDisconnected.countDown();
            });
            socket.on("kick", (args, ack) -> {
                threadOfA.set(Thread.currentThread());
                inHandlerOfA.set(true);
                try {
                    sockets.get(args.string(0)).disconnect();
                    // B's listeners run meanwhile, elsewhere: A's handler can wait for them
                    aSawB.set(bDisconnected.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inHandlerOfA.set(false);
                }
            });
        });
        RawClient a = h.client();
        a.connectLater("/");
        RawClient b = h.client();
        String idOfB = b.connectLater("/");

        a.send("2[\"kick\",\"" + idOfB + "\"]");
        waitUntil(() -> aSawB.get() != null);
        assertThat(aSawB.get()).isTrue();
        assertThat(bRanInsideA.get()).isFalse();
        assertThat(threadOfB.get()).isNotSameAs(threadOfA.get());
        assertThat(b.awaitText()).isEqualTo("1");
    }

    @Test
    void shouldNotDelayPingsWhen64AckTimeoutsWithSlowCallbacksFireAtOnce() throws Exception {
        int count = 64;
        Thread timer = Thread.currentThread(); // the manual clock runs due tasks on the caller
        AtomicInteger onTimerThread = new AtomicInteger();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
        h.io.onConnection(sockets::add);
        List<RawClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RawClient c = h.client();
            clients.add(c);
            c.connectLater("/");
        }
        waitUntil(() -> sockets.size() == count);
        for (Socket s : sockets) {
            s.timeout(1_000).emitWithAck("question").exceptionally(error -> {
                if (Thread.currentThread() == timer) {
                    onTimerThread.incrementAndGet(); // never block the timer: count it and fail below
                } else {
                    await(release); // a slow callback
                }
                failures.add(error);
                return null;
            });
        }

        h.clock.advance(1_000); // all 64 time out now
        h.clock.advance(PING_INTERVAL - 1_000);
        assertThat(onTimerThread).hasValue(0);
        for (RawClient c : clients) {
            assertThat(c.pong()).as("pings of %s", c.engineSid).isEqualTo(1);
        }
        h.clock.advance(PING_TIMEOUT);
        assertThat(h.engine.clientsCount()).isEqualTo(count);
        assertThat(failures).isEmpty(); // the callbacks are all still running or queued

        release.countDown();
        waitUntil(() -> failures.size() == count);
        assertThat(failures).allSatisfy(e -> assertThat(e).isInstanceOf(AckTimeoutException.class));
        assertThat(onTimerThread).hasValue(0);
    }

    private static List<Integer> range(int n) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits (up to 20 s) for something the pool does; fails if it never happens. */
    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 10_000; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("the condition never held");
    }
}
