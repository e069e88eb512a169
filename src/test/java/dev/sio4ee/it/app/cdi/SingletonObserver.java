package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.EventName;
import dev.sio4ee.cdi.Namespace;
import dev.sio4ee.cdi.SocketEventReceived;
import jakarta.ejb.Singleton;
import jakarta.enterprise.event.Observes;

/** Test application: a singleton session bean observer that counts the events it saw. */
@Singleton
public class SingletonObserver {
    private int count;

    public void on(@Observes @Namespace("/cdi") @EventName("ejb-singleton") SocketEventReceived e) {
        count++;
        e.ack("singleton " + e.args().string(0), count);
    }
}
