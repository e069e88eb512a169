package dev.sio4ee.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The settings, the error table and the default timer. */
class OptionsTest {

    @Test
    void shouldDefaultToTheNodeValues() {
        EngineOptions o = EngineOptions.defaults();
        assertThat(o.pingInterval()).isEqualTo(25_000);
        assertThat(o.pingTimeout()).isEqualTo(20_000);
        assertThat(o.upgradeTimeout()).isEqualTo(10_000);
        assertThat(o.maxHttpBufferSize()).isEqualTo(1_000_000);
        assertThat(o.transports()).containsExactlyInAnyOrder("polling", "websocket");
        assertThat(o.allowUpgrades()).isTrue();
        assertThat(o.corsOrigins()).isEmpty();
        assertThat(o.corsCredentials()).isFalse();
        assertThat(o.cookieName()).isNull();
        assertThat(o.upgradesFrom("polling")).containsExactly("websocket");
        assertThat(o.upgradesFrom("websocket")).isEmpty();
        assertThat(o.path()).isEqualTo("/socket.io/");
        assertThat(o.maxBufferedBytes()).isEqualTo(4L << 20);
        assertThat(o.allowRequest()).isSameAs(AllowRequest.ALL);
    }

    @Test
    void shouldChangeOneValueInEachCopy() {
        AllowRequest hook = r -> AllowRequest.Verdict.ALLOW;
        EngineOptions o = EngineOptions.defaults().withPath("realtime").withPingInterval(1).withPingTimeout(2)
                .withUpgradeTimeout(3).withMaxHttpBufferSize(4).withTransports("websocket").withAllowUpgrades(false)
                .withCorsOrigins("https://a.example", "https://b.example").withCorsCredentials(true)
                .withCookieName("io").withAllowRequest(hook).withMaxBufferedBytes(5);
        assertThat(o).isEqualTo(new EngineOptions("/realtime/", 1, 2, 3, 4, Set.of("websocket"), false,
                List.of("https://a.example", "https://b.example"), true, "io", hook, 5));
        assertThat(EngineOptions.defaults()).isEqualTo(EngineOptions.defaults().withPath("/socket.io"));
        assertThat(EngineOptions.defaults().withPath("/").path()).isEqualTo("/");
    }

    @Test
    void shouldRefuseInvalidValuesNamingTheOption() {
        assertThatThrownBy(() -> EngineOptions.defaults().withPingInterval(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pingInterval must be positive, got 0");
        assertThatThrownBy(() -> EngineOptions.defaults().withPingTimeout(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pingTimeout must be positive, got -1");
        assertThatThrownBy(() -> EngineOptions.defaults().withUpgradeTimeout(-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("upgradeTimeout must be positive, got -5");
        assertThatThrownBy(() -> EngineOptions.defaults().withMaxBufferedBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBufferedBytes");
        assertThatThrownBy(() -> EngineOptions.defaults().withMaxHttpBufferSize(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxHttpBufferSize");
        assertThatThrownBy(() -> EngineOptions.defaults().withPath("/a b/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path");
        assertThatThrownBy(() -> EngineOptions.defaults().withPath(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path");
        assertThatThrownBy(() -> EngineOptions.defaults().withMaxHttpBufferSize(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngineOptions.defaults().withTransports())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngineOptions.defaults().withTransports("webtransport"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngineOptions.defaults().withAllowRequest(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void shouldCopyTheCollections() {
        List<String> origins = new java.util.ArrayList<>(List.of("https://a.example"));
        Set<String> transports = new java.util.HashSet<>(Set.of("polling"));
        EngineOptions d = EngineOptions.defaults();
        EngineOptions o = new EngineOptions(d.path(), 1, 1, 1, 1, transports, true, origins, false, null,
                AllowRequest.ALL, 1);
        origins.add("https://b.example");
        transports.add("websocket");
        assertThat(o.corsOrigins()).containsExactly("https://a.example");
        assertThat(o.transports()).containsExactly("polling");
    }

    @Test
    void shouldHaveTheProtocolErrorTable() {
        assertThat(EngineError.values()).extracting(EngineError::code).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(EngineError.values()).extracting(EngineError::status)
                .containsExactly(400, 400, 400, 400, 403, 400);
        assertThat(EngineError.UNKNOWN_SID.json()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
        assertThat(EngineError.FORBIDDEN.json("say \"please\"\n"))
                .isEqualTo("{\"code\":4,\"message\":\"say \\\"please\\\"\\n\"}");
        assertThat(EngineError.BAD_REQUEST.json("\u0001")).isEqualTo("{\"code\":3,\"message\":\"\\u0001\"}");
        assertThat(CloseReason.PING_TIMEOUT.text()).isEqualTo("ping timeout");
        assertThat(CloseReason.TRANSPORT_CLOSE.text()).isEqualTo("transport close");
    }

    @Test
    void shouldRunAndCancelTasksOnTheDefaultScheduler() throws Exception {
        try (ExecutorScheduler scheduler = new ExecutorScheduler("sio4ee-test-timer")) {
            CountDownLatch ran = new CountDownLatch(1);
            AtomicInteger cancelled = new AtomicInteger();
            EngineScheduler.Cancellable c = scheduler.schedule(cancelled::incrementAndGet, 200);
            scheduler.schedule(() -> {
                throw new IllegalStateException("a failing task does not kill the timer (thrown on purpose by the test)");
            }, 1);
            scheduler.schedule(ran::countDown, 20);
            c.cancel();
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(300);
            assertThat(cancelled.get()).isZero();
            assertThat(scheduler.nowMillis()).isPositive();
        }
    }

    @Test
    void shouldNotLetOneSlowTimerTaskHoldBackTheOthers() throws Exception {
        // a disconnect observer that blocks (a slow database) must not stop every session's heartbeat
        try (ExecutorScheduler scheduler = new ExecutorScheduler("sio4ee-test-timer", 2)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch slowStarted = new CountDownLatch(1);
            CountDownLatch otherRan = new CountDownLatch(1);
            scheduler.schedule(() -> {
                slowStarted.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, 1);
            assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();
            scheduler.schedule(otherRan::countDown, 1);
            assertThat(otherRan.await(5, TimeUnit.SECONDS)).as("ran while the slow task still blocks").isTrue();
            assertThat(release.getCount()).isEqualTo(1);
            release.countDown();
        }
        assertThatThrownBy(() -> new ExecutorScheduler("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldIgnoreTasksAfterTheSchedulerClosed() {
        ExecutorScheduler scheduler = new ExecutorScheduler("sio4ee-test-timer");
        scheduler.close();
        EngineScheduler.Cancellable c = scheduler.schedule(() -> { }, 1);
        c.cancel();
        assertThat(c).isSameAs(EngineScheduler.Cancellable.NONE);
    }
}
