package dev.sio4ee.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The client files as the Node server's serveClient answers them (socket.io test/server-attachment.ts). */
class ClientBundleTest {
    private static final byte[] SCRIPT = "/* a client */ var io = 1;".repeat(100).getBytes(StandardCharsets.UTF_8);
    private final ClientBundle bundle = ClientBundle.of("4.8.1",
            Map.of("socket.io.js", SCRIPT, "socket.io.min.js.map", "{}".getBytes(StandardCharsets.UTF_8),
                    "not-a-client-file.js", SCRIPT));

    @Test
    void shouldServeClient() {
        ClientBundle.Reply r = bundle.answer("GET", "/socket.io.js", null, null).orElseThrow();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("Content-Type", "application/javascript; charset=utf-8")
                .containsEntry("ETag", "\"4.8.1\"")
                .containsEntry("Cache-Control", "public, max-age=0")
                .doesNotContainKey("Content-Encoding");
        assertThat(r.body()).isEqualTo(SCRIPT);
    }

    @Test
    void shouldServeSourceMapsAsJson() {
        ClientBundle.Reply r = bundle.answer("GET", "/socket.io.min.js.map", null, null).orElseThrow();
        assertThat(r.headers()).containsEntry("Content-Type", "application/json; charset=utf-8");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void shouldHandle304() {
        assertThat(bundle.answer("GET", "/socket.io.js", "\"4.8.1\"", null).orElseThrow().status()).isEqualTo(304);
        assertThat(bundle.answer("GET", "/socket.io.js", "W/\"4.8.1\"", null).orElseThrow().body()).isEmpty();
    }

    @Test
    void shouldNotHandle304WhenTheEtagDiffers() {
        ClientBundle.Reply r = bundle.answer("GET", "/socket.io.js", "\"4.7.0\"", null).orElseThrow();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(SCRIPT);
    }

    @Test
    void shouldServeGzipWhenAccepted() throws IOException {
        ClientBundle.Reply r = bundle.answer("GET", "/socket.io.js", null, "br;q=1.0, gzip;q=0.8").orElseThrow();
        assertThat(r.headers()).containsEntry("Content-Encoding", "gzip");
        assertThat(r.body().length).isLessThan(SCRIPT.length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(SCRIPT);
        }
    }

    @Test
    void shouldNotServeGzipWhenRefused() {
        assertThat(ClientBundle.acceptsGzip("gzip;q=0, identity")).isFalse();
        assertThat(ClientBundle.acceptsGzip("deflate")).isFalse();
        assertThat(ClientBundle.acceptsGzip("*")).isTrue();
        assertThat(bundle.answer("GET", "/socket.io.js", null, "gzip;q=0").orElseThrow().body()).isEqualTo(SCRIPT);
    }

    @Test
    void shouldLeaveOtherRequestsToTheEngine() {
        assertThat(bundle.answer("GET", "/", null, null)).isEmpty();
        assertThat(bundle.answer("GET", null, null, null)).isEmpty();
        assertThat(bundle.answer("POST", "/socket.io.js", null, null)).isEmpty();
        assertThat(bundle.answer("GET", "/socket.io.min.js", null, null)).as("not in this bundle").isEmpty();
        assertThat(bundle.answer("GET", "/not-a-client-file.js", null, null)).as("not a client name").isEmpty();
        assertThat(bundle.answer("GET", "/../socket.io.js", null, null)).isEmpty();
    }

    @Test
    void shouldAnswerHeadWithoutBody() {
        ClientBundle.Reply r = bundle.answer("HEAD", "/socket.io.js", null, null).orElseThrow();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("ETag", "\"4.8.1\"");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void shouldLoadTheOfficialClientThatTheBuildFetched() {
        ClientBundle real = ClientBundle.load(ClientBundle.class.getClassLoader()).orElseThrow();
        assertThat(real.version()).isEqualTo("4.8.1");
        assertThat(real.names()).containsExactlyInAnyOrderElementsOf(ClientBundle.FILES);
        String min = new String(real.answer("GET", "/socket.io.min.js", null, null).orElseThrow().body(),
                StandardCharsets.UTF_8);
        assertThat(min).startsWith("/*!\n * Socket.IO v4.8.1");
    }

    @Test
    void shouldFindNothingWhereThereIsNoBundle() {
        assertThat(ClientBundle.load(new ClassLoader(null) { })).isEmpty();
    }
}
