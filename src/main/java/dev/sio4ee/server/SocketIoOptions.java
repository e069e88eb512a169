package dev.sio4ee.server;

import dev.sio4ee.adapter.Adapter;
import dev.sio4ee.adapter.InMemoryAdapter;
import dev.sio4ee.adapter.SessionAwareAdapter;
import dev.sio4ee.engine.EngineOptions;
import dev.sio4ee.protocol.Decoder;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The server's settings, with the defaults of the Node.js server: the Socket.IO ones, and the Engine.IO ones
 * ({@link #engine()}: path, ping interval and timeout, CORS, largest message, transports...), as Node's
 * {@code new Server({...})} takes both. Immutable: start from {@link #defaults()} and change what you need with the
 * {@code withX} methods. Every value is checked when the options are made: durations must be positive.
 *
 * <pre>{@code
 * SocketIoOptions options = SocketIoOptions.defaults()
 *         .withConnectTimeout(10_000)
 *         .withConnectionStateRecovery(ConnectionStateRecovery.defaults())
 *         .withEngine(engine -> engine.withPingInterval(10_000).withCorsOrigins("https://app.example.com"));
 * }</pre>
 *
 * @param engine                      the Engine.IO settings (default {@link EngineOptions#defaults()})
 * @param connectTimeout              ms a client may stay connected without joining a namespace (default 45000)
 * @param cleanupEmptyChildNamespaces whether a child of a dynamic namespace is removed when its last socket
 *                                    leaves (default false)
 * @param adapter                     creates the adapter of each namespace (default {@link InMemoryAdapter})
 * @param maxAttachments              the most binary attachments accepted per packet, 0 to
 *                                    {@value #MAX_ATTACHMENTS_LIMIT} (default 10)
 * @param connectionStateRecovery     the recovery settings, or {@code null} when recovery is off (the default);
 *                                    with recovery on and the default adapter, namespaces get a
 *                                    {@link SessionAwareAdapter}
 */
public record SocketIoOptions(EngineOptions engine, long connectTimeout, boolean cleanupEmptyChildNamespaces,
                              Adapter.Factory adapter, int maxAttachments,
                              ConnectionStateRecovery connectionStateRecovery) {

    /** The default adapter factory ({@link InMemoryAdapter}, or {@link SessionAwareAdapter} with recovery). */
    public static final Adapter.Factory DEFAULT_ADAPTER = InMemoryAdapter::new;
    /** The largest {@link #maxAttachments()}. */
    public static final int MAX_ATTACHMENTS_LIMIT = 10_000;

    /**
     * Validates.
     *
     * <pre>{@code new SocketIoOptions(EngineOptions.defaults(), 45_000, false, InMemoryAdapter::new, 10, null)}</pre>
     *
     * @param engine                      see the record doc
     * @param connectTimeout              see the record doc
     * @param cleanupEmptyChildNamespaces see the record doc
     * @param adapter                     see the record doc
     * @param maxAttachments              see the record doc
     * @param connectionStateRecovery     see the record doc
     * @throws IllegalArgumentException naming the option whose value is invalid
     */
    public SocketIoOptions {
        Objects.requireNonNull(engine, "engine");
        if (connectTimeout <= 0) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
        if (maxAttachments < 0 || maxAttachments > MAX_ATTACHMENTS_LIMIT) {
            throw new IllegalArgumentException("maxAttachments must be between 0 and " + MAX_ATTACHMENTS_LIMIT
                    + ", got " + maxAttachments);
        }
        Objects.requireNonNull(adapter, "adapter");
    }

    /**
     * The defaults.
     * <pre>{@code SocketIoOptions.defaults().connectTimeout() // 45000}</pre>
     *
     * @return the default options
     */
    public static SocketIoOptions defaults() {
        return new SocketIoOptions(EngineOptions.defaults(), 45_000, false, DEFAULT_ADAPTER,
                Decoder.DEFAULT_MAX_ATTACHMENTS, null);
    }

    /**
     * A copy with other Engine.IO settings.
     * <pre>{@code options.withEngine(EngineOptions.defaults().withTransports("websocket"))}</pre>
     *
     * @param value the Engine.IO settings
     * @return the copy
     */
    public SocketIoOptions withEngine(EngineOptions value) {
        return new SocketIoOptions(value, connectTimeout, cleanupEmptyChildNamespaces, adapter, maxAttachments,
                connectionStateRecovery);
    }

    /**
     * A copy whose Engine.IO settings are changed by a function of the current ones.
     * <pre>{@code options.withEngine(engine -> engine.withPingInterval(10_000).withPath("/realtime/"))}</pre>
     *
     * @param change returns the new Engine.IO settings from the current ones
     * @return the copy
     */
    public SocketIoOptions withEngine(UnaryOperator<EngineOptions> change) {
        return withEngine(change.apply(engine));
    }

    /**
     * A copy with another connect timeout.
     * <pre>{@code options.withConnectTimeout(10_000)}</pre>
     *
     * @param millis the timeout, positive
     * @return the copy
     */
    public SocketIoOptions withConnectTimeout(long millis) {
        return new SocketIoOptions(engine, millis, cleanupEmptyChildNamespaces, adapter, maxAttachments,
                connectionStateRecovery);
    }

    /**
     * A copy with another cleanup setting.
     * <pre>{@code options.withCleanupEmptyChildNamespaces(true)}</pre>
     *
     * @param value whether empty child namespaces are removed
     * @return the copy
     */
    public SocketIoOptions withCleanupEmptyChildNamespaces(boolean value) {
        return new SocketIoOptions(engine, connectTimeout, value, adapter, maxAttachments, connectionStateRecovery);
    }

    /**
     * A copy with another adapter factory.
     * <pre>{@code options.withAdapter(InMemoryAdapter::new)}</pre>
     *
     * @param factory the factory
     * @return the copy
     */
    public SocketIoOptions withAdapter(Adapter.Factory factory) {
        return new SocketIoOptions(engine, connectTimeout, cleanupEmptyChildNamespaces, factory, maxAttachments,
                connectionStateRecovery);
    }

    /**
     * A copy with another attachment limit.
     * <pre>{@code options.withMaxAttachments(2)}</pre>
     *
     * @param value the limit
     * @return the copy
     */
    public SocketIoOptions withMaxAttachments(int value) {
        return new SocketIoOptions(engine, connectTimeout, cleanupEmptyChildNamespaces, adapter, value,
                connectionStateRecovery);
    }

    /**
     * A copy with connection-state recovery on (settings given) or off ({@code null}).
     * <pre>{@code options.withConnectionStateRecovery(ConnectionStateRecovery.defaults())}</pre>
     *
     * @param value the settings, or null
     * @return the copy
     */
    public SocketIoOptions withConnectionStateRecovery(ConnectionStateRecovery value) {
        return new SocketIoOptions(engine, connectTimeout, cleanupEmptyChildNamespaces, adapter, maxAttachments,
                value);
    }

    /**
     * Whether connection-state recovery is on.
     * <pre>{@code options.recoveryEnabled() // false by default}</pre>
     *
     * @return true if {@link #connectionStateRecovery()} is set
     */
    public boolean recoveryEnabled() {
        return connectionStateRecovery != null;
    }

    /**
     * The factory the namespaces use: {@link #adapter()}, except that the default adapter becomes a
     * {@link SessionAwareAdapter} when recovery is on (as Node picks its {@code SessionAwareAdapter}).
     * <pre>{@code Adapter a = options.effectiveAdapter().create(host);}</pre>
     *
     * @return the factory
     */
    public Adapter.Factory effectiveAdapter() {
        if (connectionStateRecovery != null && adapter == DEFAULT_ADAPTER) {
            long window = connectionStateRecovery.maxDisconnectionDuration();
            return host -> new SessionAwareAdapter(host, window);
        }
        return adapter;
    }
}
