package dev.sio4ee.server;

/**
 * Hears every event of a socket, incoming ({@code onAny}) or outgoing ({@code onAnyOutgoing}).
 *
 * <pre>{@code
 * socket.onAny((event, args) -> log("in: " + event + " " + args));
 * socket.onAnyOutgoing((event, args) -> log("out: " + event));
 * }</pre>
 */
@FunctionalInterface
public interface AnyListener {

    /**
     * An event went by.
     * <pre>{@code (event, args) -> counter.increment(event)}</pre>
     *
     * @param event the event name
     * @param args  its arguments (without the ack callback)
     */
    void onEvent(String event, Args args);
}
