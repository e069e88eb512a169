package dev.sio4ee.adapter.redis;

import java.util.function.BooleanSupplier;

/** Bounded waiting for what travels through Redis (no timed assertion: the bound is only a safety net). */
final class Wait {
    private static final int ROUNDS = 2_000;

    private Wait() {
    }

    /** Waits until the condition holds (at most about 10 s), else fails naming what was awaited. */
    static void until(BooleanSupplier condition, String what) {
        for (int i = 0; i < ROUNDS; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("gave up waiting for " + what);
        }
    }

    /** Gives what is in flight time to arrive, before checking that something did NOT happen. */
    static void settle() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
