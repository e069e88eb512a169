package dev.sio4ee.server;

import dev.sio4ee.adapter.Adapter;
import dev.sio4ee.adapter.InMemoryAdapter;
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
 */
public record SocketIoOptions(long connectTimeout, boolean cleanupEmptyChildNamespaces, Adapter.Factory adapter,
                              int maxAttachments) {

    /**
     * Validates.
     *
     * <pre>{@code new SocketIoOptions(45_000, false, InMemoryAdapter::new, 10)}</pre>
     *
     * @param connectTimeout              see the record doc
     * @param cleanupEmptyChildNamespaces see the record doc
     * @param adapter                     see the record doc
     * @param maxAttachments              see the record doc
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
        return new SocketIoOptions(45_000, false, InMemoryAdapter::new, Decoder.DEFAULT_MAX_ATTACHMENTS);
    }

    /**
     * A copy with another connect timeout.
     * <pre>{@code options.withConnectTimeout(10_000)}</pre>
     *
     * @param millis the timeout
     * @return the copy
     */
    public SocketIoOptions withConnectTimeout(long millis) {
        return new SocketIoOptions(millis, cleanupEmptyChildNamespaces, adapter, maxAttachments);
    }

    /**
     * A copy with another cleanup setting.
     * <pre>{@code options.withCleanupEmptyChildNamespaces(true)}</pre>
     *
     * @param value whether empty child namespaces are removed
     * @return the copy
     */
    public SocketIoOptions withCleanupEmptyChildNamespaces(boolean value) {
        return new SocketIoOptions(connectTimeout, value, adapter, maxAttachments);
    }

    /**
     * A copy with another adapter factory.
     * <pre>{@code options.withAdapter(InMemoryAdapter::new)}</pre>
     *
     * @param factory the factory
     * @return the copy
     */
    public SocketIoOptions withAdapter(Adapter.Factory factory) {
        return new SocketIoOptions(connectTimeout, cleanupEmptyChildNamespaces, factory, maxAttachments);
    }

    /**
     * A copy with another attachment limit.
     * <pre>{@code options.withMaxAttachments(2)}</pre>
     *
     * @param value the limit
     * @return the copy
     */
    public SocketIoOptions withMaxAttachments(int value) {
        return new SocketIoOptions(connectTimeout, cleanupEmptyChildNamespaces, adapter, value);
    }
}
