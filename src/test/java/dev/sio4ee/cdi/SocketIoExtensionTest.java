package dev.sio4ee.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The extension notes the namespaces that observers name, for the registry to create at start. */
class SocketIoExtensionTest {

    @SuppressWarnings("unchecked")
    private static <T> ProcessObserverMethod<T, Object> processing(Annotation... qualifiers) {
        ObserverMethod<T> observer = (ObserverMethod<T>) Proxy.newProxyInstance(
                SocketIoExtensionTest.class.getClassLoader(), new Class<?>[] {ObserverMethod.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getObservedQualifiers")) {
                        return Set.of(qualifiers);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (ProcessObserverMethod<T, Object>) Proxy.newProxyInstance(
                SocketIoExtensionTest.class.getClassLoader(), new Class<?>[] {ProcessObserverMethod.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getObserverMethod")) {
                        return observer;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void shouldNoteTheNamespacesOfEveryEventTypeAndIgnoreOtherQualifiers() {
        SocketIoExtension extension = new SocketIoExtension();
        extension.connected(processing(NamespaceName.Literal.of("/chat")));
        extension.received(processing(NamespaceName.Literal.of("/chat"), EventName.Literal.of("msg")));
        extension.received(processing(EventName.Literal.of("ping")));
        extension.disconnecting(processing(NamespaceName.Literal.of("/admin")));
        extension.disconnected(processing());
        assertThat(extension.observedNamespaces()).containsExactlyInAnyOrder("/chat", "/admin");
    }
}
