package dev.sio4ee.adapter.redis;

import java.util.Locale;
import java.util.Objects;

/**
 * The options of the Redis adapters, with the names and defaults of Node's {@code @socket.io/redis-adapter} 8.3:
 * for the classic adapter ({@code createAdapter}) {@code key}, {@code requestsTimeout} and
 * {@code publishOnSpecificResponseChannel}; for the sharded one ({@code createShardedAdapter})
 * {@code channelPrefix} and {@code subscriptionMode}. Every node of a cluster, Java or Node, must use the same
 * {@code key} / {@code channelPrefix}.
 *
 * <pre>{@code
 * RedisAdapterOptions opts = RedisAdapterOptions.defaults().withKey("chat").withRequestsTimeout(2_000);
 * Adapter.Factory factory = RedisAdapter.factory(connection, opts);
 * }</pre>
 *
 * @param key                              the prefix of the classic adapter's channels ({@code "socket.io"})
 * @param requestsTimeout                  how long fetchSockets, allRooms and the legacy requests wait for the
 *                                         other servers, in ms ({@code 5000})
 * @param publishOnSpecificResponseChannel whether this node answers on the requester's own response channel
 *                                         {@code <key>-response#<nsp>#<uid>#} instead of the shared one
 *                                         ({@code false})
 * @param channelPrefix                    the prefix of the sharded adapter's channels ({@code "socket.io"})
 * @param subscriptionMode                 how the sharded adapter subscribes to rooms ({@code DYNAMIC})
 */
public record RedisAdapterOptions(String key, long requestsTimeout, boolean publishOnSpecificResponseChannel,
                                  String channelPrefix, SubscriptionMode subscriptionMode) {

    /** Node's defaults. */
    public static final String DEFAULT_KEY = "socket.io";
    /** Node's default requests timeout, in ms. */
    public static final long DEFAULT_REQUESTS_TIMEOUT = 5_000;

    /** The sharded adapter's {@code subscriptionMode}. */
    public enum SubscriptionMode {
        /** One shard channel per namespace (plus the response channel). */
        STATIC,
        /** Also one shard channel per public room (not per socket id). */
        DYNAMIC,
        /** Also one shard channel per room, private rooms (socket ids) included. */
        DYNAMIC_PRIVATE;

        /**
         * Reads Node's spelling: {@code static}, {@code dynamic}, {@code dynamic-private} (any case).
         * <pre>{@code SubscriptionMode m = SubscriptionMode.parse("dynamic-private");}</pre>
         *
         * @param value the name
         * @return the mode
         * @throws IllegalArgumentException for an unknown name
         */
        public static SubscriptionMode parse(String value) {
            String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "static" -> STATIC;
                case "dynamic" -> DYNAMIC;
                case "dynamic-private", "dynamic_private" -> DYNAMIC_PRIVATE;
                default -> throw new IllegalArgumentException("unknown subscriptionMode '" + value
                        + "' (static, dynamic or dynamic-private)");
            };
        }

        /**
         * Node's spelling of the mode.
         * <pre>{@code SubscriptionMode.DYNAMIC_PRIVATE.nodeName() // "dynamic-private"}</pre>
         *
         * @return the name
         */
        public String nodeName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Validates the options.
     * <pre>{@code new RedisAdapterOptions("socket.io", 5000, false, "socket.io", SubscriptionMode.DYNAMIC)}</pre>
     *
     * @param key                              see the record doc
     * @param requestsTimeout                  see the record doc
     * @param publishOnSpecificResponseChannel see the record doc
     * @param channelPrefix                    see the record doc
     * @param subscriptionMode                 see the record doc
     * @throws IllegalArgumentException when a prefix is empty or contains '#', or the timeout is not positive
     */
    public RedisAdapterOptions {
        checkPrefix("key", key);
        checkPrefix("channelPrefix", channelPrefix);
        if (requestsTimeout <= 0) {
            throw new IllegalArgumentException("requestsTimeout must be positive, not " + requestsTimeout);
        }
        Objects.requireNonNull(subscriptionMode, "subscriptionMode");
    }

    private static void checkPrefix(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        if (value.indexOf('#') >= 0 || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(name + " must not contain '#' or spaces: '" + value + "'");
        }
    }

    /**
     * Node's defaults.
     * <pre>{@code RedisAdapterOptions.defaults().key() // "socket.io"}</pre>
     *
     * @return the defaults
     */
    public static RedisAdapterOptions defaults() {
        return new RedisAdapterOptions(DEFAULT_KEY, DEFAULT_REQUESTS_TIMEOUT, false, DEFAULT_KEY,
                SubscriptionMode.DYNAMIC);
    }

    /**
     * A copy with another classic channel prefix.
     * <pre>{@code opts.withKey("myapp")}</pre>
     *
     * @param newKey the prefix
     * @return the copy
     */
    public RedisAdapterOptions withKey(String newKey) {
        return new RedisAdapterOptions(newKey, requestsTimeout, publishOnSpecificResponseChannel, channelPrefix,
                subscriptionMode);
    }

    /**
     * A copy with another requests timeout.
     * <pre>{@code opts.withRequestsTimeout(2_000)}</pre>
     *
     * @param millis the timeout in ms
     * @return the copy
     */
    public RedisAdapterOptions withRequestsTimeout(long millis) {
        return new RedisAdapterOptions(key, millis, publishOnSpecificResponseChannel, channelPrefix,
                subscriptionMode);
    }

    /**
     * A copy answering on the requester's own response channel, or not.
     * <pre>{@code opts.withPublishOnSpecificResponseChannel(true)}</pre>
     *
     * @param specific whether to
     * @return the copy
     */
    public RedisAdapterOptions withPublishOnSpecificResponseChannel(boolean specific) {
        return new RedisAdapterOptions(key, requestsTimeout, specific, channelPrefix, subscriptionMode);
    }

    /**
     * A copy with another sharded channel prefix.
     * <pre>{@code opts.withChannelPrefix("myapp")}</pre>
     *
     * @param prefix the prefix
     * @return the copy
     */
    public RedisAdapterOptions withChannelPrefix(String prefix) {
        return new RedisAdapterOptions(key, requestsTimeout, publishOnSpecificResponseChannel, prefix,
                subscriptionMode);
    }

    /**
     * A copy with another sharded subscription mode.
     * <pre>{@code opts.withSubscriptionMode(RedisAdapterOptions.SubscriptionMode.STATIC)}</pre>
     *
     * @param mode the mode
     * @return the copy
     */
    public RedisAdapterOptions withSubscriptionMode(SubscriptionMode mode) {
        return new RedisAdapterOptions(key, requestsTimeout, publishOnSpecificResponseChannel, channelPrefix, mode);
    }
}
