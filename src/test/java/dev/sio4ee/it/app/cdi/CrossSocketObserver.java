package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.EventName;
import dev.sio4ee.cdi.NamespaceName;
import dev.sio4ee.cdi.SocketDisconnecting;
import dev.sio4ee.cdi.SocketEventReceived;
import dev.sio4ee.server.Socket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test application: socket A's observer disconnects socket B and waits for B's observer, then answers A with the
 * thread and request context (a {@link RequestTag}) each observer ran in. And a sleeper: one socket's observer
 * blocks until another socket's 20th event was observed (or 20 s passed).
 */
@ApplicationScoped
public class CrossSocketObserver {
    private final Map<String, CompletableFuture<String[]>> seenByB = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> naps = new ConcurrentHashMap<>();

    @Inject
    RequestTag tag;

    void kick(@Observes @NamespaceName("/cross") @EventName("kick") SocketEventReceived e) throws Exception {
        String idOfB = e.args().string(0);
        CompletableFuture<String[]> b = seenByB.computeIfAbsent(idOfB, k -> new CompletableFuture<>());
        Socket socketOfB = e.socket().nsp().sockets().get(idOfB);
        String[] a = {thread(), tag.id()};
        socketOfB.disconnect();
        // B's observer runs meanwhile on its own dispatcher: A can wait for it, still inside its own delivery
        String[] seen = b.get(20, TimeUnit.SECONDS);
        seenByB.remove(idOfB);
        e.ack().send(a[0], a[1], seen[0], seen[1], tag.id());
    }

    void disconnecting(@Observes @NamespaceName("/cross") SocketDisconnecting e) {
        seenByB.computeIfAbsent(e.socket().id(), k -> new CompletableFuture<>())
                .complete(new String[] {thread(), tag.id()});
    }

    /** Sleeps until the other socket's events woke it: {@code nap(tag)} acks whether they did. */
    void nap(@Observes @NamespaceName("/cross") @EventName("nap") SocketEventReceived e) throws InterruptedException {
        String key = e.args().string(0);
        CountDownLatch latch = naps.computeIfAbsent(key, k -> new CountDownLatch(1));
        e.socket().emit("sleeping"); // the client sends the other socket's events only now
        boolean woken = latch.await(20, TimeUnit.SECONDS);
        naps.remove(key);
        e.ack().send(woken);
    }

    /** {@code count(tag, n)} acks n; the 20th (n = 19) wakes the sleeper of the tag. */
    void count(@Observes @NamespaceName("/cross") @EventName("count") SocketEventReceived e) {
        int n = e.args().number(1).intValue();
        if (n == 19) {
            naps.computeIfAbsent(e.args().string(0), k -> new CountDownLatch(1)).countDown();
        }
        e.ack().send(n);
    }

    private static String thread() {
        Thread t = Thread.currentThread();
        return t.getName() + "#" + t.getId();
    }
}
