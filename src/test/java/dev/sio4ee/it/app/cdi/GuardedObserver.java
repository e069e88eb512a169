package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.NamespaceName;
import dev.sio4ee.cdi.SocketConnected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Test application: tells an accepted client of /guarded which guards ran, in order, and the caller they saw. */
@ApplicationScoped
public class GuardedObserver {

    void welcome(@Observes @NamespaceName("/guarded") SocketConnected e) {
        e.socket().emit("welcome", e.socket().data().get("guards"), e.socket().data().get("caller"));
    }
}
