package dev.sio4ee.demo;

import dev.sio4ee.cdi.ConnectionGuard;
import dev.sio4ee.cdi.NamespaceName;
import dev.sio4ee.server.ConnectError;
import dev.sio4ee.server.RemoteSocket;
import dev.sio4ee.server.Socket;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Lets a browser into {@code /chat} only with a valid nickname that nobody else uses. The page sends it in the
 * CONNECT {@code auth} payload: {@code io("/chat", { auth: { nickname, session } })}. The {@code session} is a
 * random token of the browser tab, so a tab that reconnects after a network drop gets its nickname back even
 * while the server still holds its old, not yet timed-out connection.
 *
 * <pre>{@code
 * // refused: the page's connect_error listener gets err.message "nickname taken" and err.data {field: "nickname"}
 * return Optional.of(new ConnectError("nickname taken", Map.of("field", "nickname")));
 * }</pre>
 */
@ApplicationScoped
@NamespaceName(ChatObserver.NSP)
public class NicknameGuard implements ConnectionGuard {
    private static final Pattern NICKNAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.-]{0,19}");

    private static final long CLUSTER_WAIT_SECONDS = 6;

    @Inject
    SocketIoServer io;

    /**
     * The sockets of the user on every server (a bounded wait: on one server the answer is immediate); none when
     * the cluster does not answer, then the local check stands.
     */
    private List<RemoteSocket> sameNickname(String nickname) {
        try {
            return io.of(ChatObserver.NSP).in(ChatObserver.userRoom(nickname)).fetchSockets().toCompletableFuture()
                    .get(CLUSTER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException e) {
            return List.of();
        }
    }

    private static boolean sameSession(String session, Map<String, Object> otherData) {
        return session.length() >= 8 && session.equals(otherData.get("session"));
    }

    @Override
    public Optional<ConnectError> check(Socket socket, Principal caller) {
        JsonObject auth = socket.handshake().auth();
        String nickname = auth.getString("nickname", "").strip();
        String session = auth.getString("session", "");
        if (!NICKNAME.matcher(nickname).matches()) {
            return Optional.of(new ConnectError(
                    "a nickname is 1 to 20 letters, digits, spaces, dots, dashes or underscores",
                    Map.of("field", "nickname")));
        }
        for (Socket other : io.of(ChatObserver.NSP).sockets().values()) {
            if (nickname.equalsIgnoreCase(ChatObserver.nickname(other)) && !sameSession(session, other.data())) {
                return Optional.of(new ConnectError("nickname taken", Map.of("field", "nickname")));
            }
        }
        // in a cluster, the other servers' users too
        for (RemoteSocket other : sameNickname(nickname)) {
            if (!sameSession(session, other.data())) {
                return Optional.of(new ConnectError("nickname taken", Map.of("field", "nickname")));
            }
        }
        socket.data().put("nickname", nickname);
        socket.data().put("session", session);
        return Optional.empty();
    }
}
