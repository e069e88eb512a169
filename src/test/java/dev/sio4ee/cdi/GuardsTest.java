package dev.sio4ee.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.server.ConnectError;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ConnectionGuard beans as the server-wide middleware, against a real server. */
class GuardsTest {
    private final Wire wire = new Wire();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    private ConnectionGuard recording(String name) {
        return (socket, caller) -> {
            calls.add(name + " " + socket.nsp().name() + " " + (caller == null ? "anonymous" : caller.getName()));
            return Optional.empty();
        };
    }

    private void install(Guards.Entry... entries) {
        wire.io.useInEveryNamespace(new Guards(List.of(entries), Runnable::run));
    }

    @Test
    void shouldRunGlobalAndNamespaceGuardsInPriorityOrderWithTheCaller() {
        install(new Guards.Entry("/admin", 20, "b", recording("admin-20")),
                new Guards.Entry(null, Integer.MAX_VALUE, "z", recording("global-none")),
                new Guards.Entry(null, 5, "a", recording("global-5")),
                new Guards.Entry("/other", 1, "c", recording("other-1")));
        Principal alice = () -> "alice";
        wire.io.of("/admin");
        wire.client(alice).join("/admin");
        assertThat(calls).containsExactly("global-5 /admin alice", "admin-20 /admin alice",
                "global-none /admin alice");
    }

    @Test
    void shouldRefuseWithMessageAndDataAndStopAtTheFirstRefusal() {
        install(new Guards.Entry(null, 1, "a", (socket, caller) ->
                Optional.of(new ConnectError("not authorized", Map.of("code", 401)))),
                new Guards.Entry(null, 2, "b", recording("second")));
        String reply = wire.client(null).connect("/", null);
        assertThat(reply).isEqualTo("4{\"message\":\"not authorized\",\"data\":{\"code\":401}}");
        assertThat(calls).isEmpty();
        assertThat(wire.io.sockets().sockets()).isEmpty();
    }

    @Test
    void shouldGuardNamespacesCreatedLaterAndDynamicChildren() {
        install(new Guards.Entry(null, 1, "a", recording("global")));
        wire.io.of(java.util.regex.Pattern.compile("^/dyn-\\d+$"));
        wire.client(null).join("/dyn-1");
        wire.io.of("/late");
        wire.client(null).join("/late");
        assertThat(calls).containsExactly("global /dyn-1 anonymous", "global /late anonymous");
    }

    @Test
    void shouldRefuseWithoutDetailsWhenAGuardReturnsNull() {
        install(new Guards.Entry(null, 1, "careless", (socket, caller) -> null),
                new Guards.Entry(null, 2, "b", recording("second")));
        assertThat(wire.client(null).connect("/", null)).isEqualTo("4{\"message\":\"connection refused\"}");
        assertThat(calls).isEmpty();
    }

    @Test
    void shouldRefuseWithoutDetailsWhenAGuardThrowsEvenAConnectErrorLikeException() {
        install(new Guards.Entry(null, 1, "thrower", (socket, caller) -> {
            throw new IllegalStateException("banned (thrown on purpose by the test: refusals are returned)");
        }));
        assertThat(wire.client(null).connect("/", null)).isEqualTo("4{\"message\":\"connection refused\"}");
    }

    @Test
    void shouldRefuseWithoutDetailsWhenAGuardFails() {
        install(new Guards.Entry(null, 1, "broken", (socket, caller) -> {
            throw new IllegalStateException("secret internals (thrown on purpose by the test)");
        }));
        assertThat(wire.client(null).connect("/", null)).isEqualTo("4{\"message\":\"connection refused\"}");
    }

    @Test
    void shouldLetTheNamespaceMiddlewaresRunAfterTheGuards() {
        install(new Guards.Entry(null, 1, "a", recording("guard")));
        wire.io.use((socket, next) -> {
            calls.add("middleware");
            next.proceed();
        });
        wire.client(null).join("/");
        assertThat(calls).containsExactly("guard / anonymous", "middleware");
    }
}
