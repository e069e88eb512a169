package dev.sio4ee.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.tyrus.core.TyrusSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The idle-timer shortcut: zero-delay tasks inline, everything else on the session's own scheduler. */
class IdleTimerTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void shouldFrontTheSchedulerOfATyrusSessionOnce() {
        TyrusSession session = new TyrusSession(scheduler);
        assertThat(IdleTimer.install(session)).isTrue();
        ScheduledExecutorService fronted = session.service();
        assertThat(fronted).isInstanceOf(IdleTimer.Inline.class);
        assertThat(IdleTimer.install(session)).isTrue();
        assertThat(session.service()).isSameAs(fronted);
    }

    @Test
    void shouldLeaveOtherSessionsAlone() {
        Object other = new Object();
        assertThat(IdleTimer.install(other)).isFalse();
    }

    @Test
    void shouldRunAZeroDelayTaskOnTheCallingThread() {
        TyrusSession session = new TyrusSession(scheduler);
        IdleTimer.install(session);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        ScheduledFuture<?> f = session.service().schedule(() -> ranOn.set(Thread.currentThread()), 0,
                TimeUnit.MILLISECONDS);
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        assertThat(f.isDone()).isTrue();
        assertThat(f.cancel(true)).isFalse();
    }

    @Test
    void shouldHandADelayedTaskToTheSessionsScheduler() throws InterruptedException {
        TyrusSession session = new TyrusSession(scheduler);
        IdleTimer.install(session);
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        ScheduledFuture<?> f = session.service().schedule(() -> {
            ranOn.set(Thread.currentThread());
            ran.countDown();
        }, 50, TimeUnit.MILLISECONDS);
        assertThat(f.isDone()).isFalse();
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());

        ScheduledFuture<?> cancelled = session.service().schedule(() -> { }, 1, TimeUnit.HOURS);
        assertThat(cancelled.cancel(false)).isTrue();
        assertThat(cancelled.isCancelled()).isTrue();
    }
}
