package dev.sio4ee.adapter.redis;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which Redis adapter a node uses and how it reaches Redis, as the settings {@code dev.sio4ee.ADAPTER},
 * {@code dev.sio4ee.REDIS_URI}, {@code dev.sio4ee.REDIS_KEY}, {@code dev.sio4ee.REDIS_REQUESTS_TIMEOUT} and
 * {@code dev.sio4ee.REDIS_SUBSCRIPTION_MODE} give it. Plain values: this type touches no Redis client class, so a
 * WAR without Lettuce can read its settings; {@link RedisNode#open} connects.
 *
 * <pre>{@code
 * RedisConfig config = RedisConfig.classic("redis://127.0.0.1:6379");
 * RedisConfig sharded = RedisConfig.of("redis-sharded", "redis://127.0.0.1:7000", "app", 3000L, "static");
 * }</pre>
 *
 * @param sharded          true for the sharded adapter (Node's {@code createShardedAdapter}), false for the classic
 *                         one (Node's {@code createAdapter})
 * @param uri              the Redis URI ({@code redis://}, {@code rediss://}, with password and database; several
 *                         comma-separated seeds for a Redis Cluster)
 * @param key              the channel prefix (Node's {@code key} / {@code channelPrefix}, default
 *                         {@value #DEFAULT_KEY})
 * @param requestsTimeout  ms to wait for the other nodes' answers (Node's {@code requestsTimeout}, default
 *                         {@value #DEFAULT_REQUESTS_TIMEOUT})
 * @param subscriptionMode the sharded adapter's {@code subscriptionMode}: {@code static}, {@code dynamic} (default)
 *                         or {@code dynamic-private}; ignored by the classic adapter
 */
public record RedisConfig(boolean sharded, String uri, String key, long requestsTimeout, String subscriptionMode) {
    /** The setting value of the classic adapter. */
    public static final String CLASSIC = "redis";
    /** The setting value of the sharded adapter. */
    public static final String SHARDED = "redis-sharded";
    /** The setting value of the default, single-server adapter. */
    public static final String MEMORY = "memory";
    /** Node's default channel prefix. */
    public static final String DEFAULT_KEY = "socket.io";
    /** Node's default requests timeout, in ms. */
    public static final long DEFAULT_REQUESTS_TIMEOUT = 5_000;
    /** Node's default subscription mode of the sharded adapter. */
    public static final String DEFAULT_SUBSCRIPTION_MODE = "dynamic";
    private static final Set<String> MODES = Set.of("static", "dynamic", "dynamic-private");

    /**
     * Validates.
     * <pre>{@code new RedisConfig(false, "redis://127.0.0.1:6379", "socket.io", 5000, "dynamic")}</pre>
     *
     * @param sharded          see the record doc
     * @param uri              see the record doc
     * @param key              see the record doc
     * @param requestsTimeout  see the record doc
     * @param subscriptionMode see the record doc
     * @throws IllegalArgumentException naming the invalid value
     */
    public RedisConfig {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(subscriptionMode, "subscriptionMode");
        String scheme = uri.toLowerCase(Locale.ROOT);
        if (!(scheme.startsWith("redis://") || scheme.startsWith("rediss://") || scheme.startsWith("redis-socket://"))) {
            throw new IllegalArgumentException("a Redis URI starts with redis://, rediss:// or redis-socket://, got '"
                    + uri + "'");
        }
        if (key.isEmpty() || key.indexOf('#') >= 0 || key.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the channel prefix must be non-empty, without '#' or spaces, got '"
                    + key + "'");
        }
        if (requestsTimeout <= 0) {
            throw new IllegalArgumentException("the requests timeout must be positive, got " + requestsTimeout);
        }
        if (!MODES.contains(subscriptionMode)) {
            throw new IllegalArgumentException("the subscription mode is static, dynamic or dynamic-private, got '"
                    + subscriptionMode + "'");
        }
    }

    /**
     * The classic adapter on a URI, with Node's defaults.
     * <pre>{@code RedisConfig.classic("redis://:secret@127.0.0.1:6379/0")}</pre>
     *
     * @param uri the Redis URI
     * @return the config
     */
    public static RedisConfig classic(String uri) {
        return new RedisConfig(false, uri, DEFAULT_KEY, DEFAULT_REQUESTS_TIMEOUT, DEFAULT_SUBSCRIPTION_MODE);
    }

    /**
     * The config for a setting value, or null for {@value #MEMORY} (or no value): the default adapter.
     * <pre>{@code RedisConfig.of("redis", "redis://127.0.0.1:6379", null, null, null) // classic, Node's defaults}</pre>
     *
     * @param adapter          {@value #MEMORY}, {@value #CLASSIC} or {@value #SHARDED} (case-insensitive), or null
     * @param uri              the Redis URI, required unless the adapter is {@value #MEMORY}
     * @param key              the channel prefix, or null for {@value #DEFAULT_KEY}
     * @param requestsTimeout  ms, or null for {@value #DEFAULT_REQUESTS_TIMEOUT}
     * @param subscriptionMode the sharded subscription mode, or null for {@value #DEFAULT_SUBSCRIPTION_MODE}
     * @return the config, or null for the default adapter
     * @throws IllegalArgumentException for an unknown adapter, a missing URI or an invalid value
     */
    public static RedisConfig of(String adapter, String uri, String key, Long requestsTimeout,
                                 String subscriptionMode) {
        String kind = adapter == null ? MEMORY : adapter.trim().toLowerCase(Locale.ROOT);
        if (kind.equals(MEMORY)) {
            return null;
        }
        if (!kind.equals(CLASSIC) && !kind.equals(SHARDED)) {
            throw new IllegalArgumentException("the adapter is memory, redis or redis-sharded, got '" + adapter + "'");
        }
        if (uri == null) {
            throw new IllegalArgumentException("the " + kind + " adapter needs a Redis URI");
        }
        return new RedisConfig(kind.equals(SHARDED), uri, key == null ? DEFAULT_KEY : key,
                requestsTimeout == null ? DEFAULT_REQUESTS_TIMEOUT : requestsTimeout,
                subscriptionMode == null ? DEFAULT_SUBSCRIPTION_MODE : subscriptionMode.toLowerCase(Locale.ROOT));
    }

    /**
     * The URI without its password, for logs.
     * <pre>{@code RedisConfig.classic("redis://:secret@host:6379").safeUri() // "redis://:***@host:6379"}</pre>
     *
     * @return the URI with the user info's password masked
     */
    public String safeUri() {
        int scheme = uri.indexOf("://");
        int at = uri.indexOf('@', scheme + 3);
        if (scheme < 0 || at < 0) {
            return uri;
        }
        String userInfo = uri.substring(scheme + 3, at);
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? "" : userInfo.substring(0, colon);
        return uri.substring(0, scheme + 3) + user + ":***" + uri.substring(at);
    }

    @Override
    public String toString() {
        return (sharded ? SHARDED : CLASSIC) + " adapter on " + safeUri() + " (key " + key + ", requests timeout "
                + requestsTimeout + " ms" + (sharded ? ", subscription mode " + subscriptionMode : "") + ")";
    }
}
