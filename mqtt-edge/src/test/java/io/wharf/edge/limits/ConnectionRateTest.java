package io.wharf.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class ConnectionRateTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void eachAddressHasItsOwnBudget() throws UnknownHostException {
        ConnectionRate rate = new ConnectionRate(2, 100);
        InetAddress one = InetAddress.getByName("10.0.0.1");
        InetAddress two = InetAddress.getByName("10.0.0.2");

        assertThat(rate.admit(one, 0)).isTrue();
        assertThat(rate.admit(one, 0)).isTrue();
        assertThat(rate.admit(one, 0)).isFalse();
        assertThat(rate.admit(two, 0)).isTrue();
        assertThat(rate.admit(one, SECOND / 2)).as("refilled by one").isTrue();
    }

    @Test
    void theTableOfAddressesStaysBounded() throws UnknownHostException {
        ConnectionRate rate = new ConnectionRate(1, 50);

        for (int i = 0; i < 1000; i++) {
            rate.admit(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}), 0);
        }

        assertThat(rate.addresses()).isEqualTo(50);
    }

    @Test
    void anAddressInUseIsNotTheOneForgotten() throws UnknownHostException {
        ConnectionRate rate = new ConnectionRate(1, 2);
        InetAddress busy = InetAddress.getByName("10.0.0.1");
        rate.admit(busy, 0);

        rate.admit(InetAddress.getByName("10.0.0.2"), 0);
        assertThat(rate.admit(busy, 0)).isFalse(); // seen again: the most recent now
        rate.admit(InetAddress.getByName("10.0.0.3"), 0); // forgets 10.0.0.2

        assertThat(rate.admit(busy, 0))
                .as("still remembered, still over its rate")
                .isFalse();
    }

    @Test
    void zeroAdmitsEverything() throws UnknownHostException {
        ConnectionRate rate = new ConnectionRate(0, 10);
        InetAddress one = InetAddress.getByName("10.0.0.1");

        for (int i = 0; i < 1000; i++) {
            assertThat(rate.admit(one, 0)).isTrue();
        }
        assertThat(rate.addresses()).isZero();
    }
}
