package dev.sio4ee.adapter;

/**
 * The modifiers of one broadcast, as socket.io's {@code flags}: {@code volatile}, {@code compress}, {@code local}
 * and {@code timeout}.
 *
 * <pre>{@code
 * BroadcastFlags flags = BroadcastFlags.NONE.withVolatile(true).withTimeout(5_000L);
 * }</pre>
 *
 * @param isVolatile whether the packet may be dropped for a client that cannot take it now (socket.io's
 *                   {@code volatile}, a Java keyword)
 * @param compress   whether the packet may be compressed (a hint for the transport)
 * @param local      whether the broadcast stays on this server (never published to a cluster)
 * @param timeout    how long to wait for acknowledgements, in milliseconds ({@code 0} or more: a negative
 *                   timeout is refused wherever it is given, {@code socket.timeout(ms)} and {@code io.timeout(ms)}
 *                   alike), or {@code null} for no limit
 */
public record BroadcastFlags(boolean isVolatile, boolean compress, boolean local, Long timeout) {

    /** No modifier: not volatile, compressed, cluster-wide, no timeout. */
    public static final BroadcastFlags NONE = new BroadcastFlags(false, true, false, null);

    /**
     * Validates the timeout.
     *
     * <pre>{@code new BroadcastFlags(false, true, true, null)}</pre>
     *
     * @param isVolatile see the record doc
     * @param compress   see the record doc
     * @param local      see the record doc
     * @param timeout    see the record doc
     */
    public BroadcastFlags {
        if (timeout != null && timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
    }

    /**
     * A copy with another volatile flag.
     * <pre>{@code BroadcastFlags f = BroadcastFlags.NONE.withVolatile(true);}</pre>
     *
     * @param value the flag
     * @return the copy
     */
    public BroadcastFlags withVolatile(boolean value) {
        return new BroadcastFlags(value, compress, local, timeout);
    }

    /**
     * A copy with another compress flag.
     * <pre>{@code BroadcastFlags f = BroadcastFlags.NONE.withCompress(false);}</pre>
     *
     * @param value the flag
     * @return the copy
     */
    public BroadcastFlags withCompress(boolean value) {
        return new BroadcastFlags(isVolatile, value, local, timeout);
    }

    /**
     * A copy with another local flag.
     * <pre>{@code BroadcastFlags f = BroadcastFlags.NONE.withLocal(true);}</pre>
     *
     * @param value the flag
     * @return the copy
     */
    public BroadcastFlags withLocal(boolean value) {
        return new BroadcastFlags(isVolatile, compress, value, timeout);
    }

    /**
     * A copy with another acknowledgement timeout.
     * <pre>{@code BroadcastFlags f = BroadcastFlags.NONE.withTimeout(1_000L);}</pre>
     *
     * @param millis the timeout in milliseconds, or {@code null} for none
     * @return the copy
     */
    public BroadcastFlags withTimeout(Long millis) {
        return new BroadcastFlags(isVolatile, compress, local, millis);
    }
}
