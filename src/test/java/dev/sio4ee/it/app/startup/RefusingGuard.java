package dev.sio4ee.it.app.startup;

import dev.sio4ee.cdi.ConnectionGuard;
import dev.sio4ee.cdi.NamespaceName;
import dev.sio4ee.server.ConnectError;
import dev.sio4ee.server.Socket;
import jakarta.ejb.Stateless;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;

/** Test application: a stateless session bean guarding /vip that refuses everyone without a member card. */
@Stateless
@NamespaceName("/vip")
public class RefusingGuard implements ConnectionGuard {

    @Override
    public Optional<ConnectError> check(Socket socket, Principal caller) {
        if ("gold".equals(socket.handshake().auth().getString("card", null))) {
            return Optional.empty();
        }
        return Optional.of(new ConnectError("members only", Map.of("code", 403)));
    }
}
