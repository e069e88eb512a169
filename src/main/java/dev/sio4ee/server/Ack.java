package dev.sio4ee.server;

import java.util.Arrays;
import java.util.List;

/**
 * The acknowledgement callback of a received event: answers the client's ack function, once. When the client
 * asked for no acknowledgement, {@link #requested()} is false and {@link #send(Object...)} does nothing.
 *
 * <pre>{@code
 * socket.on("save", (args, ack) -> {
 *     store(args.string(0));
 *     ack.send("stored", 1);        // the client's callback receives ("stored", 1)
 * });
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
        public boolean send(List<?> args) {
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
     * Sends the acknowledgement with these arguments ({@code byte[]} become binary attachments). Only the first
     * call sends.
     * <pre>{@code ack.send(List.of("ok", Map.of("id", 7)));}</pre>
     *
     * @param args the arguments
     * @return true if this call sent the acknowledgement
     */
    boolean send(List<?> args);

    /**
     * Sends the acknowledgement with these arguments. Only the first call sends.
     * <pre>{@code ack.send("ok");}</pre>
     *
     * @param args the arguments
     * @return true if this call sent the acknowledgement
     */
    default boolean send(Object... args) {
        return send(Arrays.asList(args));
    }
}
