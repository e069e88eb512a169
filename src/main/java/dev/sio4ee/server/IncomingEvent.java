package dev.sio4ee.server;

import java.util.Objects;

/**
 * An event received from a client as the packet middlewares see it (socket.io's {@code [event, ...args]} array):
 * its name, its arguments and its acknowledgement callback. A middleware may rewrite the name and arguments
 * before the handlers see them; the acknowledgement stays with the event. Thread-safe.
 *
 * <pre>{@code
 * socket.use((event, next) -> {
 *     event.rewrite("wrap", Args.of(event.name(), event.args().string(0))); // ["join","woot"] -> ["wrap","join","woot"]
 *     next.proceed();
 * });
 * }</pre>
 */
public final class IncomingEvent {
    private final Ack ack;
    private String name;
    private Args args;

    IncomingEvent(String name, Args args, Ack ack) {
        this.name = name;
        this.args = args;
        this.ack = ack;
    }

    /**
     * The event name.
     * <pre>{@code if (event.name().equals("join")) ...}</pre>
     *
     * @return the name
     */
    public synchronized String name() {
        return name;
    }

    /**
     * The arguments.
     * <pre>{@code String room = event.args().string(0);}</pre>
     *
     * @return the arguments
     */
    public synchronized Args args() {
        return args;
    }

    /**
     * The acknowledgement callback ({@link Ack#requested()} false when the client wants none).
     * <pre>{@code event.ack().send("refused");}</pre>
     *
     * @return the callback
     */
    public Ack ack() {
        return ack;
    }

    /**
     * Replaces the name and arguments the next middlewares and the handlers will see.
     * <pre>{@code event.rewrite("wrap", Args.of("join", "woot"));}</pre>
     *
     * @param newName the event name, not null
     * @param newArgs the arguments, not null
     */
    public synchronized void rewrite(String newName, Args newArgs) {
        this.name = Objects.requireNonNull(newName, "name");
        this.args = Objects.requireNonNull(newArgs, "args");
    }

    @Override
    public synchronized String toString() {
        return "IncomingEvent[" + name + " " + args + "]";
    }
}
