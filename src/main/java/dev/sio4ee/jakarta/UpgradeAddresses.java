package dev.sio4ee.jakarta;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries the client address of a WebSocket upgrade from the servlet filter, which sees the HTTP request, to the
 * endpoint configurator, which does not on every server (Undertow's handshake has no remote address). Keyed by
 * the handshake's {@code Sec-WebSocket-Key}; entries whose upgrade never happened expire.
 */
final class UpgradeAddresses {
    static final long TTL_NANOS = 30_000_000_000L;
    private static final int PRUNE_ABOVE = 256;

    private record Entry(String address, long at) {
    }

    private final Map<String, Entry> byKey = new ConcurrentHashMap<>();

    void remember(String key, String address, long nowNanos) {
        if (key == null || address == null) {
            return;
        }
        if (byKey.size() > PRUNE_ABOVE) {
            byKey.values().removeIf(e -> nowNanos - e.at() > TTL_NANOS);
        }
        byKey.put(key, new Entry(address, nowNanos));
    }

    /** The address remembered for this key, once; null if none. */
    String take(String key, long nowNanos) {
        Entry e = key == null ? null : byKey.remove(key);
        return e == null || nowNanos - e.at() > TTL_NANOS ? null : e.address();
    }

    int size() {
        return byKey.size();
    }
}
