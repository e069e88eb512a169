package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.EventName;
import dev.sio4ee.cdi.SocketEventReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

/** Test application: observers that fail, sync and async; the connection must live on. */
@ApplicationScoped
public class ThrowingObserver {

    void boom(@Observes @EventName("boom") SocketEventReceived e) {
        throw new IllegalStateException("boom on purpose (sio4ee test)");
    }

    void asyncBoom(@ObservesAsync @EventName("boom") SocketEventReceived e) {
        throw new IllegalStateException("async boom on purpose (sio4ee test)");
    }
}
