package dev.sio4ee.cdi;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Which observers exist for one event type and qualifier set, resolved once and cached: the bridge fires nothing
 * (and builds no event object) when nobody observes, and fires asynchronously only when an async observer
 * exists. The cache is bounded, because event names come from clients.
 */
final class Routes {
    /** Beyond this many distinct keys, routes are resolved on each use instead of being cached. */
    static final int MAX_CACHED = 10_000;

    private final Resolver resolver;
    private final Map<Key, Route> cache = new ConcurrentHashMap<>();

    Routes(Resolver resolver) {
        this.resolver = resolver;
    }

    /** The route of a key; {@code sample} builds an event instance if the key must be resolved. */
    Route route(Key key, Supplier<?> sample) {
        Route r = cache.get(key);
        if (r == null) {
            r = resolver.resolve(key, sample.get());
            if (cache.size() < MAX_CACHED) {
                Route raced = cache.putIfAbsent(key, r);
                r = raced == null ? r : raced;
            }
        }
        return r;
    }

    int size() {
        return cache.size();
    }

    /**
     * An event type and its qualifier values.
     *
     * @param type      the event class
     * @param namespace the namespace name
     * @param event     the event name, or null for the lifecycle events
     */
    record Key(Class<?> type, String namespace, String event) {
    }

    /** Resolves the observers of a key. */
    @FunctionalInterface
    interface Resolver {
        Route resolve(Key key, Object sample);
    }

    /** Fires one event to the observers of a key. */
    interface Target {
        void fire(Object event);

        CompletionStage<?> fireAsync(Object event);
    }

    /**
     * The observers found for a key.
     *
     * @param sync   whether a synchronous (or transactional) observer exists
     * @param async  whether an asynchronous observer exists
     * @param target fires the event with the key's qualifiers
     */
    record Route(boolean sync, boolean async, Target target) {
        static final Route NONE = new Route(false, false, null);

        boolean observed() {
            return sync || async;
        }
    }
}
