package dev.sio4ee.adapter.redis;

import java.util.Objects;

/**
 * The options of a {@link ShardedRedisAdapter}, as those of Node's {@code createShardedAdapter}: the channel prefix
 * (default {@code socket.io}) and the {@link SubscriptionMode} (default {@link SubscriptionMode#DYNAMIC}). Every
 * node of a cluster, Java or Node, must use the same values.
 *
 * <pre>{@code
 * ShardedRedisAdapterOptions opts = ShardedRedisAdapterOptions.defaults()
 *         .withChannelPrefix("chat")
 *         .withSubscriptionMode(SubscriptionMode.STATIC);
 * }</pre>
 *
 * @param channelPrefix    the prefix of every channel name ({@code <prefix>#<nsp>#...})
 * @param subscriptionMode which channels are subscribed
 */
public record ShardedRedisAdapterOptions(String channelPrefix, SubscriptionMode subscriptionMode) {
    /** Node's default channel prefix. */
    public static final String DEFAULT_CHANNEL_PREFIX = "socket.io";

    /**
     * Validates the options.
     * <pre>{@code new ShardedRedisAdapterOptions("socket.io", SubscriptionMode.DYNAMIC)}</pre>
     *
     * @param channelPrefix    see the record doc (not empty)
     * @param subscriptionMode see the record doc
     */
    public ShardedRedisAdapterOptions {
        Objects.requireNonNull(channelPrefix, "channelPrefix");
        Objects.requireNonNull(subscriptionMode, "subscriptionMode");
        if (channelPrefix.isEmpty()) {
            throw new IllegalArgumentException("the channel prefix must not be empty");
        }
    }

    /**
     * Node's defaults: prefix {@code socket.io}, mode {@code dynamic}.
     * <pre>{@code ShardedRedisAdapterOptions opts = ShardedRedisAdapterOptions.defaults();}</pre>
     *
     * @return the defaults
     */
    public static ShardedRedisAdapterOptions defaults() {
        return new ShardedRedisAdapterOptions(DEFAULT_CHANNEL_PREFIX, SubscriptionMode.DYNAMIC);
    }

    /**
     * A copy with another channel prefix.
     * <pre>{@code opts.withChannelPrefix("my-app")}</pre>
     *
     * @param prefix the prefix
     * @return the copy
     */
    public ShardedRedisAdapterOptions withChannelPrefix(String prefix) {
        return new ShardedRedisAdapterOptions(prefix, subscriptionMode);
    }

    /**
     * A copy with another subscription mode.
     * <pre>{@code opts.withSubscriptionMode(SubscriptionMode.DYNAMIC_PRIVATE)}</pre>
     *
     * @param mode the mode
     * @return the copy
     */
    public ShardedRedisAdapterOptions withSubscriptionMode(SubscriptionMode mode) {
        return new ShardedRedisAdapterOptions(channelPrefix, mode);
    }
}
