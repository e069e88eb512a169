package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.it.app.EchoSetup;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.client.SocketOptionBuilder;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONObject;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official Java client {@code io.socket:socket.io-client} 2.1.2 against the deployed WAR, over polling,
 * WebSocket and polling upgraded to WebSocket: events, JSON and binary acks both ways, rooms, a guarded namespace.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JavaClientIT {

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("javaclient", new String[0], EchoSetup.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket", "upgrade"})
    void shouldTalkToTheJavaClient(String transport) throws Exception {
        Socket socket = IO.socket(origin(), options(transport).build());
        BlockingQueue<Object> got = new LinkedBlockingQueue<>();
        socket.on("welcome", args -> got.add("welcome:" + args[0]));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> got.add("error:" + args[0]));
        socket.connect();
        try {
            Object welcome = got.poll(20, TimeUnit.SECONDS);
            assertThat(welcome).isEqualTo("welcome:" + socket.id());
            assertThat(socket.id()).hasSize(20);

            socket.emit("echo", new Object[] {"hi", 7, new JSONObject().put("k", "v")},
                    (Ack) args -> got.add(args));
            Object[] echoed = (Object[]) got.poll(20, TimeUnit.SECONDS);
            assertThat(echoed).isNotNull();
            assertThat(echoed[0]).isEqualTo("hi");
            assertThat(echoed[1]).isEqualTo(7);
            assertThat(echoed[2].toString()).isEqualTo("{\"k\":\"v\"}");

            // this client sends the base64 of a binary packet with a trailing newline over polling
            socket.emit("echo", new Object[] {"bin", new byte[] {9, 8}}, (Ack) args -> got.add(args));
            Object[] binary = (Object[]) got.poll(20, TimeUnit.SECONDS);
            assertThat(binary).as("binary ack over " + transport).isNotNull();
            assertThat(binary[0]).isEqualTo("bin");
            assertThat((byte[]) binary[1]).containsExactly(9, 8);

            socket.on("room message", args -> got.add("room:" + args[0]));
            socket.emit("join", new Object[] {"java-room"}, (Ack) args -> got.add("ack:" + args[0]));
            assertThat(got.poll(20, TimeUnit.SECONDS)).isEqualTo("ack:joined java-room");
            socket.emit("to-room", "java-room", "hello java");
            assertThat(got.poll(20, TimeUnit.SECONDS)).isEqualTo("room:hello java");

            // the server asks, the client answers through its ack callback
            socket.on("question", args -> ((Ack) args[args.length - 1]).call("2+2?".equals(args[0]) ? 4 : -1));
            socket.on("answer was", args -> got.add("answer:" + args[0]));
            socket.emit("ask-me");
            assertThat(got.poll(20, TimeUnit.SECONDS)).isEqualTo("answer:4");
        } finally {
            socket.disconnect();
            socket.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket"})
    void shouldRefuseAndAcceptOnAGuardedNamespace(String transport) throws Exception {
        BlockingQueue<Object> got = new LinkedBlockingQueue<>();
        Socket refused = IO.socket(origin() + "/guarded", options(transport).setAuth(Map.of("token", "nope")).build());
        refused.on(Socket.EVENT_CONNECT_ERROR, args -> got.add(args[0]));
        refused.connect();
        Socket accepted = IO.socket(origin() + "/guarded",
                options(transport).setAuth(Map.of("token", "let-me-in")).build());
        try {
            Object error = got.poll(20, TimeUnit.SECONDS);
            assertThat(error).isInstanceOf(JSONObject.class);
            assertThat(((JSONObject) error).getString("message")).isEqualTo("not authorized");
            assertThat(((JSONObject) error).getJSONObject("data").getInt("code")).isEqualTo(401);
            accepted.on("welcome", args -> got.add("welcome:" + args[0]));
            accepted.connect();
            assertThat(got.poll(20, TimeUnit.SECONDS)).isEqualTo("welcome:guarded");
        } finally {
            refused.close();
            accepted.close();
        }
    }

    private String origin() {
        return "http://127.0.0.1:" + Deployments.loopback(deployed).getPort();
    }

    private SocketOptionBuilder options(String mode) {
        String[] transports = mode.equals("upgrade") ? new String[] {"polling", "websocket"} : new String[] {mode};
        return IO.Options.builder()
                .setPath(Deployments.loopback(deployed).getPath() + "socket.io/")
                .setTransports(transports)
                .setUpgrade(mode.equals("upgrade"))
                .setReconnection(false)
                .setForceNew(true);
    }
}
