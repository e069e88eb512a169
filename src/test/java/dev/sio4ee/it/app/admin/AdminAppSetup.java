package dev.sio4ee.it.app.admin;

import dev.sio4ee.admin.AdminOptions;
import dev.sio4ee.admin.AdminUi;
import dev.sio4ee.cdi.IdentityStoreAdminAuth;
import dev.sio4ee.cdi.SocketIoSetup;
import dev.sio4ee.server.SocketIoServer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;

/**
 * Test application for the admin UI: in {@code /} and {@code /chat} clients may ask to join a room, set their
 * name (socket.data), get an answer and shout to a room; the read-write admin UI comes from the settings (context-params) at
 * {@code /admin}, and this bean adds, in code, a read-only one at {@code /observer} with the same logins.
 */
@ApplicationScoped
public class AdminAppSetup implements SocketIoSetup {
    @Inject
    Instance<IdentityStoreHandler> stores;

    private AdminUi observer;

    @Override
    public void configure(SocketIoServer io) {
        for (String nsp : new String[] {"/", "/chat"}) {
            io.of(nsp).onConnection(socket -> {
                socket.on("enter", (args, ack) -> {
                    socket.join(args.string(0));
                    ack.send("entered");
                });
                socket.on("name", (args, ack) -> {
                    socket.data().put("name", args.string(0));
                    ack.send("named");
                });
                socket.on("hello", (args, ack) -> socket.emit("welcome", args.string(0)));
                socket.on("shout", (args, ack) -> socket.nsp().to(args.string(0)).emit("shout", args.string(1)));
            });
        }
        observer = AdminUi.instrument(io, AdminOptions.withAuth(new IdentityStoreAdminAuth(stores::get,
                IdentityStoreAdminAuth.DEFAULT_ROLE)).withNamespace("/observer").withReadOnly(true)
                .withServerId("observer-view"));
    }

    @PreDestroy
    void close() {
        if (observer != null) {
            observer.close();
        }
    }
}
