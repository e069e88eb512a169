package dev.sio4ee.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpgradeAddressesTest {
    private final UpgradeAddresses addresses = new UpgradeAddresses();

    @Test
    void shouldHandTheAddressOverOnceByHandshakeKey() {
        addresses.remember("key-a", "10.0.0.1", 0);
        addresses.remember("key-b", "10.0.0.2", 0);
        assertThat(addresses.take("key-b", 1)).isEqualTo("10.0.0.2");
        assertThat(addresses.take("key-b", 1)).isNull();
        assertThat(addresses.take("key-a", 1)).isEqualTo("10.0.0.1");
        assertThat(addresses.take(null, 1)).isNull();
        assertThat(addresses.size()).isZero();
    }

    @Test
    void shouldForgetUpgradesThatNeverHappened() {
        addresses.remember("stale", "10.0.0.9", 0);
        assertThat(addresses.take("stale", UpgradeAddresses.TTL_NANOS + 1)).isNull();
        for (int i = 0; i < 300; i++) {
            addresses.remember("old-" + i, "10.0.0.1", 0);
        }
        addresses.remember("fresh", "10.0.0.3", UpgradeAddresses.TTL_NANOS * 2);
        addresses.remember("fresh-2", "10.0.0.4", UpgradeAddresses.TTL_NANOS * 2);
        assertThat(addresses.size()).as("expired entries are pruned, memory stays bounded").isEqualTo(2);
        assertThat(addresses.take("fresh", UpgradeAddresses.TTL_NANOS * 2)).isEqualTo("10.0.0.3");
    }
}
