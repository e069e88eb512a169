package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.ConnectionGuard;
import dev.sio4ee.cdi.NamespaceName;
import dev.sio4ee.server.ConnectError;
import dev.sio4ee.server.Socket;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;

/** Test application: guards /guarded; refuses without the token, telling the caller it saw. */
@ApplicationScoped
@NamespaceName("/guarded")
@Priority(10)
public class TokenGuard implements ConnectionGuard {

    @Override
    public Optional<ConnectError> check(Socket socket, Principal caller) {
        GlobalGuard.trail(socket).add("token");
        if (!"open sesame".equals(socket.handshake().auth().getString("token", null))) {
            return Optional.of(new ConnectError("token required",
                    Map.of("code", 4001, "caller", caller == null ? "anonymous" : caller.getName())));
        }
        return Optional.empty();
    }
}
