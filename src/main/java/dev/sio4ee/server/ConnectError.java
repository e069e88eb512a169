package dev.sio4ee.server;

/**
 * Refuses a connection to a namespace from a {@link Middleware}: the client receives a CONNECT_ERROR packet
 * {@code {"message": ..., "data": ...}} (its {@code connect_error} event gets an Error with that message and
 * {@code err.data}).
 *
 * <pre>{@code
 * io.use((socket, next) -> {
 *     if (socket.handshake().auth().containsKey("token")) next.proceed();
 *     else next.fail(new ConnectError("not authorized", Map.of("content", "Please retry later")));
 * });
 * }</pre>
 */
public class ConnectError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The extra data, any JSON-convertible value. */
    private final transient Object data;

    /**
     * An error without data.
     * <pre>{@code new ConnectError("not authorized")}</pre>
     *
     * @param message the message sent to the client
     */
    public ConnectError(String message) {
        this(message, null);
    }

    /**
     * An error with data.
     * <pre>{@code new ConnectError("not authorized", Map.of("retryIn", 5))}</pre>
     *
     * @param message the message sent to the client
     * @param data    extra data sent as {@code data} (a JSON value, map, list, string, number...), or null
     */
    public ConnectError(String message, Object data) {
        super(message);
        this.data = data;
    }

    /**
     * The extra data.
     * <pre>{@code Object d = error.data();}</pre>
     *
     * @return the data, or null
     */
    public Object data() {
        return data;
    }
}
