package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.EventName;
import dev.sio4ee.cdi.NamespaceName;
import dev.sio4ee.cdi.SocketEventReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

/** Test application: an async observer answers the ack from another thread than the sync observers'. */
@ApplicationScoped
public class AsyncObserver {

    void sync(@Observes @NamespaceName("/cdi") @EventName("async") SocketEventReceived e) {
        e.socket().data().put("syncThread", Thread.currentThread().getName());
    }

    void async(@ObservesAsync @NamespaceName("/cdi") @EventName("async") SocketEventReceived e) {
        String thread = Thread.currentThread().getName();
        e.ack().send("async " + e.args().string(0), !thread.equals(e.socket().data().get("syncThread")));
    }
}
