package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.ConnectionGuard;
import dev.sio4ee.cdi.Namespace;
import dev.sio4ee.server.ConnectError;
import dev.sio4ee.server.Socket;
import jakarta.annotation.Priority;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import java.security.Principal;
import java.util.Map;

/**
 * Test application: a stateless session bean guard of /guarded, after {@link TokenGuard}; refuses when the auth
 * payload asks it to, with a ConnectError declared an application exception, as an EJB guard should refuse: the
 * EJB container then hands it on as it is, without logging it as a failed invocation (WildFly logs a system
 * exception at ERROR) or discarding the bean.
 */
@Stateless
@Namespace("/guarded")
@Priority(20)
public class AuditGuard implements ConnectionGuard {

    @Override
    public void check(Socket socket, Principal caller) {
        GlobalGuard.trail(socket).add("audit");
        if (socket.handshake().auth().getBoolean("refuseAudit", false)) {
            throw new Refused("audit refused", Map.of("by", "ejb"));
        }
    }

    /** A refusal, for the EJB container an application exception: not a failure of the bean. */
    @ApplicationException
    public static class Refused extends ConnectError {
        private static final long serialVersionUID = 1L;

        Refused(String message, Object data) {
            super(message, data);
        }
    }
}
