package dev.sio4ee.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio4ee.adapter.redis.RedisConfig;
import dev.sio4ee.engine.EngineOptions;
import dev.sio4ee.server.SocketIoOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static EngineOptions engine(Settings s) {
        return s.applyTo(SocketIoOptions.defaults()).engine();
    }

    @Test
    void shouldUseTheNodeDefaults() {
        assertThat(Settings.of(Map.of(), Map.of(), Map.of()).applyTo(SocketIoOptions.defaults()))
                .isEqualTo(SocketIoOptions.defaults());
        EngineOptions o = engine(Settings.of(Map.of(), Map.of(), Map.of()));
        assertThat(o.pingInterval()).isEqualTo(25_000);
        assertThat(o.path()).isEqualTo("/socket.io/");
    }

    @Test
    void shouldPreferSystemPropertyThenEnvironmentThenContextParam() {
        Map<String, String> ctx = Map.of(Settings.PING_INTERVAL, "1000", Settings.PING_TIMEOUT, "2000",
                Settings.UPGRADE_TIMEOUT, "3000");
        Map<String, String> env = Map.of("SIO4EE_PING_INTERVAL", "1111", "SIO4EE_PING_TIMEOUT", "2222");
        Map<String, String> sys = Map.of(Settings.PING_INTERVAL, "1234");
        EngineOptions o = engine(Settings.of(ctx, sys, env));
        assertThat(o.pingInterval()).isEqualTo(1234);
        assertThat(o.pingTimeout()).isEqualTo(2222);
        assertThat(o.upgradeTimeout()).isEqualTo(3000);
    }

    @Test
    void shouldLetEverySettingThatIsSetWinOverJavaAndLeaveTheOthersAlone() {
        // what a SocketIoSetup chose in Java
        SocketIoOptions java = SocketIoOptions.defaults().withConnectTimeout(7_000).withMaxAttachments(2)
                .withEngine(e -> e.withPingInterval(5_000).withPingTimeout(4_000).withPath("/java/")
                        .withCorsOrigins("https://java.example").withTransports("websocket"));
        // a system property and a context-param are set for two of them
        Settings s = Settings.of(Map.of(Settings.PING_TIMEOUT, "3000"), Map.of(Settings.PING_INTERVAL, "9000"),
                Map.of());
        SocketIoOptions o = s.applyTo(java);
        assertThat(o.engine().pingInterval()).as("system property over Java").isEqualTo(9_000);
        assertThat(o.engine().pingTimeout()).as("context-param over Java").isEqualTo(3_000);
        assertThat(o.engine().path()).as("not set: Java's").isEqualTo("/java/");
        assertThat(o.engine().corsOrigins()).containsExactly("https://java.example");
        assertThat(o.engine().transports()).containsExactly("websocket");
        assertThat(o.connectTimeout()).isEqualTo(7_000);
        assertThat(o.maxAttachments()).isEqualTo(2);
        assertThat(Settings.of(Map.of(), Map.of(), Map.of()).applyTo(java)).isEqualTo(java);
    }

    @Test
    void shouldParseListsFlagsAndPath() {
        Settings s = Settings.of(Map.of(Settings.TRANSPORTS, " websocket ", Settings.CORS_ORIGINS,
                "http://a.example, http://b.example", Settings.CORS_CREDENTIALS, "true", Settings.ALLOW_UPGRADES,
                "false", Settings.COOKIE, "io", Settings.PATH, "realtime", Settings.MAX_HTTP_BUFFER_SIZE, "500",
                Settings.MAX_BUFFERED_BYTES, "600"), Map.of(), Map.of());
        EngineOptions o = engine(s);
        assertThat(o.transports()).isEqualTo(Set.of("websocket"));
        assertThat(o.corsOrigins()).isEqualTo(List.of("http://a.example", "http://b.example"));
        assertThat(o.corsCredentials()).isTrue();
        assertThat(o.allowUpgrades()).isFalse();
        assertThat(o.cookieName()).isEqualTo("io");
        assertThat(o.path()).isEqualTo("/realtime/");
        assertThat(o.maxHttpBufferSize()).isEqualTo(500);
        assertThat(o.maxBufferedBytes()).isEqualTo(600);
    }

    @Test
    void shouldNameTheSettingThatIsWrong() {
        assertThatThrownBy(() -> engine(Settings.of(Map.of(Settings.PING_INTERVAL, "soon"), Map.of(), Map.of())))
                .hasMessageContaining("dev.sio4ee.PING_INTERVAL").hasMessageContaining("soon");
        assertThatThrownBy(() -> engine(Settings.of(Map.of(Settings.TRANSPORTS, "carrier-pigeon"), Map.of(),
                Map.of()))).hasMessageContaining("transports").hasMessageContaining(Settings.TRANSPORTS);
        assertThatThrownBy(() -> engine(Settings.of(Map.of(Settings.CORS_CREDENTIALS, "yes"), Map.of(), Map.of())))
                .hasMessageContaining("true or false").hasMessageContaining(Settings.CORS_CREDENTIALS);
        assertThatThrownBy(() -> engine(Settings.of(Map.of(), Map.of(Settings.PING_TIMEOUT, "-5"), Map.of())))
                .hasMessageContaining(Settings.PING_TIMEOUT).hasMessageContaining("pingTimeout must be positive");
        assertThatThrownBy(() -> engine(Settings.of(Map.of(Settings.MAX_HTTP_BUFFER_SIZE, "99999999999"),
                Map.of(), Map.of()))).hasMessageContaining(Settings.MAX_HTTP_BUFFER_SIZE);
        assertThatThrownBy(() -> engine(Settings.of(Map.of(Settings.MAX_BUFFERED_BYTES, "0"), Map.of(), Map.of())))
                .hasMessageContaining(Settings.MAX_BUFFERED_BYTES);
    }

    @Test
    void shouldMapSettingNamesToEnvironmentNames() {
        assertThat(Settings.environmentName(Settings.MAX_HTTP_BUFFER_SIZE)).isEqualTo("SIO4EE_MAX_HTTP_BUFFER_SIZE");
        assertThat(Settings.NAMES).allSatisfy(n -> assertThat(n).startsWith("dev.sio4ee."));
    }

    @Test
    void shouldPutMicroProfileConfigBetweenEnvironmentAndContextParams() {
        Map<String, String> ctx = Map.of(Settings.PING_INTERVAL, "1000", Settings.PING_TIMEOUT, "2000",
                Settings.UPGRADE_TIMEOUT, "3000");
        Map<String, String> env = Map.of("SIO4EE_PING_INTERVAL", "1111");
        Map<String, String> mp = Map.of(Settings.PING_INTERVAL, "9999", Settings.PING_TIMEOUT, "2500");
        EngineOptions o = engine(Settings.of(ctx, Map.of(), env, mp));
        assertThat(o.pingInterval()).isEqualTo(1111);
        assertThat(o.pingTimeout()).isEqualTo(2500);
        assertThat(o.upgradeTimeout()).isEqualTo(3000);
    }

    @Test
    void shouldFindNoMicroProfileConfigWhereTheServerHasNone() {
        ClassLoader withoutMicroProfile = new ClassLoader(null) {
        };
        assertThat(Settings.microProfileConfig(withoutMicroProfile).apply(Settings.PATH)).isNull();
    }

    @Test
    void shouldReadTheSocketIoSettings() {
        Settings s = Settings.of(Map.of(Settings.NAMESPACES, "chat, /admin,,/chat", Settings.CONNECT_TIMEOUT, "5000",
                Settings.CLEANUP_EMPTY_CHILD_NAMESPACES, "true", Settings.MAX_ATTACHMENTS, "3"), Map.of(), Map.of());
        assertThat(s.namespaces()).containsExactly("/chat", "/admin");
        SocketIoOptions o = s.applyTo(SocketIoOptions.defaults());
        assertThat(o.connectTimeout()).isEqualTo(5000);
        assertThat(o.cleanupEmptyChildNamespaces()).isTrue();
        assertThat(o.maxAttachments()).isEqualTo(3);
        Settings defaults = Settings.of(Map.of(), Map.of(), Map.of());
        assertThat(defaults.namespaces()).isEmpty();
        assertThatThrownBy(() -> Settings.of(Map.of(Settings.CONNECT_TIMEOUT, "0"), Map.of(), Map.of())
                .applyTo(SocketIoOptions.defaults())).hasMessageContaining(Settings.CONNECT_TIMEOUT)
                .hasMessageContaining("connectTimeout must be positive, got 0");
        assertThatThrownBy(() -> Settings.of(Map.of(Settings.MAX_ATTACHMENTS, "10001"), Map.of(), Map.of())
                .applyTo(SocketIoOptions.defaults())).hasMessageContaining(Settings.MAX_ATTACHMENTS);
    }

    @Test
    void shouldRunApplicationCodeOnTheDefaultManagedExecutorUnlessNamedOrTurnedOff() {
        assertThat(Settings.of(Map.of(), Map.of(), Map.of()).executor())
                .contains("java:comp/DefaultManagedExecutorService");
        assertThat(Settings.of(Map.of(Settings.EXECUTOR, "java:app/concurrent/Sockets"), Map.of(), Map.of())
                .executor()).contains("java:app/concurrent/Sockets");
        assertThat(Settings.of(Map.of(), Map.of(), Map.of("SIO4EE_EXECUTOR", "none")).executor()).isEmpty();
    }

    @Test
    void shouldServeTheClientUnlessTurnedOff() {
        assertThat(Settings.of(Map.of(), Map.of(), Map.of()).serveClient()).isTrue();
        assertThat(Settings.of(Map.of(Settings.SERVE_CLIENT, "false"), Map.of(), Map.of()).serveClient()).isFalse();
        assertThat(Settings.of(Map.of(), Map.of(), Map.of("SIO4EE_SERVE_CLIENT", "false")).serveClient()).isFalse();
        assertThatThrownBy(() -> Settings.of(Map.of(Settings.SERVE_CLIENT, "no"), Map.of(), Map.of()).serveClient())
                .hasMessageContaining(Settings.SERVE_CLIENT);
    }

    @Test
    void shouldUseTheMemoryAdapterUnlessARedisAdapterIsChosen() {
        assertThat(Settings.of(Map.of(), Map.of(), Map.of()).redis()).isNull();
        assertThat(Settings.of(Map.of(Settings.ADAPTER, "memory", Settings.REDIS_URI, "redis://127.0.0.1:1"),
                Map.of(), Map.of()).redis()).isNull();
    }

    @Test
    void shouldReadTheRedisAdapterFromEverySource() {
        RedisConfig classic = Settings.of(Map.of(Settings.ADAPTER, "redis", Settings.REDIS_URI,
                "redis://127.0.0.1:6379"), Map.of(), Map.of()).redis();
        assertThat(classic).isEqualTo(new RedisConfig(false, "redis://127.0.0.1:6379", "socket.io", 5000,
                "dynamic"));
        RedisConfig sharded = Settings.of(Map.of(Settings.ADAPTER, "redis"),
                Map.of(Settings.REDIS_URI, "rediss://:secret@cache:6380/2", Settings.REDIS_KEY, "chat"),
                Map.of("SIO4EE_ADAPTER", "redis-sharded", "SIO4EE_REDIS_REQUESTS_TIMEOUT", "1500"),
                Map.of(Settings.REDIS_SUBSCRIPTION_MODE, "dynamic-private")).redis();
        assertThat(sharded).isEqualTo(new RedisConfig(true, "rediss://:secret@cache:6380/2", "chat", 1500,
                "dynamic-private"));
        assertThat(sharded.toString()).contains(":***@cache").doesNotContain("secret");
    }

    @Test
    void shouldNameTheRedisSettingThatIsWrong() {
        assertThatThrownBy(() -> Settings.of(Map.of(Settings.ADAPTER, "redis"), Map.of(), Map.of()).redis())
                .hasMessageContaining("needs a Redis URI").hasMessageContaining(Settings.REDIS_URI);
        assertThatThrownBy(() -> Settings.of(Map.of(Settings.ADAPTER, "redis", Settings.REDIS_URI, "redis://h",
                Settings.REDIS_KEY, "a#b"), Map.of(), Map.of()).redis()).hasMessageContaining("a#b");
        assertThatThrownBy(() -> Settings.of(Map.of(Settings.ADAPTER, "memcached"), Map.of(), Map.of()).redis())
                .hasMessageContaining("memcached").hasMessageContaining(Settings.ADAPTER);
        assertThatThrownBy(() -> Settings.of(Map.of(Settings.ADAPTER, "redis", Settings.REDIS_URI, "localhost:6379"),
                Map.of(), Map.of()).redis()).hasMessageContaining("redis://");
        assertThatThrownBy(() -> Settings.of(Map.of(Settings.ADAPTER, "redis-sharded", Settings.REDIS_URI,
                "redis://h", Settings.REDIS_SUBSCRIPTION_MODE, "lazy"), Map.of(), Map.of()).redis())
                .hasMessageContaining("lazy");
        assertThatThrownBy(() -> Settings.of(Map.of(Settings.ADAPTER, "redis", Settings.REDIS_URI, "redis://h",
                Settings.REDIS_REQUESTS_TIMEOUT, "soon"), Map.of(), Map.of()).redis())
                .hasMessageContaining(Settings.REDIS_REQUESTS_TIMEOUT);
    }
}
