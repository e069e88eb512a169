package dev.sio4ee.adapter;

import dev.sio4ee.protocol.Packet;
import java.util.List;
import java.util.function.Consumer;

/**
 * The namespace as its adapter sees it (the server's {@code Namespace} gives its adapter a private object
 * implementing it), so that the adapter layer never depends on the server layer.
 *
 * <pre>{@code
 * Adapter adapter = new InMemoryAdapter(host);
 * String nsp = adapter.host().name(); // "/chat"
 * }</pre>
 */
public interface AdapterHost {

    /**
     * The namespace name.
     * <pre>{@code host.name() // "/chat"}</pre>
     *
     * @return the name, starting with {@code /}
     */
    String name();

    /**
     * A new acknowledgement id, unique in the namespace (socket.io's {@code nsp._ids++}).
     * <pre>{@code int id = host.nextAckId();}</pre>
     *
     * @return the id, {@code >= 0}
     */
    int nextAckId();

    /**
     * The socket of this namespace connected to this server with the given id.
     * <pre>{@code LocalSocket s = host.localSocket(id);}</pre>
     *
     * @param id the socket id
     * @return the socket, or {@code null} if it is not connected here
     */
    LocalSocket localSocket(String id);

    /**
     * An event sent by another server with {@code serverSideEmit}: the namespace hands it to its server-side
     * listeners.
     * <pre>{@code host.onServerSideEmit(Packet.event("/", "hello", List.of("world")), null);}</pre>
     *
     * @param packet an EVENT packet {@code [name, ...args]}
     * @param ack    receives the listener's answer, or {@code null} when the sender expects none
     */
    void onServerSideEmit(Packet packet, Consumer<List<?>> ack);

    /**
     * The server's clock, in milliseconds (a manual clock in tests). Defaults to the system clock.
     * <pre>{@code long now = host.nowMillis();}</pre>
     *
     * @return the current time
     */
    default long nowMillis() {
        return System.currentTimeMillis();
    }

    /**
     * Runs a task once after a delay on the server's one shared scheduler (no timer thread per adapter). By
     * default nothing is ever run, for hosts without a scheduler.
     * <pre>{@code Runnable cancel = host.schedule(this::sweep, 60_000);}</pre>
     *
     * @param task        the task, which must not block
     * @param delayMillis the delay
     * @return an action that cancels the task if it did not run yet
     */
    default Runnable schedule(Runnable task, long delayMillis) {
        return () -> { };
    }
}
