package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.EventName;
import dev.sio4ee.cdi.NamespaceName;
import dev.sio4ee.cdi.SocketDisconnected;
import dev.sio4ee.cdi.SocketEventReceived;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Test application: a stateless session bean observer; it runs in a container transaction, also when a socket
 * vanished (on WildFly that notification comes on an I/O thread).
 */
@Stateless
public class StatelessObserver {

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    Journal journal;

    public void on(@Observes @NamespaceName("/cdi") @EventName("ejb-stateless") SocketEventReceived e) {
        e.ack().send("stateless " + e.args().string(0), transactions.getTransactionKey() != null);
    }

    public void left(@Observes @NamespaceName("/cdi") SocketDisconnected e) {
        journal.add(e.socket().id() + ":ejb", "stateless saw " + e.reason().text() + " in a transaction "
                + (transactions.getTransactionKey() != null));
    }
}
