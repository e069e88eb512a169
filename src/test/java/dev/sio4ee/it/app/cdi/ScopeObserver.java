package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.EventName;
import dev.sio4ee.cdi.NamespaceName;
import dev.sio4ee.cdi.SocketEventReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

/** Test application: sync and async observers use a request-scoped bean. */
@ApplicationScoped
public class ScopeObserver {

    @Inject
    RequestCounter counter;

    void sync(@Observes @NamespaceName("/cdi") @EventName("request-scope") SocketEventReceived e) {
        e.ack().send(counter.increment(), counter.increment());
    }

    void async(@ObservesAsync @NamespaceName("/cdi") @EventName("request-scope-async") SocketEventReceived e) {
        e.ack().send(counter.increment(), counter.increment());
    }
}
