package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.EventName;
import dev.sio4ee.cdi.NamespaceName;
import dev.sio4ee.cdi.SocketConnected;
import dev.sio4ee.cdi.SocketDisconnected;
import dev.sio4ee.cdi.SocketDisconnecting;
import dev.sio4ee.cdi.SocketEventReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Test application, plain CDI bean: observes every event type with every qualifier combination and writes what
 * it saw into the {@link Journal}, keyed by socket id.
 */
@ApplicationScoped
public class LifecycleObserver {

    @Inject
    Journal journal;

    /** No qualifier: every namespace, static or dynamic child. */
    void anyConnected(@Observes SocketConnected e) {
        journal.add(e.socket().id(), "connected " + e.socket().nsp().name());
    }

    /** One namespace. */
    void cdiConnected(@Observes @NamespaceName("/cdi") SocketConnected e) {
        e.socket().join("r1");
        e.socket().emit("ready", e.socket().id());
    }

    /** No qualifier: every event of every namespace. */
    void anyEvent(@Observes SocketEventReceived e) {
        if (!e.event().equals("seq") && !e.event().equals("journal")) {
            journal.add(e.socket().id(), "event " + e.event() + " in " + e.socket().nsp().name());
        }
    }

    /** Event name only: any namespace. */
    void ping(@Observes @EventName("ping") SocketEventReceived e) {
        e.ack().send("pong from " + e.socket().nsp().name());
    }

    /** Namespace and event name. */
    void seq(@Observes @NamespaceName("/cdi") @EventName("seq") SocketEventReceived e) {
        journal.add(e.socket().id() + ":seq", String.valueOf(e.args().number(0).intValue()));
    }

    void seqDone(@Observes @NamespaceName("/cdi") @EventName("seq-done") SocketEventReceived e) {
        e.ack().send(journal.get(e.socket().id() + ":seq").stream().map(Integer::valueOf).toList());
    }

    /** The journal of a socket, for a client waiting until the server saw another socket's disconnection. */
    void journal(@Observes @NamespaceName("/") @EventName("journal") SocketEventReceived e) {
        e.ack().send(journal.get(e.args().string(0)));
    }

    /** JSON-B typed argument, binary attachment, single-shot ack. */
    void typed(@Observes @NamespaceName("/cdi") @EventName("typed") SocketEventReceived e) {
        Point p = e.arg(0, Point.class);
        byte[] bytes = e.bytes(1);
        boolean first = e.ack().send(p.x + p.y, bytes.length, e.ack().requested());
        boolean second = e.ack().send("a second answer");
        journal.add(e.socket().id(), "acks " + first + " " + second);
    }

    /** Namespace-only observer of a namespace nobody configured: the extension creates it. */
    void otherConnected(@Observes @NamespaceName("/other") SocketConnected e) {
        e.socket().emit("ready", e.socket().id());
    }

    void disconnecting(@Observes @NamespaceName("/cdi") SocketDisconnecting e) {
        journal.add(e.socket().id(), "disconnecting " + e.reason().text() + " in r1 " + e.socket().rooms()
                .contains("r1"));
    }

    void disconnected(@Observes SocketDisconnected e) {
        journal.add(e.socket().id(), "disconnected " + e.reason().text() + " rooms " + e.socket().rooms().size());
    }
}
