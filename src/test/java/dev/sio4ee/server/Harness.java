package dev.sio4ee.server;

import dev.sio4ee.engine.EngineOptions;
import dev.sio4ee.engine.EngineServer;
import dev.sio4ee.engine.ManualScheduler;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A real engine and Socket.IO server on a manual clock. */
final class Harness {
    final ManualScheduler clock = new ManualScheduler();
    final EngineServer engine;
    final SocketIoServer io;

    Harness() {
        this(SocketIoOptions.defaults());
    }

    Harness(SocketIoOptions options) {
        this(options, Runnable::run);
    }

    /** With application code on the given executor (the default {@code Runnable::run} keeps tests synchronous). */
    Harness(SocketIoOptions options, java.util.concurrent.Executor executor) {
        engine = new EngineServer(EngineOptions.defaults(), clock, executor);
        io = new SocketIoServer(options, clock).attach(engine);
    }

    RawClient client() {
        return new RawClient(engine);
    }

    /** The server-side socket with the given id in the namespace. */
    Socket socket(String nsp, String id) {
        return io.of(nsp).sockets().get(id);
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static List<Object> frames(RawClient... clients) {
        List<Object> all = new java.util.ArrayList<>();
        for (RawClient c : clients) {
            all.addAll(c.drain());
        }
        return all;
    }
}
