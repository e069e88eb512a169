package dev.sio4ee.server;

/**
 * A packet middleware of one socket (socket.io's {@code socket.use(([event, ...args], next) => ...)}): runs, in
 * registration order, for every event the client sends, after the {@code onAny} listeners and before the server
 * listeners and handlers. Call {@link Next#proceed()} to pass the event on (the next middleware, then the
 * handlers) or {@link Next#fail(Exception)} to stop it: no handler sees it and the error goes to the socket's
 * {@code onError} listeners. A middleware may rewrite the event ({@link IncomingEvent#rewrite}) and may answer
 * later, from another thread (events then reach the handlers in the order their middlewares finish). An exception
 * thrown by the middleware counts as {@code fail}.
 *
 * <pre>{@code
 * socket.use((event, next) -> {
 *     if (isUnauthorized(event.name())) next.fail(new IllegalStateException("unauthorized event"));
 *     else next.proceed();
 * });
 * socket.onError(err -> { if ("unauthorized event".equals(err.getMessage())) socket.disconnect(); });
 * }</pre>
 */
@FunctionalInterface
public interface PacketMiddleware {

    /**
     * Checks an incoming event.
     * <pre>{@code (event, next) -> next.proceed()}</pre>
     *
     * @param event the event (name, arguments, ack), which the middleware may rewrite
     * @param next  the continuation, to call once
     */
    void handle(IncomingEvent event, Next next);

    /** The continuation of a packet middleware; only its first call counts. */
    interface Next {
        /**
         * Passes the event on: the next middleware runs, or the handlers after the last one.
         * <pre>{@code next.proceed();}</pre>
         */
        void proceed();

        /**
         * Stops the event: the handlers do not see it, the socket's {@code onError} listeners get the error.
         * <pre>{@code next.fail(new IllegalStateException("unauthorized event"));}</pre>
         *
         * @param error the error
         */
        void fail(Exception error);
    }
}
