package dev.sio4ee.engine;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Engine.IO settings, with the defaults of the Node.js server (its {@code path} is Socket.IO's). Immutable: start
 * from {@link #defaults()} and change what you need with the {@code withX} methods, as with {@code SocketIoOptions}.
 * Every value is checked when the options are made: durations and sizes must be positive.
 *
 * <pre>{@code
 * EngineOptions options = EngineOptions.defaults()
 *         .withPingInterval(10_000)
 *         .withCorsOrigins("https://app.example.com");
 * }</pre>
 *
 * @param path              where the server listens, relative to the web application's context root (default
 *                          {@code /socket.io/}); normalised to start and end with {@code /}
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
public record EngineOptions(String path, long pingInterval, long pingTimeout, long upgradeTimeout,
                            int maxHttpBufferSize, Set<String> transports, boolean allowUpgrades,
                            List<String> corsOrigins, boolean corsCredentials, String cookieName,
                            AllowRequest allowRequest, long maxBufferedBytes) {

    /** The default {@link #path()}. */
    public static final String DEFAULT_PATH = "/socket.io/";
    /** The default {@link #maxBufferedBytes()}: 4 MiB. */
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 4L << 20;
    /** The largest {@link #maxHttpBufferSize()}: a polling body is read into one array. */
    public static final int MAX_HTTP_BUFFER_SIZE_LIMIT = Integer.MAX_VALUE - 1024;
    /** The polling transport's name. */
    public static final String POLLING = "polling";
    /** The WebSocket transport's name. */
    public static final String WEBSOCKET = "websocket";

    /**
     * Validates, normalises the path and copies the collections.
     *
     * <pre>{@code EngineOptions o = EngineOptions.defaults().withPath("realtime"); // path "/realtime/"}</pre>
     *
     * @param path              see record doc
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
     * @throws IllegalArgumentException naming the option whose value is invalid
     */
    public EngineOptions {
        path = normalisePath(path);
        positive("pingInterval", pingInterval);
        positive("pingTimeout", pingTimeout);
        positive("upgradeTimeout", upgradeTimeout);
        positive("maxHttpBufferSize", maxHttpBufferSize);
        if (maxHttpBufferSize > MAX_HTTP_BUFFER_SIZE_LIMIT) {
            throw new IllegalArgumentException("maxHttpBufferSize is too large: " + maxHttpBufferSize);
        }
        positive("maxBufferedBytes", maxBufferedBytes);
        transports = Set.copyOf(Objects.requireNonNull(transports, "transports"));
        if (transports.isEmpty() || !Set.of(POLLING, WEBSOCKET).containsAll(transports)) {
            throw new IllegalArgumentException("transports must be a non-empty subset of [polling, websocket], got "
                    + transports);
        }
        corsOrigins = List.copyOf(Objects.requireNonNull(corsOrigins, "corsOrigins"));
        Objects.requireNonNull(allowRequest, "allowRequest");
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static String normalisePath(String path) {
        String p = Objects.requireNonNull(path, "path").strip();
        if (p.isEmpty() || p.chars().anyMatch(c -> c == '*' || c == '?' || c == '#' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("path must be a URL path such as /socket.io/, got '" + path + "'");
        }
        p = p.startsWith("/") ? p : "/" + p;
        return p.endsWith("/") ? p : p + "/";
    }

    /**
     * The defaults.
     * <pre>{@code EngineOptions.defaults().pingInterval() // 25000}</pre>
     *
     * @return the default options
     */
    public static EngineOptions defaults() {
        return new EngineOptions(DEFAULT_PATH, 25_000, 20_000, 10_000, 1_000_000, Set.of(POLLING, WEBSOCKET), true,
                List.of(), false, null, AllowRequest.ALL, DEFAULT_MAX_BUFFERED_BYTES);
    }

    /**
     * A copy with another path (Node's {@code path} option), relative to the context root.
     * <pre>{@code options.withPath("/realtime/")}</pre>
     *
     * @param value the path; a missing leading or trailing {@code /} is added
     * @return the copy
     */
    public EngineOptions withPath(String value) {
        return new EngineOptions(value, pingInterval, pingTimeout, upgradeTimeout, maxHttpBufferSize, transports,
                allowUpgrades, corsOrigins, corsCredentials, cookieName, allowRequest, maxBufferedBytes);
    }

    /**
     * A copy with another ping interval.
     * <pre>{@code options.withPingInterval(10_000)}</pre>
     *
     * @param millis ms between two pings, positive
     * @return the copy
     */
    public EngineOptions withPingInterval(long millis) {
        return new EngineOptions(path, millis, pingTimeout, upgradeTimeout, maxHttpBufferSize, transports,
                allowUpgrades, corsOrigins, corsCredentials, cookieName, allowRequest, maxBufferedBytes);
    }

    /**
     * A copy with another ping timeout.
     * <pre>{@code options.withPingTimeout(5_000)}</pre>
     *
     * @param millis ms to wait for a pong, positive
     * @return the copy
     */
    public EngineOptions withPingTimeout(long millis) {
        return new EngineOptions(path, pingInterval, millis, upgradeTimeout, maxHttpBufferSize, transports,
                allowUpgrades, corsOrigins, corsCredentials, cookieName, allowRequest, maxBufferedBytes);
    }

    /**
     * A copy with another upgrade timeout.
     * <pre>{@code options.withUpgradeTimeout(5_000)}</pre>
     *
     * @param millis ms an upgrade may take, positive
     * @return the copy
     */
    public EngineOptions withUpgradeTimeout(long millis) {
        return new EngineOptions(path, pingInterval, pingTimeout, millis, maxHttpBufferSize, transports,
                allowUpgrades, corsOrigins, corsCredentials, cookieName, allowRequest, maxBufferedBytes);
    }

    /**
     * A copy with another largest message size (Node's {@code maxHttpBufferSize}, sent to clients as
     * {@code maxPayload}).
     * <pre>{@code options.withMaxHttpBufferSize(100_000)}</pre>
     *
     * @param bytes the size, positive
     * @return the copy
     */
    public EngineOptions withMaxHttpBufferSize(int bytes) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, bytes, transports, allowUpgrades,
                corsOrigins, corsCredentials, cookieName, allowRequest, maxBufferedBytes);
    }

    /**
     * A copy with other allowed transports.
     * <pre>{@code options.withTransports("websocket")}</pre>
     *
     * @param names {@code polling} and/or {@code websocket}
     * @return the copy
     */
    public EngineOptions withTransports(String... names) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxHttpBufferSize,
                new LinkedHashSet<>(Arrays.asList(names)), allowUpgrades, corsOrigins, corsCredentials, cookieName,
                allowRequest, maxBufferedBytes);
    }

    /**
     * A copy with another upgrade setting.
     * <pre>{@code options.withAllowUpgrades(false)}</pre>
     *
     * @param value whether polling sessions may upgrade to WebSocket
     * @return the copy
     */
    public EngineOptions withAllowUpgrades(boolean value) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxHttpBufferSize, transports,
                value, corsOrigins, corsCredentials, cookieName, allowRequest, maxBufferedBytes);
    }

    /**
     * A copy with other CORS origins (Node's {@code cors.origin}).
     * <pre>{@code options.withCorsOrigins("https://app.example.com", "http://localhost:3000")}</pre>
     *
     * @param origins origins such as {@code https://app.example.com}, or {@code "*"}; none closes cross-origin access
     * @return the copy
     */
    public EngineOptions withCorsOrigins(String... origins) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxHttpBufferSize, transports,
                allowUpgrades, List.of(origins), corsCredentials, cookieName, allowRequest, maxBufferedBytes);
    }

    /**
     * A copy with another CORS credentials setting (Node's {@code cors.credentials}).
     * <pre>{@code options.withCorsCredentials(true)}</pre>
     *
     * @param value whether CORS responses allow credentials
     * @return the copy
     */
    public EngineOptions withCorsCredentials(boolean value) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxHttpBufferSize, transports,
                allowUpgrades, corsOrigins, value, cookieName, allowRequest, maxBufferedBytes);
    }

    /**
     * A copy with another sid cookie (Node's {@code cookie.name}).
     * <pre>{@code options.withCookieName("io")}</pre>
     *
     * @param name the cookie name, or null for no cookie
     * @return the copy
     */
    public EngineOptions withCookieName(String name) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxHttpBufferSize, transports,
                allowUpgrades, corsOrigins, corsCredentials, name, allowRequest, maxBufferedBytes);
    }

    /**
     * A copy with another handshake hook (Node's {@code allowRequest}).
     * <pre>{@code options.withAllowRequest(req -> AllowRequest.Verdict.ALLOW)}</pre>
     *
     * @param hook the hook
     * @return the copy
     */
    public EngineOptions withAllowRequest(AllowRequest hook) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxHttpBufferSize, transports,
                allowUpgrades, corsOrigins, corsCredentials, cookieName, hook, maxBufferedBytes);
    }

    /**
     * A copy with another bound on what may wait for one client.
     * <pre>{@code options.withMaxBufferedBytes(1 << 20)}</pre>
     *
     * @param bytes the bound, positive
     * @return the copy
     */
    public EngineOptions withMaxBufferedBytes(long bytes) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxHttpBufferSize, transports,
                allowUpgrades, corsOrigins, corsCredentials, cookieName, allowRequest, bytes);
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
}
