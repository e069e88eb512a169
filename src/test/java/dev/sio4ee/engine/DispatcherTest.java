package dev.sio4ee.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The session's serial dispatcher against an executor run by hand: listener calls never run on the thread that
 * caused them, keep their order, resume after a turn, go to the server's own pool when the executor refuses them,
 * and a session whose application code falls past the limit is closed with {@code transport error} once, its
 * close still heard.
 */
class DispatcherTest {

    /** An executor whose tasks run only when the test says so. */
    static final class HandExecutor implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable command) {
            tasks.add(command);
        }

        /** Runs the queued tasks (and those they queue) on the calling thread; returns how many ran. */
        int runAll() {
            int n = 0;
            Runnable r;
            while ((r = next()) != null) {
                r.run();
                n++;
            }
            return n;
        }

        private synchronized Runnable next() {
            return tasks.poll();
        }
    }

    private final HandExecutor executor = new HandExecutor();
    private final EngineFixture f = new EngineFixture(EngineOptions.defaults(), executor);

    @Test
    void shouldNotRunListenerCallsOnTheThreadThatReceivedThePackets() {
        EngineFixture.Ws ws = f.websocketHandshake();
        ws.handler().onText("4one");
        ws.handler().onText("4two");
        RecordingListener events = f.events(ws.sid());
        assertThat(events.events()).isEmpty(); // nothing ran on the "I/O thread"
        assertThat(executor.tasks).hasSize(1); // one turn for the session, however many calls
        executor.runAll();
        assertThat(events.events()).containsExactly("message:one", "message:two");
    }

    @Test
    void shouldResumeAfterATurnAndKeepTheOrder() {
        EngineFixture.Ws ws = f.websocketHandshake();
        int count = SerialDispatcher.TURN * 2 + 5;
        for (int i = 0; i < count; i++) {
            ws.handler().onText("4m" + i);
        }
        assertThat(executor.runAll()).isEqualTo(3); // two full turns and the rest, each submitted again
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("message:m" + i);
        }
        assertThat(f.events(ws.sid()).events()).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldRunDispatchedTasksAfterTheCallsQueuedBefore() {
        EngineFixture.Ws ws = f.websocketHandshake();
        EngineSession session = f.session(ws.sid());
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        f.events(ws.sid()); // recording
        ws.handler().onText("4first");
        session.dispatch(() -> order.add("task in dispatch " + session.inDispatch()));
        assertThat(session.inDispatch()).isFalse();
        executor.runAll();
        assertThat(f.events(ws.sid()).events()).containsExactly("message:first");
        assertThat(order).containsExactly("task in dispatch true");
    }

    @Test
    void shouldRunTheTurnsAnExecutorRefusesOnTheServersOwnPool() throws InterruptedException {
        EngineFixture full = new EngineFixture(EngineOptions.defaults(), task -> {
            throw new RejectedExecutionException("pool full");
        });
        try {
            EngineFixture.Ws ws = full.websocketHandshake();
            ws.handler().onText("4one");
            ws.handler().onText("4two");
            RecordingListener events = full.events(ws.sid());
            for (int i = 0; i < 5_000 && events.events().size() < 2; i++) {
                Thread.sleep(2);
            }
            assertThat(events.events()).containsExactly("message:one", "message:two");
        } finally {
            full.server.close();
        }
    }

    @Test
    void shouldCloseASessionWhoseApplicationCodeFellBehindTheLimit() {
        EngineFixture.Ws ws = f.websocketHandshake();
        long limit = f.server.dispatchLimit();
        String big = "x".repeat(500_000); // 1 MB of queued weight each (two bytes a char)
        int fits = (int) (limit / (2L * big.length() + SerialDispatcher.TASK_WEIGHT));
        for (int i = 0; i < fits + 3; i++) {
            ws.handler().onText("4" + big);
        }
        EngineSession session = f.session(ws.sid());
        assertThat(session.isClosed()).isTrue();
        RecordingListener events = f.events(ws.sid());
        assertThat(events.events()).isEmpty(); // nothing ran yet: the executor is stalled
        executor.runAll();
        // what was queued before the limit is delivered, then the close, once
        assertThat(events.events()).hasSize(fits + 1);
        assertThat(events.events().get(fits)).isEqualTo("close:TRANSPORT_ERROR");
        assertThat(events.closeDescription()).isEqualTo("application code fell behind");
        assertThat(events.closeCount()).isOne();
        assertThat(ws.peer().closed()).isTrue();
        assertThat(f.server.clientsCount()).isZero();
    }
}
