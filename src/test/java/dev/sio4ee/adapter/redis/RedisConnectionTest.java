package dev.sio4ee.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Lettuce connections on a real redis-server: pub/sub, counts, executor hand-off, outages, shutdown. */
class RedisConnectionTest {
    private static RedisServerFixture redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerFixture.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Set<String> redisThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.contains("lettuce") || n.contains("EventLoop") || n.contains("eventLoop")
                        || n.contains("sio4ee-redis"))
                .collect(Collectors.toSet());
    }

    @Test
    void shouldDeliverInOrderOffTheEventLoop() throws Exception {
        try (RedisConnection c = RedisConnection.open(redis.uri())) {
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            List<String> threads = new CopyOnWriteArrayList<>();
            RedisConnection.Subscriber sub = c.subscriber((channel, message) -> {
                threads.add(Thread.currentThread().getName());
                got.add(channel + "=" + new String(message, StandardCharsets.UTF_8));
            });
            sub.subscribe("a#").toCompletableFuture().get(5, TimeUnit.SECONDS);
            sub.psubscribe("p#*").toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(c.numsub("a#").toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(1L);
            for (int i = 0; i < 200; i++) {
                c.publish(i % 2 == 0 ? "a#" : "p#x#", bytes(String.valueOf(i)));
            }
            for (int i = 0; i < 200; i++) {
                assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo((i % 2 == 0 ? "a#" : "p#x#") + "=" + i);
            }
            assertThat(threads).allMatch(n -> n.startsWith("sio4ee-redis-"));
            sub.unsubscribe("a#").toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(c.numsub("a#").toCompletableFuture().get(5, TimeUnit.SECONDS)).isZero();
            sub.close();
        }
    }

    @Test
    void shouldUseTheGivenExecutor() throws Exception {
        java.util.concurrent.ExecutorService mine = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> new Thread(r, "container-managed"));
        try (RedisConnection c = RedisConnection.open(redis.uri(), mine)) {
            LinkedBlockingQueue<String> threads = new LinkedBlockingQueue<>();
            c.subscriber((ch, m) -> threads.add(Thread.currentThread().getName())).subscribe("given#")
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            c.publish("given#", bytes("x"));
            assertThat(threads.poll(5, TimeUnit.SECONDS)).isEqualTo("container-managed");
        } finally {
            mine.shutdownNow();
        }
    }

    @Test
    void shouldStartWhileRedisIsDownAndJoinLater() throws Exception {
        try (RedisServerFixture late = RedisServerFixture.start()) {
            late.stop();
            try (RedisConnection c = RedisConnection.open(late.uri())) {
                Thread.sleep(1_000); // several failed attempts

                assertThat(c.isConnected()).isFalse();
                assertThatThrownBy(() -> c.publish("x", bytes("lost")).toCompletableFuture().join())
                        .isInstanceOf(CompletionException.class).hasMessageContaining("not connected");
                LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
                var subscribed = c.subscriber((ch, m) -> got.add(new String(m, StandardCharsets.UTF_8)))
                        .subscribe("later#").toCompletableFuture();
                assertThat(subscribed).isNotDone();
                late.restart();
                subscribed.get(15, TimeUnit.SECONDS);
                assertThat(c.publish("later#", bytes("hello")).toCompletableFuture().get(5, TimeUnit.SECONDS))
                        .isEqualTo(1L);
                assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
                assertThat(c.unreachableWarnings()).as("one warning for the whole outage").isEqualTo(1);
            }
        }
    }

    @Test
    void shouldResubscribeAfterARestart() throws Exception {
        try (RedisServerFixture own = RedisServerFixture.start();
             RedisConnection c = RedisConnection.open(own.uri())) {
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            RedisConnection.Subscriber sub = c.subscriber((ch, m) -> got.add(new String(m, StandardCharsets.UTF_8)));
            sub.subscribe("r#").toCompletableFuture().get(5, TimeUnit.SECONDS);
            sub.psubscribe("rp#*").toCompletableFuture().get(5, TimeUnit.SECONDS);
            own.restart();
            // publishing fails while the connection is down, then succeeds once Lettuce reconnected
            long receivers = 0;
            for (int i = 0; i < 300 && receivers < 1; i++) {
                try {
                    receivers = c.publish("r#", bytes("again")).toCompletableFuture().get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    Thread.sleep(50);
                }
                if (receivers < 1) {
                    Thread.sleep(50);
                }
            }
            assertThat(receivers).isEqualTo(1L);
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("again");
            c.publish("rp#1#", bytes("pattern")).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("pattern");
        }
    }

    @Test
    void shouldLeaveNoThreadBehind() throws Exception {
        Set<String> before = redisThreads();
        RedisConnection c = RedisConnection.open(redis.uri());
        LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
        c.subscriber((ch, m) -> got.add(ch)).subscribe("t#").toCompletableFuture().get(5, TimeUnit.SECONDS);
        c.publish("t#", bytes("x")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo("t#");
        assertThat(redisThreads()).isNotEqualTo(before);
        c.close();
        assertThat(redisThreads()).isSubsetOf(before);
        assertThatThrownBy(() -> c.publish("t#", bytes("x")).toCompletableFuture().join())
                .hasMessageContaining("closed");
    }

    /** Container threads outlive the application: Netty's per-thread map must not stay on the caller's thread. */
    @Test
    void shouldLeaveNoNettyThreadLocalOnTheCallersThread() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Object> left = new java.util.concurrent.atomic.AtomicReference<>();
        Thread caller = new Thread(() -> {
            try (RedisConnection c = RedisConnection.open(redis.uri())) {
                LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
                c.subscriber((ch, m) -> got.add(ch)).subscribe("tl#").toCompletableFuture().get(5, TimeUnit.SECONDS);
                for (int i = 0; i < 20; i++) {
                    c.publish("tl#", bytes("x")).toCompletableFuture().get(5, TimeUnit.SECONDS);
                }
                c.numsub("tl#").toCompletableFuture().get(5, TimeUnit.SECONDS);
                left.set(io.netty.util.internal.InternalThreadLocalMap.getIfSet());
            } catch (Exception e) {
                left.set(e);
            }
        }, "container-like");
        caller.start();
        caller.join(30_000);
        assertThat(left.get()).as("Netty's map (or a failure) left on the calling thread").isNull();
    }

    @Test
    void shouldParseUris() {
        assertThat(LettuceClient.parse("redis://:secret@127.0.0.1:6380/2")).singleElement().satisfies(u -> {
            assertThat(u.getPort()).isEqualTo(6380);
            assertThat(u.getDatabase()).isEqualTo(2);
            assertThat(new String(u.getCredentialsProvider().resolveCredentials().block().getPassword())).isEqualTo("secret");
        });
        var seeds = LettuceClient.parse("rediss://:pw@h1:7000,h2:7001,redis://h3:7002");
        assertThat(seeds).hasSize(3);
        assertThat(seeds.get(1).isSsl()).isTrue();
        assertThat(new String(seeds.get(1).getCredentialsProvider().resolveCredentials().block().getPassword())).isEqualTo("pw");
        assertThat(seeds.get(2).isSsl()).isFalse();
        assertThatThrownBy(() -> LettuceClient.parse("127.0.0.1:6379"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheme");
    }
}
