package dev.sio4ee.engine;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Engine.IO settings, with the defaults of the Node.js server.
 *
 * <pre>{@code
 * EngineOptions options = EngineOptions.builder()
 *         .pingInterval(10_000)
 *         .corsOrigins(List.of("https://app.example.com"))
 *         .build();
 * }</pre>
 *
 * @param pingInterval      ms between two server pings (default 25000)
 * @param pingTimeout       ms to wait for the pong before closing (default 20000)
 * @param upgradeTimeout    ms a transport upgrade may take (default 10000)
 * @param maxHttpBufferSize largest message or polling body in bytes (default 1000000, sent as {@code maxPayload})
 * @param transports        the allowed transports, among {@code polling} and {@code websocket} (default both)
 * @param allowUpgrades     whether polling sessions may upgrade to WebSocket (default true)
 * @param corsOrigins       origins allowed to connect cross-origin; {@code "*"} allows any; empty (the default)
 *                          allows same-origin pages and clients that send no Origin only
 * @param corsCredentials   whether CORS responses allow credentials (default false)
 * @param cookieName        name of the cookie holding the sid, or {@code null} for none (default)
 * @param allowRequest      the handshake hook (default allows all)
 * @param maxBufferedBytes  the most bytes waiting to go out to one client (write buffer plus WebSocket send queue;
 *                          text counted in chars) before it is closed with {@code transport error}; volatile
 *                          packets are dropped past half of it (default 4194304, 4 MiB)
 */
public record EngineOptions(long pingInterval, long pingTimeout, long upgradeTimeout, int maxHttpBufferSize,
                            Set<String> transports, boolean allowUpgrades, List<String> corsOrigins,
                            boolean corsCredentials, String cookieName, AllowRequest allowRequest,
                            long maxBufferedBytes) {

    /** The default {@link #maxBufferedBytes()}: 4 MiB. */
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 4L << 20;
    /** The polling transport's name. */
    public static final String POLLING = "polling";
    /** The WebSocket transport's name. */
    public static final String WEBSOCKET = "websocket";

    /**
     * Validates and copies the collections.
     *
     * @param pingInterval      see record doc
     * @param pingTimeout       see record doc
     * @param upgradeTimeout    see record doc
     * @param maxHttpBufferSize see record doc
     * @param transports        see record doc
     * @param allowUpgrades     see record doc
     * @param corsOrigins       see record doc
     * @param corsCredentials   see record doc
     * @param cookieName        see record doc
     * @param allowRequest      see record doc
     * @param maxBufferedBytes  see record doc
     */
    public EngineOptions {
        if (pingInterval <= 0 || pingTimeout <= 0 || upgradeTimeout <= 0 || maxHttpBufferSize <= 0) {
            throw new IllegalArgumentException("intervals, timeouts and maxHttpBufferSize must be positive");
        }
        transports = Set.copyOf(transports);
        if (transports.isEmpty() || !Set.of(POLLING, WEBSOCKET).containsAll(transports)) {
            throw new IllegalArgumentException("transports must be a non-empty subset of [polling, websocket]: "
                    + transports);
        }
        corsOrigins = List.copyOf(corsOrigins);
        Objects.requireNonNull(allowRequest, "allowRequest");
        if (maxBufferedBytes <= 0) {
            throw new IllegalArgumentException("maxBufferedBytes must be positive: " + maxBufferedBytes);
        }
    }

    /**
     * The defaults.
     * <pre>{@code EngineOptions.defaults().pingInterval() // 25000}</pre>
     *
     * @return the default options
     */
    public static EngineOptions defaults() {
        return builder().build();
    }

    /**
     * A builder starting from the defaults.
     * <pre>{@code EngineOptions.builder().transports(Set.of("websocket")).build()}</pre>
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from these options.
     * <pre>{@code options.toBuilder().pingTimeout(5_000).build()}</pre>
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.pingInterval = pingInterval;
        b.pingTimeout = pingTimeout;
        b.upgradeTimeout = upgradeTimeout;
        b.maxHttpBufferSize = maxHttpBufferSize;
        b.transports = transports;
        b.allowUpgrades = allowUpgrades;
        b.corsOrigins = corsOrigins;
        b.corsCredentials = corsCredentials;
        b.cookieName = cookieName;
        b.allowRequest = allowRequest;
        b.maxBufferedBytes = maxBufferedBytes;
        return b;
    }

    /**
     * The upgrades offered to a session that uses {@code transport}.
     * <pre>{@code options.upgradesFrom("polling") // ["websocket"]}</pre>
     *
     * @param transport the current transport
     * @return the transports it may upgrade to
     */
    public List<String> upgradesFrom(String transport) {
        return POLLING.equals(transport) && allowUpgrades && transports.contains(WEBSOCKET)
                ? List.of(WEBSOCKET) : List.of();
    }

    /** Builds {@link EngineOptions}; every setter returns the builder. */
    public static final class Builder {
        private long pingInterval = 25_000;
        private long pingTimeout = 20_000;
        private long upgradeTimeout = 10_000;
        private int maxHttpBufferSize = 1_000_000;
        private Set<String> transports = Set.of(POLLING, WEBSOCKET);
        private boolean allowUpgrades = true;
        private List<String> corsOrigins = List.of();
        private boolean corsCredentials;
        private String cookieName;
        private AllowRequest allowRequest = AllowRequest.ALL;
        private long maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;

        private Builder() {
        }

        /**
         * Sets pingInterval.
         * <pre>{@code builder.pingInterval(25_000)}</pre>
         *
         * @param v ms
         * @return this
         */
        public Builder pingInterval(long v) {
            pingInterval = v;
            return this;
        }

        /**
         * Sets pingTimeout.
         * <pre>{@code builder.pingTimeout(20_000)}</pre>
         *
         * @param v ms
         * @return this
         */
        public Builder pingTimeout(long v) {
            pingTimeout = v;
            return this;
        }

        /**
         * Sets upgradeTimeout.
         * <pre>{@code builder.upgradeTimeout(10_000)}</pre>
         *
         * @param v ms
         * @return this
         */
        public Builder upgradeTimeout(long v) {
            upgradeTimeout = v;
            return this;
        }

        /**
         * Sets maxBufferedBytes: how far one client may fall behind, in bytes, before it is closed.
         * <pre>{@code builder.maxBufferedBytes(1 << 20)}</pre>
         *
         * @param v the value
         * @return this builder
         */
        public Builder maxBufferedBytes(long v) {
            maxBufferedBytes = v;
            return this;
        }

        /**
         * Sets maxHttpBufferSize.
         * <pre>{@code builder.maxHttpBufferSize(1_000_000)}</pre>
         *
         * @param v bytes
         * @return this
         */
        public Builder maxHttpBufferSize(int v) {
            maxHttpBufferSize = v;
            return this;
        }

        /**
         * Sets the allowed transports.
         * <pre>{@code builder.transports(Set.of("websocket"))}</pre>
         *
         * @param v transport names
         * @return this
         */
        public Builder transports(Set<String> v) {
            transports = v;
            return this;
        }

        /**
         * Sets allowUpgrades.
         * <pre>{@code builder.allowUpgrades(false)}</pre>
         *
         * @param v whether upgrades are allowed
         * @return this
         */
        public Builder allowUpgrades(boolean v) {
            allowUpgrades = v;
            return this;
        }

        /**
         * Sets the CORS origin allow-list.
         * <pre>{@code builder.corsOrigins(List.of("http://localhost:3000"))}</pre>
         *
         * @param v origins such as {@code https://app.example.com}, or {@code "*"}
         * @return this
         */
        public Builder corsOrigins(List<String> v) {
            corsOrigins = v;
            return this;
        }

        /**
         * Sets corsCredentials.
         * <pre>{@code builder.corsCredentials(true)}</pre>
         *
         * @param v whether credentials are allowed
         * @return this
         */
        public Builder corsCredentials(boolean v) {
            corsCredentials = v;
            return this;
        }

        /**
         * Sets the sid cookie name ({@code null} for no cookie).
         * <pre>{@code builder.cookieName("io")}</pre>
         *
         * @param v the cookie name
         * @return this
         */
        public Builder cookieName(String v) {
            cookieName = v;
            return this;
        }

        /**
         * Sets the handshake hook.
         * <pre>{@code builder.allowRequest(req -> AllowRequest.Verdict.ALLOW)}</pre>
         *
         * @param v the hook
         * @return this
         */
        public Builder allowRequest(AllowRequest v) {
            allowRequest = v;
            return this;
        }

        /**
         * Builds the options.
         * <pre>{@code EngineOptions o = builder.build();}</pre>
         *
         * @return the options
         */
        public EngineOptions build() {
            return new EngineOptions(pingInterval, pingTimeout, upgradeTimeout, maxHttpBufferSize, transports,
                    allowUpgrades, corsOrigins, corsCredentials, cookieName, allowRequest, maxBufferedBytes);
        }
    }
}
