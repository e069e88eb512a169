package dev.sio4ee.adapter.redis;

/**
 * Which Redis shard channels a {@link ShardedRedisAdapter} listens to, as the {@code subscriptionMode} option of
 * Node's {@code createShardedAdapter}. Every node of a cluster must use the same mode: a node publishes a broadcast
 * to a single room on that room's channel only in the dynamic modes, and only nodes of those modes listen there.
 *
 * <pre>{@code
 * SubscriptionMode mode = SubscriptionMode.of("dynamic-private"); // DYNAMIC_PRIVATE
 * String wire = mode.value();                                     // "dynamic-private"
 * }</pre>
 */
public enum SubscriptionMode {
    /** Two channels per namespace: {@code <prefix>#<nsp>#} for everything, {@code <prefix>#<nsp>#<uid>#} for responses. */
    STATIC("static"),
    /**
     * As {@link #STATIC}, plus one channel {@code <prefix>#<nsp>#<room>#} per public room (a room that is not a
     * socket's own id) while it has local members; broadcasts to exactly one public room travel there (Node's default).
     */
    DYNAMIC("dynamic"),
    /** As {@link #DYNAMIC}, but the private rooms (socket ids) get their own channel too. */
    DYNAMIC_PRIVATE("dynamic-private");

    private final String value;

    SubscriptionMode(String value) {
        this.value = value;
    }

    /**
     * The option's value in Node ({@code "static"}, {@code "dynamic"}, {@code "dynamic-private"}).
     * <pre>{@code SubscriptionMode.DYNAMIC.value() // "dynamic"}</pre>
     *
     * @return the value
     */
    public String value() {
        return value;
    }

    /**
     * The mode named by Node's option value (case and surrounding blanks ignored; {@code _} accepted for {@code -}).
     * <pre>{@code SubscriptionMode.of("static") // STATIC}</pre>
     *
     * @param value {@code static}, {@code dynamic} or {@code dynamic-private}
     * @return the mode
     * @throws IllegalArgumentException for any other value
     */
    public static SubscriptionMode of(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        for (SubscriptionMode m : values()) {
            if (m.value.equals(v)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown subscription mode '" + value
                + "' (expected static, dynamic or dynamic-private)");
    }

    /** Whether rooms get channels of their own in this mode. */
    boolean dynamic() {
        return this != STATIC;
    }
}
