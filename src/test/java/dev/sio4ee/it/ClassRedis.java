package dev.sio4ee.it;

import dev.sio4ee.adapter.redis.RedisServerFixture;

/**
 * One redis-server for one test class, started on first use (often from the {@code @Deployment} method, whose WAR
 * carries its URI) and closed by the class's {@code @AfterAll}.
 * <pre>{@code private static final ClassRedis REDIS = new ClassRedis();  ...  REDIS.get().uri()}</pre>
 */
final class ClassRedis {
    private RedisServerFixture redis;

    synchronized RedisServerFixture get() {
        if (redis == null) {
            redis = RedisServerFixture.start();
        }
        return redis;
    }

    synchronized void close() {
        if (redis != null) {
            redis.close();
            redis = null;
        }
    }
}
