package dev.sio4ee.cdi;

import dev.sio4ee.server.ConnectError;
import dev.sio4ee.server.Socket;
import java.security.Principal;
import java.util.Optional;

/**
 * A bean deciding whether a socket may join a namespace (socket.io's {@code namespace.use(...)} middleware).
 * Guards run before the socket connects, for the namespace named by their {@link NamespaceName} qualifier, or for
 * every namespace without one (dynamic children and namespaces created later included); ordered by
 * {@code @jakarta.annotation.Priority} (lowest first, guards without it last), before the namespace's own
 * middlewares. A refusal is an ordinary outcome, so it is a return value: the first guard that returns a
 * {@link ConnectError} refuses the connection, and the client receives a CONNECT_ERROR with its message and data.
 * Nothing is thrown, so a {@code @Stateless} guard's refusal is no EJB system exception (no discarded bean, no
 * rolled-back transaction, no error in the server log). A guard that throws, or returns null, is a bug: it is
 * logged and the connection refused with "connection refused". A namespace named by a guard is created at start.
 *
 * <pre>{@code
 * import dev.sio4ee.cdi.ConnectionGuard;
 * import dev.sio4ee.cdi.NamespaceName;
 * import dev.sio4ee.server.ConnectError;
 * import dev.sio4ee.server.Socket;
 * import jakarta.annotation.Priority;
 * import jakarta.enterprise.context.ApplicationScoped;
 * import java.security.Principal;
 * import java.util.Map;
 * import java.util.Optional;
 *
 * @ApplicationScoped @NamespaceName("/admin") @Priority(10)
 * public class AdminOnly implements ConnectionGuard {
 *     public Optional<ConnectError> check(Socket socket, Principal caller) {
 *         return caller == null ? Optional.of(new ConnectError("not authorized", Map.of("code", 401)))
 *                 : Optional.empty();
 *     }
 * }
 * }</pre>
 */
public interface ConnectionGuard {

    /**
     * Checks a connection.
     * <pre>{@code
     * if (socket.handshake().auth().isEmpty()) return Optional.of(new ConnectError("auth required"));
     * return Optional.empty();
     * }</pre>
     *
     * @param socket the socket asking to connect (its handshake, auth payload and data are readable)
     * @param caller the Jakarta Security caller principal of the HTTP handshake, or null when anonymous
     * @return empty to let the connection through (to the next guard), or the refusal the client receives
     */
    Optional<ConnectError> check(Socket socket, Principal caller);
}
