package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.it.app.cdi.AsyncObserver;
import dev.sio4ee.it.app.cdi.AuditGuard;
import dev.sio4ee.it.app.cdi.CallerStore;
import dev.sio4ee.it.app.cdi.CrossSocketObserver;
import dev.sio4ee.it.app.cdi.DynamicSetup;
import dev.sio4ee.it.app.cdi.GlobalGuard;
import dev.sio4ee.it.app.cdi.GuardedObserver;
import dev.sio4ee.it.app.cdi.Journal;
import dev.sio4ee.it.app.cdi.JournalServlet;
import dev.sio4ee.it.app.cdi.LifecycleObserver;
import dev.sio4ee.it.app.cdi.OrderObserver;
import dev.sio4ee.it.app.cdi.OrderPlaced;
import dev.sio4ee.it.app.cdi.Orders;
import dev.sio4ee.it.app.cdi.Point;
import dev.sio4ee.it.app.cdi.RequestCounter;
import dev.sio4ee.it.app.cdi.RequestTag;
import dev.sio4ee.it.app.cdi.Schema;
import dev.sio4ee.it.app.cdi.ScopeObserver;
import dev.sio4ee.it.app.cdi.SingletonObserver;
import dev.sio4ee.it.app.cdi.StatelessObserver;
import dev.sio4ee.it.app.cdi.ThrowingObserver;
import dev.sio4ee.it.app.cdi.TokenGuard;
import dev.sio4ee.it.app.cdi.TransactionalObserver;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CDI event bridge on a real server, driven by the official Node {@code socket.io-client}: observers that are
 * plain CDI beans, {@code @Stateless} and {@code @Singleton} EJBs and a {@code @Transactional} bean, every event
 * type with every qualifier combination, 200 events observed in arrival order, async observers, throwing
 * observers, {@code ConnectionGuard} beans (global, per namespace, an EJB, ordered by priority, refusing with
 * data), a transactional emit only after commit, and namespaces from the observers, MicroProfile Config and
 * context-params.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CdiEventsIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("cdi", new String[] {"dev.sio4ee.NAMESPACES", "/from-context"},
                        Journal.class, JournalServlet.class, Point.class, LifecycleObserver.class,
                        ThrowingObserver.class, AsyncObserver.class, StatelessObserver.class,
                        SingletonObserver.class, TransactionalObserver.class, GlobalGuard.class, TokenGuard.class,
                        AuditGuard.class, GuardedObserver.class, OrderPlaced.class, Schema.class, Orders.class,
                        OrderObserver.class, DynamicSetup.class, RequestCounter.class, ScopeObserver.class,
                        CallerStore.class, CrossSocketObserver.class, RequestTag.class)
                // MicroProfile Config comes before context-params: /from-mp replaces /from-context
                .addAsResource(new StringAsset("dev.sio4ee.NAMESPACES=/from-mp\n"),
                        "META-INF/microprofile-config.properties");
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket"})
    void shouldFireCdiEventsToPlainAndEnterpriseBeanObservers(String transport) throws Exception {
        URL base = Deployments.loopback(deployed);
        JsonObject r = NodeClient.run(60, "cdi-client.mjs", base.toString(), transport);
        assertThat(r.getBoolean("ok")).as("client result %s", r).isTrue();
        String id = r.getString("id");
        String tag = r.getString("tag");

        // connected, with @NamespaceName; the observer could emit at once
        assertThat(r.getBoolean("readyOk")).isTrue();
        // JSON-B typed argument + binary attachment; the second ack() of the observer did not send
        assertThat(r.getJsonArray("typed").toString()).isEqualTo("[5,4,true]");
        // 200 events from one client observed in arrival order
        assertThat(ints(r.getJsonArray("seq"))).containsExactlyElementsOf(IntStream.range(0, 200).boxed().toList());
        // @EventName only: any namespace, including one that exists only because an observer names it
        assertThat(r.getString("pingCdi")).isEqualTo("pong from /cdi");
        assertThat(r.getString("pingOther")).isEqualTo("pong from /other");
        // @ObservesAsync, on another thread than the sync observers
        assertThat(r.getJsonArray("async").toString()).isEqualTo("[\"async hello\",true]");
        // sync and async observers run with an active request context
        assertThat(r.getJsonArray("requestScope").toString()).isEqualTo("[1,2]");
        assertThat(r.getJsonArray("requestScopeAsync").toString()).isEqualTo("[1,2]");
        // enterprise beans, each in a transaction
        assertThat(r.getJsonArray("stateless").toString()).isEqualTo("[\"stateless s\",true]");
        assertThat(r.getJsonArray("singleton").toString()).contains("\"singleton x\"").contains("\"singleton y\"");
        JsonArray singleton = r.getJsonArray("singleton");
        assertThat(singleton.getJsonArray(1).getInt(1)).isEqualTo(singleton.getJsonArray(0).getInt(1) + 1);
        assertThat(r.getJsonArray("transactional").toString()).isEqualTo("[\"transactional t\",true]");
        // sync and async observers threw: the connection lives on
        assertThat(r.getString("afterBoom")).isEqualTo("pong from /cdi");
        assertThat(r.getBoolean("connectedAfterBoom")).isTrue();
        // transactional emit: after commit only, never on rollback
        assertThat(r.getJsonArray("apple").getString(0)).isEqualTo("committed");
        assertThat(strings(r.getJsonArray("apple").getJsonArray(1))).contains("apple-" + tag);
        assertThat(r.getJsonArray("pear").getString(0)).isEqualTo("rolled back");
        assertThat(strings(r.getJsonArray("plum").getJsonArray(1))).contains("apple-" + tag, "plum-" + tag)
                .doesNotContain("pear-" + tag);
        assertThat(strings(r.getJsonArray("committed"))).containsExactly("apple-" + tag, "plum-" + tag);
        // a child of a dynamic namespace
        assertThat(r.getBoolean("dynReady")).isTrue();
        // namespaces from MicroProfile Config, which wins over the context-param
        assertThat(r.getBoolean("fromMpConnected")).isTrue();
        assertThat(r.getString("fromContext")).isEqualTo("Invalid namespace");
        // guards: per namespace with data and the (anonymous) caller, global, in @Priority order, an EJB guard
        assertThat(r.getJsonObject("refused").getString("message")).isEqualTo("token required");
        assertThat(r.getJsonObject("refused").getJsonObject("data").getInt("code")).isEqualTo(4001);
        assertThat(r.getJsonObject("refused").getJsonObject("data").getString("caller")).isEqualTo("anonymous");
        assertThat(r.getJsonArray("welcome").toString()).isEqualTo("[[\"global\",\"token\",\"audit\"],\"anonymous\"]");
        assertThat(r.getJsonObject("banned").getString("message")).isEqualTo("banned");
        assertThat(r.getJsonObject("banned").getJsonObject("data").getBoolean("everywhere")).isTrue();
        // the ConnectError an EJB guard returns reaches the client
        assertThat(r.getJsonObject("auditRefused").toString())
                .isEqualTo("{\"message\":\"audit refused\",\"data\":{\"by\":\"ejb\"}}");
        assertThat(r.getString("clientReason")).isEqualTo("io client disconnect");

        // what the observers saw, in order, for the main socket
        List<String> seen = journalUntilDisconnected(base, id);
        assertThat(seen.get(0)).isEqualTo("connected /cdi");
        assertThat(seen).contains("acks true false");
        assertThat(seen).containsSubsequence("event typed in /cdi", "event seq-done in /cdi",
                "event ping in /cdi", "event async in /cdi", "event ejb-stateless in /cdi",
                "event transactional in /cdi",
                "order in progress apple-" + tag, "order committed apple-" + tag,
                "order in progress pear-" + tag, "order failed pear-" + tag,
                "order in progress plum-" + tag, "order committed plum-" + tag);
        assertThat(seen).doesNotContain("order committed pear-" + tag);
        assertThat(seen.subList(seen.size() - 2, seen.size())).containsExactly(
                "disconnecting client namespace disconnect in r1 true",
                "disconnected client namespace disconnect rooms 0");
        // the unqualified observers saw the other namespaces too, dynamic child included
        assertThat(journalUntilDisconnected(base, r.getString("otherId")))
                .startsWith("connected /other", "event ping in /other");
        assertThat(journalUntilDisconnected(base, r.getString("dynId"))).first().isEqualTo("connected /dyn-7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket"})
    void shouldGiveGuardsTheJakartaSecurityCallerOfTheHandshake(String transport) throws Exception {
        JsonObject r = NodeClient.run(40, "cdi-caller.mjs", Deployments.loopback(deployed).toString(), transport);
        assertThat(r.getBoolean("ok")).as("client result %s", r).isTrue();
        assertThat(r.getJsonObject("refused").getString("message")).isEqualTo("token required");
        assertThat(r.getJsonObject("refused").getJsonObject("data").getString("caller")).isEqualTo("alice");
        assertThat(r.getJsonArray("welcome").toString()).isEqualTo("[[\"global\",\"token\",\"audit\"],\"alice\"]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket"})
    void shouldRunEachSocketsObserversApartFromAnotherSocketsThreadContextAndSleep(String transport)
            throws Exception {
        JsonObject r = NodeClient.run(60, "cdi-cross.mjs", Deployments.loopback(deployed).toString(), transport);
        assertThat(r.getBoolean("ok")).as("client result %s", r).isTrue();
        assertThat(r.getString("reasonOfB")).isEqualTo("io server disconnect");
        List<String> seen = strings(r.getJsonArray("seen"));
        String threadOfA = seen.get(0);
        String contextOfA = seen.get(1);
        String threadOfB = seen.get(2);
        String contextOfB = seen.get(3);
        // B's observer ran while A's observer waited for it: elsewhere, in a request context of its own
        assertThat(threadOfB).isNotEqualTo(threadOfA);
        assertThat(contextOfB).isNotEqualTo(contextOfA);
        assertThat(seen.get(4)).as("A's request context after B's observer").isEqualTo(contextOfA);
        // both on the container's managed executor
        assertThat(List.of(threadOfA, threadOfB)).allSatisfy(t -> assertThat(t).contains("ManagedExecutorService"));

        // one socket's observer sleeps until another socket's 20 events were observed and acknowledged
        assertThat(ints(r.getJsonArray("counts"))).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
        // (the sleeper wakes only once the other socket's 20th event was observed while it slept)
        assertThat(r.getBoolean("woken")).as("the sleeper was woken by the other socket's events").isTrue();
    }

    @Test
    void shouldFireTheDisconnectionOfAVanishedWebSocketClientToPlainAndEnterpriseBeans() throws Exception {
        URL base = Deployments.loopback(deployed);
        JsonObject r = NodeClient.run(40, "cdi-vanish.mjs", base.toString());
        assertThat(r.getBoolean("ok")).as("client result %s", r).isTrue();
        String id = r.getString("id");
        // no close frame: on WildFly the container reports it on an I/O thread, where CDI.current() fails
        List<String> seen = journalUntilDisconnected(base, id);
        assertThat(seen).containsExactly("connected /cdi", "disconnecting transport close in r1 true",
                "disconnected transport close rooms 0");
        assertThat(journalUntil(base, id + ":ejb", entries -> !entries.isEmpty()))
                .containsExactly("stateless saw transport close in a transaction true");
    }

    private List<String> journal(URL base, String key) throws Exception {
        HttpResponse<String> resp = HTTP.send(HttpRequest.newBuilder(URI.create(base + "test/journal?key="
                + URLEncoder.encode(key, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(200);
        return strings(Json.createReader(new StringReader(resp.body())).readArray());
    }

    /** The journal of a key, once its last entry is the disconnection (waits up to 30 s). */
    private List<String> journalUntilDisconnected(URL base, String key) throws Exception {
        return journalUntil(base, key,
                entries -> !entries.isEmpty() && entries.get(entries.size() - 1).startsWith("disconnected"));
    }

    /** The journal of a key, once it satisfies the condition (waits up to 30 s). */
    private List<String> journalUntil(URL base, String key, Predicate<List<String>> condition) throws Exception {
        List<String> entries = List.of();
        for (int i = 0; i < 150; i++) {
            entries = journal(base, key);
            if (condition.test(entries)) {
                return entries;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the journal of " + key + " is still " + entries);
    }

    private static List<String> strings(JsonArray a) {
        return a.stream().map(v -> v instanceof JsonString s ? s.getString() : v.toString()).toList();
    }

    private static List<Integer> ints(JsonArray a) {
        return a.stream().map(v -> Integer.valueOf(v.toString())).toList();
    }

}
