package dev.sio4ee.server;

/**
 * The acknowledgement callback of a received event (socket.io's {@code callback} in
 * {@code socket.on(event, (...args, callback) => ...)}): answers the client's ack function, once. When the client
 * asked for no acknowledgement, {@link #requested()} is false and {@link #send(Object...)} does nothing.
 *
 * <pre>{@code
 * socket.on("save", (args, ack) -> {
 *     store(args.string(0));
 *     ack.send("stored", 1);        // the client's callback receives ("stored", 1)
 * });
 * socket.on("echo", (args, ack) -> ack.send(args));   // the received arguments, as they came
 * }</pre>
 */
public interface Ack {

    /** The callback of an event sent without acknowledgement. */
    Ack NONE = new Ack() {
        @Override
        public boolean requested() {
            return false;
        }

        @Override
        public boolean send(Object... args) {
            return false;
        }
    };

    /**
     * Whether the client asked for an acknowledgement.
     * <pre>{@code if (ack.requested()) ack.send(result);}</pre>
     *
     * @return true if an ack id came with the event
     */
    boolean requested();

    /**
     * Sends the acknowledgement. Only the first call sends. The arguments follow the rule of every send method
     * (see {@link Args}): each value is one argument, a {@code List} one JSON array, {@code byte[]} a binary
     * attachment; an {@link Args} given alone is sent as the argument list it is.
     * <pre>{@code
     * ack.send("ok", Map.of("id", 7));   // the client's callback gets ("ok", {id: 7})
     * ack.send(List.of("a", "b"));       // the client's callback gets (["a", "b"]): one array
     * ack.send(args);                    // the received Args: each of them one argument
     * }</pre>
     *
     * @param args the arguments
     * @return true if this call sent the acknowledgement
     */
    boolean send(Object... args);
}
