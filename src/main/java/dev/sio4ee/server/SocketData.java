package dev.sio4ee.server;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A socket's {@code data}: a thread-safe map (every method locks the map itself, so
 * {@code synchronized (socket.data()) { ... }} guards an iteration, as with {@link Collections#synchronizedMap})
 * that tells its socket after each change made through its own methods, outside the lock (the admin UI's
 * {@code socket_updated}; Node wraps {@code socket.data} in a Proxy for the same). Its views are read-only.
 */
final class SocketData implements Map<String, Object> {
    private final Map<String, Object> map = new LinkedHashMap<>();
    private final Runnable onChange;

    SocketData(Runnable onChange) {
        this.onChange = onChange;
    }

    private <T> T change(java.util.function.Supplier<T> work) {
        T result;
        synchronized (this) {
            result = work.get();
        }
        onChange.run();
        return result;
    }

    @Override
    public synchronized int size() {
        return map.size();
    }

    @Override
    public synchronized boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public synchronized boolean containsValue(Object value) {
        return map.containsValue(value);
    }

    @Override
    public synchronized Object get(Object key) {
        return map.get(key);
    }

    @Override
    public Object put(String key, Object value) {
        return change(() -> map.put(key, value));
    }

    @Override
    public Object remove(Object key) {
        return change(() -> map.remove(key));
    }

    @Override
    public void putAll(Map<? extends String, ?> m) {
        change(() -> {
            map.putAll(m);
            return null;
        });
    }

    @Override
    public void clear() {
        change(() -> {
            map.clear();
            return null;
        });
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        return change(() -> map.putIfAbsent(key, value));
    }

    @Override
    public boolean remove(Object key, Object value) {
        return change(() -> map.remove(key, value));
    }

    @Override
    public boolean replace(String key, Object oldValue, Object newValue) {
        return change(() -> map.replace(key, oldValue, newValue));
    }

    @Override
    public Object replace(String key, Object value) {
        return change(() -> map.replace(key, value));
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> f) {
        return change(() -> map.computeIfAbsent(key, f));
    }

    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> f) {
        return change(() -> map.computeIfPresent(key, f));
    }

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> f) {
        return change(() -> map.compute(key, f));
    }

    @Override
    public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> f) {
        return change(() -> map.merge(key, value, f));
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> f) {
        change(() -> {
            map.replaceAll(f);
            return null;
        });
    }

    @Override
    public Set<String> keySet() {
        return Collections.unmodifiableSet(map.keySet());
    }

    @Override
    public Collection<Object> values() {
        return Collections.unmodifiableCollection(map.values());
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return Collections.unmodifiableMap(map).entrySet();
    }

    @Override
    public synchronized boolean equals(Object o) {
        return o == this || map.equals(o);
    }

    @Override
    public synchronized int hashCode() {
        return map.hashCode();
    }

    @Override
    public synchronized String toString() {
        return map.toString();
    }
}
