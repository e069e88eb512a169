package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.ConnectionGuard;
import dev.sio4ee.cdi.NamespaceName;
import dev.sio4ee.server.ConnectError;
import dev.sio4ee.server.Socket;
import jakarta.annotation.Priority;
import jakarta.ejb.Stateless;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * Test application: a stateless session bean guard of /guarded, after {@link TokenGuard}; refuses when the auth
 * payload asks it to, by returning the refusal (nothing thrown, so no EJB system exception).
 */
@Stateless
@NamespaceName("/guarded")
@Priority(20)
public class AuditGuard implements ConnectionGuard {

    @Override
    public Optional<ConnectError> check(Socket socket, Principal caller) {
        GlobalGuard.trail(socket).add("audit");
        if (socket.handshake().auth().getBoolean("refuseAudit", false)) {
            return Optional.of(new ConnectError("audit refused", Map.of("by", "ejb")));
        }
        return Optional.empty();
    }
}
