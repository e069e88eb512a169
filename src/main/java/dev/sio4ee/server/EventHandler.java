package dev.sio4ee.server;

/**
 * Handles one event received from a client (socket.io's {@code socket.on(event, (...args, callback) => ...)}).
 *
 * <pre>{@code
 * socket.on("chat message", (args, ack) -> {
 *     String text = args.string(0);
 *     socket.broadcast().emit("chat message", text);
 *     ack.send("delivered");
 * });
 * }</pre>
 */
@FunctionalInterface
public interface EventHandler {

    /**
     * The event arrived.
     * <pre>{@code (args, ack) -> ack.send(args.size())}</pre>
     *
     * @param args the arguments (JSON values, {@code byte[]} attachments in place)
     * @param ack  the acknowledgement callback ({@link Ack#requested()} false when the client wants none)
     */
    void onEvent(Args args, Ack ack);
}
