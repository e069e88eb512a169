package dev.sio4ee.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio4ee.jakarta.Settings;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Redis client libraries (Lettuce with Netty and Reactor, msgpack-core) are optional for users of the classes
 * jar: sio4ee's classes load, link and are reflected upon (as CDI and the servlet container do) without them, as
 * long as the in-memory adapter is chosen. Checked with sio4ee's classes in a class loader that cannot see those
 * libraries.
 */
class WithoutRedisClientTest {
    private static final List<String> HIDDEN = List.of("io.lettuce.", "io.netty.", "reactor.", "org.reactivestreams.",
            "org.msgpack.");

    /** Loads sio4ee from target/classes; refuses the Redis client libraries; the rest (Jakarta APIs) from the parent. */
    private static URLClassLoader withoutRedisClient() {
        URL classes = Settings.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader parent = new ClassLoader(WithoutRedisClientTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("dev.sio4ee.") || HIDDEN.stream().anyMatch(name::startsWith)) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        return new URLClassLoader(new URL[] {classes}, parent);
    }

    @Test
    void shouldReadTheSettingsAndLinkTheBeansWithoutTheRedisClient() throws Exception {
        try (URLClassLoader loader = withoutRedisClient()) {
            Class<?> settings = Class.forName("dev.sio4ee.jakarta.Settings", true, loader);
            assertThat(settings.getClassLoader()).isSameAs(loader);
            Method of = settings.getMethod("of", Map.class, Map.class, Map.class);
            Method redis = settings.getMethod("redis");
            assertThat(redis.invoke(of.invoke(null, Map.of(), Map.of(), Map.of()))).isNull();
            Object chosen = redis.invoke(of.invoke(null, Map.of(Settings.ADAPTER, "redis", Settings.REDIS_URI,
                    "redis://127.0.0.1:6379"), Map.of(), Map.of()));
            assertThat(chosen.getClass().getName()).isEqualTo("dev.sio4ee.adapter.redis.RedisConfig");

            for (String name : List.of("dev.sio4ee.cdi.SocketIoRegistry", "dev.sio4ee.jakarta.SocketIoBootstrap",
                    "dev.sio4ee.server.SocketIoServer", "dev.sio4ee.server.SocketIoOptions")) {
                Class<?> type = Class.forName(name, true, loader);
                // what CDI and the servlet container do with a bean or a listener
                assertThat(type.getDeclaredMethods()).as(name).isNotEmpty();
                type.getDeclaredFields();
                type.getDeclaredConstructors();
            }
            // the control: the class loader does hide the Redis client from sio4ee's Redis classes
            Class<?> connection = Class.forName("dev.sio4ee.adapter.redis.RedisConnection", false, loader);
            assertThatThrownBy(connection::getDeclaredFields).isInstanceOf(NoClassDefFoundError.class)
                    .hasMessageContaining("io/lettuce");
        }
    }
}
