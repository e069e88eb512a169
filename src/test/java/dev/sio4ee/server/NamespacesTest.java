package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NamespacesTest {
    private final Harness h = new Harness();

    @Test
    void shouldBeAccessibleThroughSockets() {
        assertThat(h.io.sockets()).isSameAs(h.io.of("/"));
        assertThat(h.io.of("")).isSameAs(h.io.of("/"));
        assertThat(h.io.of("chat")).isSameAs(h.io.of("/chat"));
        assertThat(h.io.of("/chat").name()).isEqualTo("/chat");
    }

    @Test
    void shouldFireAConnectionEventAndReplyWithTheSid() {
        List<String> ids = new ArrayList<>();
        h.io.onConnection(s -> ids.add(s.id()));
        RawClient c = h.client();
        String id = c.connect("/");
        assertThat(ids).containsExactly(id);
        assertThat(h.io.sockets().sockets()).containsOnlyKeys(id);
        assertThat(h.io.sockets().adapter().rooms()).containsKey(id);
    }

    @Test
    void shouldWorkWithManySockets() {
        h.io.of("/chat");
        h.io.of("/news");
        RawClient c = h.client();
        String chat = c.connect("/chat");
        String news = c.connect("/news");
        String main = c.connect("/");
        assertThat(List.of(chat, news, main)).doesNotHaveDuplicates();
        assertThat(h.io.of("/chat").sockets()).containsOnlyKeys(chat);
        assertThat(h.io.of("/news").sockets()).containsOnlyKeys(news);
        assertThat(h.socket("/chat", chat).client()).isSameAs(h.socket("/news", news).client());
        assertThat(h.socket("/chat", chat).client().sockets()).hasSize(3);
    }

    @Test
    void shouldReturnErrorConnectingToNonExistentNamespace() {
        RawClient c = h.client();
        c.send("0/doesnotexist,");
        assertThat(c.nextText()).isEqualTo("4/doesnotexist,{\"message\":\"Invalid namespace\"}");
        assertThat(c.closed()).isFalse();
        assertThat(h.io.namespaces()).doesNotContainKey("/doesnotexist");
    }

    @Test
    void shouldRouteEventsByNamespace() {
        List<String> log = new ArrayList<>();
        h.io.onConnection(s -> s.on("ev", (a, ack) -> log.add("/ " + a.get(0))));
        h.io.of("/chat").onConnection(s -> s.on("ev", (a, ack) -> log.add("/chat " + a.get(0))));
        RawClient c = h.client();
        c.connect("/");
        c.connect("/chat");
        c.send("2/chat,[\"ev\",1]");
        c.send("2[\"ev\",2]");
        assertThat(log).containsExactly("/chat 1", "/ 2");
    }

    @Test
    void shouldNotReuseSameNamespaceConnections() {
        RawClient a = h.client();
        RawClient b = h.client();
        String ida = a.connect("/");
        String idb = b.connect("/");
        assertThat(ida).isNotEqualTo(idb);
        assertThat(h.io.sockets().sockets()).hasSize(2);
    }

    @Test
    void shouldCloseTheConnectionOnASecondConnectToTheSameNamespace() {
        List<DisconnectReason> reasons = new ArrayList<>();
        h.io.onConnection(s -> s.onDisconnect((r, d) -> reasons.add(r)));
        RawClient c = h.client();
        c.connect("/");
        c.send("0");
        assertThat(reasons).containsExactly(DisconnectReason.FORCED_SERVER_CLOSE);
        assertThat(c.closed()).isTrue();
    }

    @Test
    void shouldCloseAClientWithoutNamespace() {
        RawClient c = h.client();
        h.clock.advance(44_999);
        assertThat(c.closed()).isFalse();
        h.clock.advance(1);
        assertThat(c.closed()).isTrue();
        assertThat(h.engine.clientsCount()).isZero();
    }

    @Test
    void shouldHonourACustomConnectTimeout() {
        Harness quick = new Harness(SocketIoOptions.defaults().withConnectTimeout(50));
        RawClient c = quick.client();
        quick.clock.advance(50);
        assertThat(c.closed()).isTrue();
    }

    @Test
    void shouldNotCloseAClientThatJoinedANamespace() {
        Harness quick = new Harness(SocketIoOptions.defaults().withConnectTimeout(1_000));
        RawClient c = quick.client();
        c.connect("/");
        quick.clock.advance(1_000);
        assertThat(c.closed()).isFalse();
        assertThat(quick.io.sockets().sockets()).hasSize(1);
    }

    @Test
    void shouldAllowConnectionsToDynamicNamespacesWithARegex() {
        List<String> names = new ArrayList<>();
        List<String> created = new ArrayList<>();
        h.io.onNewNamespace(n -> created.add(n.name()));
        ParentNamespace parent = h.io.of(Pattern.compile("^/dynamic-\\d+$"));
        parent.onConnection(s -> names.add(s.nsp().name()));
        RawClient c = h.client();
        String id = c.connect("/dynamic-101");
        assertThat(names).containsExactly("/dynamic-101");
        assertThat(created).containsExactly("/dynamic-101");
        assertThat(h.io.of("/dynamic-101").sockets()).containsOnlyKeys(id);
        assertThat(h.io.of("/dynamic-101").parent()).isSameAs(parent);
        c.send("0/dynamic-abc,");
        assertThat(c.nextText()).isEqualTo("4/dynamic-abc,{\"message\":\"Invalid namespace\"}");
    }

    @Test
    void shouldAllowConnectionsToDynamicNamespacesWithAFunction() {
        h.io.of(name -> name.startsWith("/tenant-")).use((s, next) -> {
            s.data().put("checked", true);
            next.proceed();
        });
        RawClient c = h.client();
        String id = c.connect("/tenant-a");
        assertThat(h.socket("/tenant-a", id).data()).containsEntry("checked", true);
    }

    @Test
    void shouldPassTheAuthPayloadToADynamicNamespacePredicate() {
        h.io.of((name, auth) -> auth.containsKey("tenant"));
        RawClient c = h.client();
        c.send("0/x,{\"tenant\":1}");
        assertThat(c.nextText()).startsWith("0/x,{\"sid\":");
        c.send("0/y,{}");
        assertThat(c.nextText()).isEqualTo("4/y,{\"message\":\"Invalid namespace\"}");
    }

    @Test
    void shouldEmitToEveryChildOfAParentNamespace() {
        ParentNamespace parent = h.io.of(Pattern.compile("^/dyn-"));
        RawClient a = h.client();
        RawClient b = h.client();
        a.connect("/dyn-1");
        b.connect("/dyn-2");
        parent.emit("hello", "all");
        assertThat(a.nextText()).isEqualTo("2/dyn-1,[\"hello\",\"all\"]");
        assertThat(b.nextText()).isEqualTo("2/dyn-2,[\"hello\",\"all\"]");
        assertThat(parent.children()).extracting(Namespace::name).containsExactlyInAnyOrder("/dyn-1", "/dyn-2");
        assertThatThrownBy(parent::fetchSockets).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldDeleteEmptyDynamicNamespaces() {
        Harness cleaning = new Harness(SocketIoOptions.defaults().withCleanupEmptyChildNamespaces(true));
        ParentNamespace parent = cleaning.io.of(Pattern.compile("^/dynamic-\\d+$"));
        RawClient c = cleaning.client();
        c.connect("/dynamic-101");
        assertThat(cleaning.io.namespaces()).containsKey("/dynamic-101");
        c.send("1/dynamic-101,");
        assertThat(cleaning.io.namespaces()).doesNotContainKey("/dynamic-101");
        assertThat(parent.children()).isEmpty();
        c.connect("/dynamic-101");
        assertThat(cleaning.io.namespaces()).containsKey("/dynamic-101");
    }

    @Test
    void shouldNotCleanUpANonDynamicNamespace() {
        Harness cleaning = new Harness(SocketIoOptions.defaults().withCleanupEmptyChildNamespaces(true));
        cleaning.io.of("/chat");
        RawClient c = cleaning.client();
        c.connect("/chat");
        c.send("1/chat,");
        assertThat(cleaning.io.namespaces()).containsKey("/chat");
    }

    @Test
    void shouldKeepEmptyDynamicNamespacesByDefault() {
        h.io.of(Pattern.compile("^/dynamic-\\d+$"));
        RawClient c = h.client();
        c.connect("/dynamic-1");
        c.send("1/dynamic-1,");
        assertThat(h.io.namespaces()).containsKey("/dynamic-1");
    }

    @Test
    void shouldCloseTheServerWithServerShuttingDown() {
        List<String> reasons = new ArrayList<>();
        h.io.onConnection(s -> s.onDisconnect((r, d) -> reasons.add(r.text())));
        h.io.of("/chat").onConnection(s -> s.onDisconnect((r, d) -> reasons.add(r.text())));
        RawClient c = h.client();
        c.connect("/");
        c.connect("/chat");
        h.io.close();
        assertThat(reasons).containsExactly("server shutting down", "server shutting down");
        assertThat(c.closed()).isTrue();
        assertThat(h.engine.clientsCount()).isZero();
    }
}
