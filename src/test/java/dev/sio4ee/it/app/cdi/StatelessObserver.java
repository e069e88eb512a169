package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.EventName;
import dev.sio4ee.cdi.Namespace;
import dev.sio4ee.cdi.SocketEventReceived;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Test application: a stateless session bean observer; it runs in a container transaction. */
@Stateless
public class StatelessObserver {

    @Resource
    TransactionSynchronizationRegistry transactions;

    public void on(@Observes @Namespace("/cdi") @EventName("ejb-stateless") SocketEventReceived e) {
        e.ack("stateless " + e.args().string(0), transactions.getTransactionKey() != null);
    }
}
