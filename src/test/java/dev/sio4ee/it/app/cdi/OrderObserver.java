package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.EventName;
import dev.sio4ee.cdi.NamespaceName;
import dev.sio4ee.cdi.SocketEventReceived;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Test application: a client's "order" goes through the {@link Orders} EJB; the transactional observers tell the
 * client about the order only after its transaction committed.
 */
@ApplicationScoped
public class OrderObserver {

    @Inject
    Orders orders;

    @Inject
    SocketIoServer io;

    @Inject
    Journal journal;

    void order(@Observes @NamespaceName("/cdi") @EventName("order") SocketEventReceived e) {
        String outcome = orders.place(e.socket().id(), e.args().string(0), Boolean.TRUE.equals(e.args().get(1)));
        e.ack().send(outcome, orders.items());
    }

    void inProgress(@Observes OrderPlaced o) {
        journal.add(o.socketId(), "order in progress " + o.item());
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderPlaced o) {
        journal.add(o.socketId(), "order committed " + o.item());
        io.of("/cdi").to(o.socketId()).emit("order committed", o.item());
    }

    void failed(@Observes(during = TransactionPhase.AFTER_FAILURE) OrderPlaced o) {
        journal.add(o.socketId(), "order failed " + o.item());
    }
}
