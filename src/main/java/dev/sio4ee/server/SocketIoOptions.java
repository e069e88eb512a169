package dev.sio4ee.server;

import dev.sio4ee.adapter.Adapter;
import dev.sio4ee.adapter.InMemoryAdapter;
import dev.sio4ee.adapter.SessionAwareAdapter;
import dev.sio4ee.protocol.Decoder;
import java.util.Objects;

/**
 * Socket.IO settings, with the defaults of the Node.js server.
 *
 * <pre>{@code
 * SocketIoOptions options = SocketIoOptions.defaults()
 *         .withConnectTimeout(10_000)
 *         .withCleanupEmptyChildNamespaces(true);
 * }</pre>
 *
 * @param connectTimeout              ms a client may stay connected without joining a namespace (default 45000)
 * @param cleanupEmptyChildNamespaces whether a child of a dynamic namespace is removed when its last socket
 *                                    leaves (default false)
 * @param adapter                     creates the adapter of each namespace (default {@link InMemoryAdapter})
 * @param maxAttachments              the most binary attachments accepted per packet (default 10)
 * @param connectionStateRecovery     the recovery settings, or {@code null} when recovery is off (the default);
 *                                    with recovery on and the default adapter, namespaces get a
 *                                    {@link SessionAwareAdapter}
 */
public record SocketIoOptions(long connectTimeout, boolean cleanupEmptyChildNamespaces, Adapter.Factory adapter,
                              int maxAttachments, ConnectionStateRecovery connectionStateRecovery) {

    /** The default adapter factory ({@link InMemoryAdapter}, or {@link SessionAwareAdapter} with recovery). */
    public static final Adapter.Factory DEFAULT_ADAPTER = InMemoryAdapter::new;

    /**
     * Validates.
     *
     * <pre>{@code new SocketIoOptions(45_000, false, InMemoryAdapter::new, 10, null)}</pre>
     *
     * @param connectTimeout              see the record doc
     * @param cleanupEmptyChildNamespaces see the record doc
     * @param adapter                     see the record doc
     * @param maxAttachments              see the record doc
     * @param connectionStateRecovery     see the record doc
     */
    public SocketIoOptions {
        if (connectTimeout <= 0 || maxAttachments < 0) {
            throw new IllegalArgumentException("connectTimeout must be positive and maxAttachments >= 0");
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
        return new SocketIoOptions(45_000, false, DEFAULT_ADAPTER, Decoder.DEFAULT_MAX_ATTACHMENTS, null);
    }

    /**
     * A copy with another connect timeout.
     * <pre>{@code options.withConnectTimeout(10_000)}</pre>
     *
     * @param millis the timeout
     * @return the copy
     */
    public SocketIoOptions withConnectTimeout(long millis) {
        return new SocketIoOptions(millis, cleanupEmptyChildNamespaces, adapter, maxAttachments,
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
        return new SocketIoOptions(connectTimeout, value, adapter, maxAttachments, connectionStateRecovery);
    }

    /**
     * A copy with another adapter factory.
     * <pre>{@code options.withAdapter(InMemoryAdapter::new)}</pre>
     *
     * @param factory the factory
     * @return the copy
     */
    public SocketIoOptions withAdapter(Adapter.Factory factory) {
        return new SocketIoOptions(connectTimeout, cleanupEmptyChildNamespaces, factory, maxAttachments,
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
        return new SocketIoOptions(connectTimeout, cleanupEmptyChildNamespaces, adapter, value, connectionStateRecovery);
    }

    /**
     * A copy with connection-state recovery on (settings given) or off ({@code null}).
     * <pre>{@code options.withConnectionStateRecovery(ConnectionStateRecovery.defaults())}</pre>
     *
     * @param value the settings, or null
     * @return the copy
     */
    public SocketIoOptions withConnectionStateRecovery(ConnectionStateRecovery value) {
        return new SocketIoOptions(connectTimeout, cleanupEmptyChildNamespaces, adapter, maxAttachments, value);
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
     * <pre>{@code Adapter a = options.effectiveAdapter().create(namespace);}</pre>
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
