package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.ConnectionGuard;
import dev.sio4ee.cdi.Namespace;
import dev.sio4ee.server.Socket;
import jakarta.annotation.Priority;
import jakarta.ejb.Stateless;
import java.security.Principal;

/** Test application: a stateless session bean guard of /guarded, after {@link TokenGuard}; always allows. */
@Stateless
@Namespace("/guarded")
@Priority(20)
public class AuditGuard implements ConnectionGuard {

    @Override
    public void check(Socket socket, Principal caller) {
        GlobalGuard.trail(socket).add("audit");
    }
}
