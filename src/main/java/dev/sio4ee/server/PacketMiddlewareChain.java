package dev.sio4ee.server;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Runs a socket's packet middlewares one after the other (socket.io's {@code Socket#run}). */
final class PacketMiddlewareChain {
    private PacketMiddlewareChain() {
    }

    /** Runs the chain from the first middleware; {@code done} gets null when every one proceeded. */
    static void run(List<PacketMiddleware> chain, IncomingEvent event, Consumer<Exception> done) {
        step(chain, 0, event, done);
    }

    private static void step(List<PacketMiddleware> chain, int index, IncomingEvent event, Consumer<Exception> done) {
        if (index >= chain.size()) {
            done.accept(null);
            return;
        }
        AtomicBoolean called = new AtomicBoolean();
        PacketMiddleware.Next next = new PacketMiddleware.Next() {
            @Override
            public void proceed() {
                if (called.compareAndSet(false, true)) {
                    step(chain, index + 1, event, done);
                }
            }

            @Override
            public void fail(Exception error) {
                if (called.compareAndSet(false, true)) {
                    done.accept(error == null ? new IllegalStateException("unknown error") : error);
                }
            }
        };
        try {
            chain.get(index).handle(event, next);
        } catch (RuntimeException e) {
            next.fail(e);
        }
    }
}
