package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.EventName;
import dev.sio4ee.cdi.NamespaceName;
import dev.sio4ee.cdi.SocketEventReceived;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/** Test application: a {@code @Transactional} CDI bean observer; it runs in a transaction. */
@ApplicationScoped
@Transactional
public class TransactionalObserver {

    @Resource
    TransactionSynchronizationRegistry transactions;

    void on(@Observes @NamespaceName("/cdi") @EventName("transactional") SocketEventReceived e) {
        e.ack().send("transactional " + e.args().string(0), transactions.getTransactionKey() != null);
    }
}
