package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.it.app.startup.FailingBean;
import dev.sio4ee.it.app.startup.InjectingSetup;
import dev.sio4ee.it.app.startup.LogCapture;
import dev.sio4ee.it.app.startup.RefusingGuard;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starting the server from Java (issue 13): a {@code SocketIoSetup} bean that injects {@code SocketIoServer} and
 * sets Engine.IO options in Java (path, ping interval and timeout, largest message, transports, CORS), a setting
 * that wins over one of them, and a refusing {@code @Stateless} guard that leaves no error in the server log.
 * Driven by the official Java client and raw HTTP.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StartupIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(20)).build();

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // the setting wins over the 6789 ms that InjectingSetup chose in Java
        return Deployments.war("startup", new String[] {"dev.sio4ee.PING_TIMEOUT", "7777"},
                InjectingSetup.class, RefusingGuard.class, FailingBean.class, LogCapture.class,
                LogCapture.Records.class);
    }

    private String base() {
        return Deployments.loopback(deployed).toString();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void post(String query) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "test/log?" + query))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(204);
    }

    private List<String> logRecords() throws Exception {
        HttpResponse<String> r = get("test/log");
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.createReader(new StringReader(r.body())).readArray().stream()
                .map(v -> ((JsonString) v).getString()).toList();
    }

    private IO.Options options() {
        IO.Options o = IO.Options.builder().setPath(Deployments.loopback(deployed).getPath() + "rt/")
                .setTransports(new String[] {"polling"}).setReconnection(false).setForceNew(true).build();
        return o;
    }

    private String origin() {
        return "http://127.0.0.1:" + Deployments.loopback(deployed).getPort();
    }

    @Test
    void shouldServeWithTheEngineOptionsSetInJavaUnlessASettingIsSet() throws Exception {
        HttpResponse<String> open = get("rt/?EIO=4&transport=polling");
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).startsWith("0{");
        JsonObject handshake = Json.createReader(new StringReader(open.body().substring(1))).readObject();
        assertThat(handshake.getInt("pingInterval")).as("set in Java").isEqualTo(12_345);
        assertThat(handshake.getInt("pingTimeout")).as("the context-param wins over Java's 6789").isEqualTo(7_777);
        assertThat(handshake.getInt("maxPayload")).as("set in Java").isEqualTo(54_321);
        assertThat(handshake.getJsonArray("upgrades")).as("websocket is not among the transports").isEmpty();

        // transports: websocket is refused; the default path serves nothing
        HttpResponse<String> ws = get("rt/?EIO=4&transport=websocket");
        assertThat(ws.statusCode()).isEqualTo(400);
        assertThat(ws.body()).contains("\"code\":0");
        assertThat(get("socket.io/?EIO=4&transport=polling").statusCode()).isEqualTo(404);

        // CORS: the origin listed in Java is let in, another is not
        HttpResponse<String> listed = get("rt/?EIO=4&transport=polling", "Origin", "https://app.example");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
        assertThat(get("rt/?EIO=4&transport=polling", "Origin", "https://other.example").statusCode())
                .isEqualTo(403);
    }

    @Test
    void shouldRunASetupBeanThatInjectsTheServer() throws Exception {
        BlockingQueue<Object> got = new LinkedBlockingQueue<>();
        Socket socket = IO.socket(URI.create(origin()), options());
        socket.on("hello", args -> got.add(List.of(args)));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> got.add("error " + args[0]));
        socket.connect();
        try {
            assertThat(got.poll(20, TimeUnit.SECONDS)).isEqualTo(List.of("injected", InjectingSetup.PATH));

            // an Args passed on is spread, a List is one array: the official client sees both
            socket.emit("relay", new Object[] {1, "two", new JSONObject().put("k", 3)}, (Ack) args -> got.add(args));
            Object[] relayed = (Object[]) got.poll(20, TimeUnit.SECONDS);
            assertThat(relayed).hasSize(3);
            assertThat(relayed[0]).isEqualTo(1);
            assertThat(relayed[1]).isEqualTo("two");
            assertThat(relayed[2].toString()).isEqualTo("{\"k\":3}");
            socket.emit("pair", new Object[] {"a", "b"}, (Ack) args -> got.add(args));
            Object[] pair = (Object[]) got.poll(20, TimeUnit.SECONDS);
            assertThat(pair).hasSize(1);
            assertThat(pair[0]).isInstanceOf(JSONArray.class);
            assertThat(pair[0].toString()).isEqualTo("[\"a\",\"b\"]");
        } finally {
            socket.close();
        }
    }

    @Test
    void shouldRefuseThroughAStatelessGuardWithoutAnErrorInTheServerLog() throws Exception {
        post("clear");
        BlockingQueue<Object> got = new LinkedBlockingQueue<>();
        Socket refused = IO.socket(URI.create(origin() + "/vip"), options());
        refused.on(Socket.EVENT_CONNECT_ERROR, args -> got.add(args[0]));
        refused.on(Socket.EVENT_CONNECT, args -> got.add("connected"));
        Socket member = IO.socket(URI.create(origin() + "/vip"),
                IO.Options.builder().setPath(options().path).setTransports(new String[] {"polling"})
                        .setReconnection(false).setForceNew(true).setAuth(Map.of("card", "gold")).build());
        try {
            refused.connect();
            Object error = got.poll(20, TimeUnit.SECONDS);
            assertThat(error).isInstanceOf(JSONObject.class);
            assertThat(((JSONObject) error).getString("message")).isEqualTo("members only");
            assertThat(((JSONObject) error).getJSONObject("data").getInt("code")).isEqualTo(403);

            member.on(Socket.EVENT_CONNECT, args -> got.add("member connected"));
            member.connect();
            assertThat(got.poll(20, TimeUnit.SECONDS)).isEqualTo("member connected");

            // the refusal left no error (nor any report of the guard) in the server log
            List<String> afterRefusal = logRecords();
            assertThat(afterRefusal).noneMatch(line -> line.startsWith("ERROR"))
                    .noneMatch(line -> line.contains("RefusingGuard"))
                    .noneMatch(line -> line.contains("system exception"));
        } finally {
            refused.close();
            member.close();
        }

        // control: an EJB that throws is reported in the records (Payara: a WARNING "A system exception occurred
        // during an invocation on EJB FailingBean" with its stack trace; WildFly: an ERROR), so the capture would
        // have seen a guard that refused by throwing
        post("provoke");
        assertThat(logRecords()).as("what the server logged for an EJB system exception")
                .anyMatch(line -> line.contains("FailingBean") && !line.startsWith("INFO"))
                .anyMatch(line -> line.contains("thrown on purpose by StartupIT"));
    }
}
