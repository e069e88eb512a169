package dev.sio4ee.server;

/**
 * A namespace guard (socket.io's {@code namespace.use((socket, next) => ...)}): runs, in registration order, for
 * every connection to the namespace before it is accepted. Call {@link Next#proceed()} to let the next one run or
 * {@link Next#fail(ConnectError)} to refuse; a middleware may answer later, from another thread. An exception
 * thrown by the middleware refuses the connection with its message.
 *
 * <pre>{@code
 * io.of("/admin").use((socket, next) -> {
 *     if ("secret".equals(socket.handshake().auth().getString("token", null))) next.proceed();
 *     else next.fail(new ConnectError("not authorized"));
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Middleware {

    /**
     * Checks a connection.
     * <pre>{@code (socket, next) -> next.proceed()}</pre>
     *
     * @param socket the socket being connected (not yet in the namespace; it may join rooms and fill data)
     * @param next   the continuation, to call once
     */
    void handle(Socket socket, Next next);

    /** The continuation of a middleware; only its first call counts. */
    interface Next {
        /**
         * Accepts, and runs the next middleware (or connects the socket after the last one).
         * <pre>{@code next.proceed();}</pre>
         */
        void proceed();

        /**
         * Refuses: the client gets a CONNECT_ERROR with the error's message and data.
         * <pre>{@code next.fail(new ConnectError("not authorized", Map.of("code", 401)));}</pre>
         *
         * @param error the error
         */
        void fail(ConnectError error);
    }
}
