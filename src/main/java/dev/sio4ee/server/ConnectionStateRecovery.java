package dev.sio4ee.server;

/**
 * The settings of connection-state recovery (Node's {@code connectionStateRecovery} option, off by default): a
 * client that lost its connection for a recoverable reason and reconnects within
 * {@link #maxDisconnectionDuration()} gets its socket back, with the same id, rooms and {@code data}, and every
 * event it missed, in order ({@code socket.recovered()} is then true).
 *
 * <pre>{@code
 * SocketIoOptions options = SocketIoOptions.defaults()
 *         .withConnectionStateRecovery(ConnectionStateRecovery.defaults().withMaxDisconnectionDuration(60_000));
 * }</pre>
 *
 * @param maxDisconnectionDuration how long, in ms, a session and the packets it may miss are kept (default
 *                                 120000, two minutes)
 * @param skipMiddlewares          whether the namespace middlewares are skipped when a socket is recovered
 *                                 (default true)
 */
public record ConnectionStateRecovery(long maxDisconnectionDuration, boolean skipMiddlewares) {

    /** Node's default window: two minutes. */
    public static final long DEFAULT_MAX_DISCONNECTION_DURATION = 2 * 60 * 1000;

    /**
     * Validates.
     *
     * <pre>{@code new ConnectionStateRecovery(120_000, true)}</pre>
     *
     * @param maxDisconnectionDuration see the record doc
     * @param skipMiddlewares          see the record doc
     */
    public ConnectionStateRecovery {
        if (maxDisconnectionDuration <= 0) {
            throw new IllegalArgumentException("maxDisconnectionDuration must be positive, got "
                    + maxDisconnectionDuration);
        }
    }

    /**
     * Node's defaults: two minutes, middlewares skipped.
     * <pre>{@code ConnectionStateRecovery.defaults().maxDisconnectionDuration() // 120000}</pre>
     *
     * @return the defaults
     */
    public static ConnectionStateRecovery defaults() {
        return new ConnectionStateRecovery(DEFAULT_MAX_DISCONNECTION_DURATION, true);
    }

    /**
     * A copy with another window.
     * <pre>{@code ConnectionStateRecovery.defaults().withMaxDisconnectionDuration(30_000)}</pre>
     *
     * @param millis the window
     * @return the copy
     */
    public ConnectionStateRecovery withMaxDisconnectionDuration(long millis) {
        return new ConnectionStateRecovery(millis, skipMiddlewares);
    }

    /**
     * A copy with another middleware setting.
     * <pre>{@code ConnectionStateRecovery.defaults().withSkipMiddlewares(false)}</pre>
     *
     * @param value whether middlewares are skipped on recovery
     * @return the copy
     */
    public ConnectionStateRecovery withSkipMiddlewares(boolean value) {
        return new ConnectionStateRecovery(maxDisconnectionDuration, value);
    }
}
