package dev.sio4ee.jakarta;

import dev.sio4ee.adapter.redis.RedisConfig;
import dev.sio4ee.server.SocketIoOptions;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * sio4ee's settings, read without rebuilding the WAR. Each setting has a name such as
 * {@code dev.sio4ee.PING_INTERVAL}; its value is taken from the first of these that has one: the system property
 * of that name, the environment variable {@code SIO4EE_PING_INTERVAL}, MicroProfile Config (when the server has
 * it: Payara and WildFly do; looked up at run time, so servers without it work too), the web.xml context-param of
 * that name.
 *
 * <p><b>Settings win over Java.</b> The options start from sio4ee's defaults, the application's
 * {@code SocketIoSetup} beans change them in Java, and then {@link #applyTo} replaces every value whose setting is
 * set, from whichever source. So a value set in code is the application's default, and the people who run it can
 * still change it without a rebuild; a setting that is not set leaves the Java value alone. System properties and
 * environment variables reach every application of the JVM; a context-param or MicroProfile Config's
 * {@code META-INF/microprofile-config.properties} is the application's own.
 *
 * <pre>{@code
 * Settings s = Settings.from(servletContext::getInitParameter);
 * SocketIoOptions options = s.applyTo(SocketIoOptions.defaults().withConnectTimeout(10_000));
 * // connectTimeout 10000, unless dev.sio4ee.CONNECT_TIMEOUT is set somewhere
 * }</pre>
 */
public final class Settings {
    /** Where the server listens, relative to the context root (default {@code /socket.io/}). */
    public static final String PATH = "dev.sio4ee.PATH";
    /** ms between server pings (default 25000). */
    public static final String PING_INTERVAL = "dev.sio4ee.PING_INTERVAL";
    /** ms to wait for a pong (default 20000). */
    public static final String PING_TIMEOUT = "dev.sio4ee.PING_TIMEOUT";
    /** ms an upgrade to WebSocket may take (default 10000). */
    public static final String UPGRADE_TIMEOUT = "dev.sio4ee.UPGRADE_TIMEOUT";
    /** Largest message or polling body in bytes (default 1000000). */
    public static final String MAX_HTTP_BUFFER_SIZE = "dev.sio4ee.MAX_HTTP_BUFFER_SIZE";
    /**
     * The most bytes waiting to go out to one client before it is closed with {@code transport error}; volatile
     * packets are dropped past half of it (default 4194304).
     */
    public static final String MAX_BUFFERED_BYTES = "dev.sio4ee.MAX_BUFFERED_BYTES";
    /** Comma-separated transports (default {@code polling,websocket}). */
    public static final String TRANSPORTS = "dev.sio4ee.TRANSPORTS";
    /** Whether polling may upgrade to WebSocket (default true). */
    public static final String ALLOW_UPGRADES = "dev.sio4ee.ALLOW_UPGRADES";
    /** Comma-separated origins allowed cross-origin, or {@code *} (default none). */
    public static final String CORS_ORIGINS = "dev.sio4ee.CORS_ORIGINS";
    /** Whether CORS allows credentials (default false). */
    public static final String CORS_CREDENTIALS = "dev.sio4ee.CORS_CREDENTIALS";
    /** Name of the sid cookie (default none). */
    public static final String COOKIE = "dev.sio4ee.COOKIE";
    /** ms a client may stay connected without joining a namespace (default 45000). */
    public static final String CONNECT_TIMEOUT = "dev.sio4ee.CONNECT_TIMEOUT";
    /** Comma-separated namespaces created at start, besides those the observers and guards name (default none). */
    public static final String NAMESPACES = "dev.sio4ee.NAMESPACES";
    /** Whether an empty child of a dynamic namespace is removed (default false). */
    public static final String CLEANUP_EMPTY_CHILD_NAMESPACES = "dev.sio4ee.CLEANUP_EMPTY_CHILD_NAMESPACES";
    /** The most binary attachments accepted in one packet (default 10). */
    public static final String MAX_ATTACHMENTS = "dev.sio4ee.MAX_ATTACHMENTS";

    /** Whether to serve the browser client at {@code <path>socket.io.js} (default true, as Node's serveClient). */
    public static final String SERVE_CLIENT = "dev.sio4ee.SERVE_CLIENT";

    /**
     * JNDI name of the managed executor where application code runs (default
     * {@code java:comp/DefaultManagedExecutorService}); {@code none} for sio4ee's own bounded pool.
     */
    public static final String EXECUTOR = "dev.sio4ee.EXECUTOR";
    /** The adapter: {@code memory} (default, one server), {@code redis} or {@code redis-sharded} (a cluster). */
    public static final String ADAPTER = "dev.sio4ee.ADAPTER";
    /** The Redis URI of the Redis adapters ({@code redis://host:6379}, {@code rediss://:password@host/0}, ...). */
    public static final String REDIS_URI = "dev.sio4ee.REDIS_URI";
    /** The channel prefix of the Redis adapters (default {@code socket.io}, as Node's {@code key}). */
    public static final String REDIS_KEY = "dev.sio4ee.REDIS_KEY";
    /** ms to wait for the other nodes' answers to a cluster request (default 5000). */
    public static final String REDIS_REQUESTS_TIMEOUT = "dev.sio4ee.REDIS_REQUESTS_TIMEOUT";
    /** The sharded adapter's subscription mode: {@code static}, {@code dynamic} (default), {@code dynamic-private}. */
    public static final String REDIS_SUBSCRIPTION_MODE = "dev.sio4ee.REDIS_SUBSCRIPTION_MODE";

    /** Every setting name, for documentation and validation. */
    public static final List<String> NAMES = List.of(PATH, PING_INTERVAL, PING_TIMEOUT, UPGRADE_TIMEOUT,
            MAX_HTTP_BUFFER_SIZE, MAX_BUFFERED_BYTES, TRANSPORTS, ALLOW_UPGRADES, CORS_ORIGINS, CORS_CREDENTIALS,
            COOKIE, CONNECT_TIMEOUT, NAMESPACES, CLEANUP_EMPTY_CHILD_NAMESPACES, MAX_ATTACHMENTS, SERVE_CLIENT,
            EXECUTOR, ADAPTER, REDIS_URI, REDIS_KEY, REDIS_REQUESTS_TIMEOUT, REDIS_SUBSCRIPTION_MODE);

    private static final System.Logger LOG = System.getLogger(Settings.class.getName());
    private static final Function<String, String> NONE = name -> null;

    private final Function<String, String> contextParams;
    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;
    private final Function<String, String> microProfile;

    private Settings(Function<String, String> contextParams, Function<String, String> systemProperties,
                     Function<String, String> environment, Function<String, String> microProfile) {
        this.contextParams = contextParams;
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.microProfile = microProfile;
    }

    /**
     * Settings over the given context-params and the real system properties and environment.
     * <pre>{@code Settings.from(servletContext::getInitParameter)}</pre>
     *
     * @param contextParams the context-param lookup
     * @return the settings
     */
    public static Settings from(Function<String, String> contextParams) {
        return new Settings(contextParams, System::getProperty, System::getenv,
                microProfileConfig(Thread.currentThread().getContextClassLoader()));
    }

    /**
     * Settings over explicit sources (for tests).
     * <pre>{@code Settings.of(Map.of(), Map.of("dev.sio4ee.PING_INTERVAL", "1000"), Map.of())}</pre>
     *
     * @param contextParams    context-params
     * @param systemProperties system properties
     * @param environment      environment variables
     * @return the settings
     */
    public static Settings of(Map<String, String> contextParams, Map<String, String> systemProperties,
                              Map<String, String> environment) {
        return new Settings(contextParams::get, systemProperties::get, environment::get, NONE);
    }

    /**
     * Settings over explicit sources, MicroProfile Config included (for tests).
     * <pre>{@code Settings.of(Map.of(), Map.of(), Map.of(), Map.of("dev.sio4ee.NAMESPACES", "/chat"))}</pre>
     *
     * @param contextParams    context-params
     * @param systemProperties system properties
     * @param environment      environment variables
     * @param microProfile     the values MicroProfile Config would give
     * @return the settings
     */
    public static Settings of(Map<String, String> contextParams, Map<String, String> systemProperties,
                              Map<String, String> environment, Map<String, String> microProfile) {
        return new Settings(contextParams::get, systemProperties::get, environment::get, microProfile::get);
    }

    /**
     * MicroProfile Config of this class loader as a lookup, when the server provides the API; otherwise a lookup
     * that finds nothing. Found by reflection, so sio4ee needs no MicroProfile jar.
     * <pre>{@code String v = Settings.microProfileConfig(loader).apply("dev.sio4ee.PATH");}</pre>
     *
     * @param loader the application's class loader
     * @return the lookup
     */
    public static Function<String, String> microProfileConfig(ClassLoader loader) {
        try {
            Class<?> provider = Class.forName("org.eclipse.microprofile.config.ConfigProvider", true, loader);
            Class<?> configType = Class.forName("org.eclipse.microprofile.config.Config", true, loader);
            Object config = provider.getMethod("getConfig", ClassLoader.class).invoke(null, loader);
            Method optional = configType.getMethod("getOptionalValue", String.class, Class.class);
            return name -> {
                try {
                    return ((Optional<?>) optional.invoke(config, name, String.class)).map(String::valueOf)
                            .orElse(null);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "MicroProfile Config could not read " + name, e);
                    return null;
                }
            };
        } catch (ClassNotFoundException | LinkageError e) {
            return NONE;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "MicroProfile Config is present but unusable; ignored", e);
            return NONE;
        }
    }

    /**
     * The environment variable for a setting name.
     * <pre>{@code Settings.environmentName("dev.sio4ee.PING_INTERVAL") // "SIO4EE_PING_INTERVAL"}</pre>
     *
     * @param name the setting name
     * @return the variable name
     */
    public static String environmentName(String name) {
        return "SIO4EE_" + name.substring("dev.sio4ee.".length()).toUpperCase(Locale.ROOT);
    }

    /**
     * The raw value of a setting, or {@code null}.
     * <pre>{@code settings.value(Settings.COOKIE)}</pre>
     *
     * @param name the setting name
     * @return the value from the first source that has one
     */
    public String value(String name) {
        String v = systemProperties.apply(name);
        if (v == null || v.isBlank()) {
            v = environment.apply(environmentName(name));
        }
        if (v == null || v.isBlank()) {
            v = microProfile.apply(name);
        }
        if (v == null || v.isBlank()) {
            v = contextParams.apply(name);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    /**
     * The JNDI name of the managed executor for application code, or empty for sio4ee's own pool ({@code none}).
     * <pre>{@code settings.executor() // Optional[java:comp/DefaultManagedExecutorService]}</pre>
     *
     * @return the name, unless turned off
     */
    public java.util.Optional<String> executor() {
        String v = value(EXECUTOR);
        if (v == null) {
            return java.util.Optional.of("java:comp/DefaultManagedExecutorService");
        }
        return "none".equalsIgnoreCase(v) ? java.util.Optional.empty() : java.util.Optional.of(v);
    }

    /**
     * Whether to serve the browser client files (Node's {@code serveClient}).
     * <pre>{@code if (settings.serveClient()) ClientBundle.load(loader).ifPresent(...);}</pre>
     *
     * @return true unless the setting is {@code false}
     * @throws IllegalArgumentException when the value is neither true nor false
     */
    public boolean serveClient() {
        Boolean v = booleanValue(SERVE_CLIENT);
        return v == null || v;
    }

    /**
     * The options with every setting that is set applied: each replaces the value it names, whatever the Java code
     * chose (see the class doc); a setting that is not set leaves its value alone.
     * <pre>{@code
     * SocketIoOptions o = settings.applyTo(SocketIoOptions.defaults()); // the defaults, as the settings change them
     * }</pre>
     *
     * @param options the options so far (the defaults, as the application's code changed them)
     * @return the options to run with
     * @throws IllegalArgumentException naming the setting whose value is invalid
     */
    public SocketIoOptions applyTo(SocketIoOptions options) {
        SocketIoOptions o = options;
        o = set(o, PATH, (x, v) -> x.withEngine(e -> e.withPath(v)));
        o = set(o, PING_INTERVAL, (x, v) -> x.withEngine(e -> e.withPingInterval(number(v))));
        o = set(o, PING_TIMEOUT, (x, v) -> x.withEngine(e -> e.withPingTimeout(number(v))));
        o = set(o, UPGRADE_TIMEOUT, (x, v) -> x.withEngine(e -> e.withUpgradeTimeout(number(v))));
        o = set(o, MAX_HTTP_BUFFER_SIZE, (x, v) -> x.withEngine(e -> e.withMaxHttpBufferSize(integer(v))));
        o = set(o, MAX_BUFFERED_BYTES, (x, v) -> x.withEngine(e -> e.withMaxBufferedBytes(number(v))));
        o = set(o, TRANSPORTS, (x, v) -> x.withEngine(e -> e.withTransports(list(v).toArray(String[]::new))));
        o = set(o, ALLOW_UPGRADES, (x, v) -> x.withEngine(e -> e.withAllowUpgrades(bool(v))));
        o = set(o, CORS_ORIGINS, (x, v) -> x.withEngine(e -> e.withCorsOrigins(list(v).toArray(String[]::new))));
        o = set(o, CORS_CREDENTIALS, (x, v) -> x.withEngine(e -> e.withCorsCredentials(bool(v))));
        o = set(o, COOKIE, (x, v) -> x.withEngine(e -> e.withCookieName(v)));
        o = set(o, CONNECT_TIMEOUT, (x, v) -> x.withConnectTimeout(number(v)));
        o = set(o, CLEANUP_EMPTY_CHILD_NAMESPACES, (x, v) -> x.withCleanupEmptyChildNamespaces(bool(v)));
        o = set(o, MAX_ATTACHMENTS, (x, v) -> x.withMaxAttachments(integer(v)));
        return o;
    }

    /** Applies one setting if it is set; an invalid value is reported with the setting's name. */
    private SocketIoOptions set(SocketIoOptions options, String name,
                                BiFunction<SocketIoOptions, String, SocketIoOptions> change) {
        String v = value(name);
        if (v == null) {
            return options;
        }
        try {
            return change.apply(options, v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid sio4ee setting " + name + "='" + v + "': " + e.getMessage(),
                    e);
        }
    }

    /**
     * The namespaces to create at start, each with a leading {@code /}.
     * <pre>{@code settings.namespaces() // ["/chat", "/admin"] for "chat, /admin"}</pre>
     *
     * @return the names, in order, without duplicates
     */
    public List<String> namespaces() {
        String v = value(NAMESPACES);
        if (v == null) {
            return List.of();
        }
        return list(v).stream().map(n -> n.startsWith("/") ? n : "/" + n).distinct().toList();
    }

    /**
     * The Redis adapter chosen by {@link #ADAPTER}, or null for the default in-memory adapter. Reading it touches
     * no Redis client class.
     * <pre>{@code
     * RedisConfig redis = settings.redis(); // null unless dev.sio4ee.ADAPTER is redis or redis-sharded
     * }</pre>
     *
     * @return the config, or null
     * @throws IllegalArgumentException naming the setting whose value is invalid (an unknown adapter, no URI...)
     */
    public RedisConfig redis() {
        String adapter = value(ADAPTER);
        String uri = value(REDIS_URI);
        Long timeout = longValue(REDIS_REQUESTS_TIMEOUT);
        try {
            return RedisConfig.of(adapter, uri, value(REDIS_KEY), timeout, value(REDIS_SUBSCRIPTION_MODE));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid sio4ee settings: " + e.getMessage() + " (settings " + ADAPTER
                    + ", " + REDIS_URI + ", " + REDIS_KEY + ", " + REDIS_SUBSCRIPTION_MODE + ")", e);
        }
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static long number(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number");
        }
    }

    private static int integer(String v) {
        long n = number(v);
        if (n != (int) n) {
            throw new IllegalArgumentException("is too large");
        }
        return (int) n;
    }

    private static boolean bool(String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("must be true or false");
    }

    private Long longValue(String name) {
        String v = value(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + v + "'");
        }
    }

    private Boolean booleanValue(String name) {
        String v = value(name);
        if (v == null) {
            return null;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.valueOf(v);
        }
        throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
    }
}
