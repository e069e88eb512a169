package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.EventName;
import dev.sio4ee.cdi.NamespaceName;
import dev.sio4ee.cdi.SocketEventReceived;
import jakarta.ejb.Singleton;
import jakarta.enterprise.event.Observes;

/** Test application: a singleton session bean observer that counts the events it saw. */
@Singleton
public class SingletonObserver {
    private int count;

    public void on(@Observes @NamespaceName("/cdi") @EventName("ejb-singleton") SocketEventReceived e) {
        count++;
        e.ack().send("singleton " + e.args().string(0), count);
    }
}
