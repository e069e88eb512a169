package dev.sio4ee.server;

import dev.sio4ee.engine.EngineScheduler;
import dev.sio4ee.protocol.Packet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The acknowledgements a socket waits for: ack id to callback, with their timeouts as tasks on the server's one
 * shared {@link EngineScheduler} (no timer thread per socket). A timeout only removes the entry on the timer
 * thread; the failure callback (application code) runs on the socket's dispatcher.
 */
final class AckRegistry {
    private final EngineScheduler scheduler;
    private final Executor dispatcher;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(Consumer<Packet> onAck, Consumer<Throwable> onFailure,
                           EngineScheduler.Cancellable[] timer) {
    }

    AckRegistry(EngineScheduler scheduler, Executor dispatcher) {
        this.scheduler = scheduler;
        this.dispatcher = dispatcher;
    }

    /**
     * Waits for the ACK with this id.
     *
     * @param onFailure told of a timeout or of the socket's disconnection, or null to hear nothing
     * @param timeout   ms, or null for no limit
     */
    void register(int id, Long timeout, Consumer<Packet> onAck, Consumer<Throwable> onFailure) {
        Pending p = new Pending(onAck, onFailure, new EngineScheduler.Cancellable[] {EngineScheduler.Cancellable.NONE});
        pending.put(id, p);
        if (timeout != null) {
            p.timer[0] = scheduler.schedule(() -> {
                if (pending.remove(id, p) && onFailure != null) {
                    dispatcher.execute(() -> onFailure.accept(new AckTimeoutException(java.util.List.of())));
                }
            }, timeout);
        }
    }

    /** Delivers an ACK; false if nobody waited for its id. */
    boolean complete(Packet ack) {
        Integer id = ack.id();
        Pending p = id == null ? null : pending.remove(id);
        if (p == null) {
            return false;
        }
        p.timer[0].cancel();
        p.onAck.accept(ack);
        return true;
    }

    /** Stops waiting for every ACK, telling those who asked. */
    void cancelAll(Throwable cause) {
        for (Integer id : pending.keySet()) {
            Pending p = pending.remove(id);
            if (p != null) {
                p.timer[0].cancel();
                if (p.onFailure != null) {
                    p.onFailure.accept(cause);
                }
            }
        }
    }

    int size() {
        return pending.size();
    }
}
