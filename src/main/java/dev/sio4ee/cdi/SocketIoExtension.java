package dev.sio4ee.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import java.lang.annotation.Annotation;
import java.util.Set;
import java.util.TreeSet;

/**
 * CDI portable extension (registered by the library, nothing to declare) that notes the namespaces named by the
 * {@link NamespaceName} qualifier of the application's Socket.IO observers, so that the registry creates them when the
 * server starts: observing {@code @NamespaceName("/chat") SocketConnected} is enough for clients to connect to
 * {@code /chat}.
 *
 * <pre>{@code
 * @Inject SocketIoExtension extension;
 * Set<String> names = extension.observedNamespaces(); // [/chat]
 * }</pre>
 */
public class SocketIoExtension implements Extension {
    private final Set<String> namespaces = new TreeSet<>();

    void connected(@Observes ProcessObserverMethod<SocketConnected, ?> event) {
        note(event.getObserverMethod());
    }

    void received(@Observes ProcessObserverMethod<SocketEventReceived, ?> event) {
        note(event.getObserverMethod());
    }

    void disconnecting(@Observes ProcessObserverMethod<SocketDisconnecting, ?> event) {
        note(event.getObserverMethod());
    }

    void disconnected(@Observes ProcessObserverMethod<SocketDisconnected, ?> event) {
        note(event.getObserverMethod());
    }

    private synchronized void note(ObserverMethod<?> observer) {
        for (Annotation q : observer.getObservedQualifiers()) {
            if (q instanceof NamespaceName n) {
                namespaces.add(n.value());
            }
        }
    }

    /**
     * The namespaces named by the {@link NamespaceName} qualifier of an observer of a Socket.IO event.
     * <pre>{@code extension.observedNamespaces().contains("/chat")}</pre>
     *
     * @return a snapshot, sorted
     */
    public synchronized Set<String> observedNamespaces() {
        return Set.copyOf(namespaces);
    }
}
