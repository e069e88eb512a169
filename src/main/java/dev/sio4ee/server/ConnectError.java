package dev.sio4ee.server;

/**
 * A refused connection to a namespace, as the client receives it: a CONNECT_ERROR packet
 * {@code {"message": ..., "data": ...}} (its {@code connect_error} event gets an Error with that message and
 * {@code err.data}). A value, not an exception: a {@link Middleware} passes it to {@link Middleware.Next#fail}, a
 * CDI {@code ConnectionGuard} returns it.
 *
 * <pre>{@code
 * io.use((socket, next) -> {
 *     if (socket.handshake().auth().containsKey("token")) next.proceed();
 *     else next.fail(new ConnectError("not authorized", Map.of("content", "Please retry later")));
 * });
 * }</pre>
 *
 * @param message the message sent to the client (null is sent as {@code "null"})
 * @param data    extra data sent as {@code data} (a JSON value, map, list, string, number...), or null for none
 */
public record ConnectError(String message, Object data) {

    /**
     * An error without data.
     * <pre>{@code new ConnectError("not authorized")}</pre>
     *
     * @param message the message sent to the client
     */
    public ConnectError(String message) {
        this(message, null);
    }
}
