package dev.sio4ee.admin;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The admin UI's login sessions on this server (Node's {@code InMemoryStore}, with the expiry of its
 * {@code RedisStore}): a 16-hex-digit id given to the UI after a good login, which it sends back as
 * {@code auth.sessionId} to reconnect without the password, until it expires. Bounded: past {@link #MAX_SESSIONS}
 * the expired ones go, then the oldest.
 *
 * <pre>{@code
 * AdminSessions sessions = new AdminSessions(86_400_000, System::currentTimeMillis);
 * String id = sessions.create();
 * sessions.isValid(id); // true for a day
 * }</pre>
 */
public final class AdminSessions {
    /** The most sessions kept at once. */
    public static final int MAX_SESSIONS = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final long durationMillis;
    private final LongSupplier clock;

    /**
     * A store whose sessions last {@code durationMillis}.
     * <pre>{@code new AdminSessions(86_400_000, System::currentTimeMillis)}</pre>
     *
     * @param durationMillis how long a session stays valid
     * @param clock          the clock, epoch ms
     */
    public AdminSessions(long durationMillis, LongSupplier clock) {
        if (durationMillis <= 0) {
            throw new IllegalArgumentException("session duration must be positive, got " + durationMillis);
        }
        this.durationMillis = durationMillis;
        this.clock = clock;
    }

    /**
     * Creates a session: 8 random bytes in hex, as Node's admin UI.
     * <pre>{@code String id = sessions.create(); // "3f2a9c0d1e4b5a67"}</pre>
     *
     * @return the session id
     */
    public String create() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        long now = clock.getAsLong();
        if (expiries.size() >= MAX_SESSIONS) {
            expiries.values().removeIf(expiry -> expiry <= now);
            while (expiries.size() >= MAX_SESSIONS) {
                expiries.entrySet().stream().min(Map.Entry.comparingByValue())
                        .ifPresent(oldest -> expiries.remove(oldest.getKey(), oldest.getValue()));
            }
        }
        expiries.put(id, now + durationMillis);
        return id;
    }

    /**
     * Whether an id names a session that has not expired (an expired one is forgotten).
     * <pre>{@code sessions.isValid(auth.getString("sessionId", null))}</pre>
     *
     * @param id the session id, or null
     * @return true if valid
     */
    public boolean isValid(String id) {
        if (id == null) {
            return false;
        }
        Long expiry = expiries.get(id);
        if (expiry == null) {
            return false;
        }
        if (expiry <= clock.getAsLong()) {
            expiries.remove(id, expiry);
            return false;
        }
        return true;
    }

    /**
     * The number of sessions kept (expired ones included until they are looked up or pushed out).
     * <pre>{@code sessions.size()}</pre>
     *
     * @return the count
     */
    public int size() {
        return expiries.size();
    }
}
