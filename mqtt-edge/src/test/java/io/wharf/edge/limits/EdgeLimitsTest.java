package io.wharf.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeLimitsTest {

    private final List<Limit> hits = new ArrayList<>();

    @Test
    void connectionsPastTheMaximumAreRefusedUntilOneCloses() {
        EdgeLimits limits = new EdgeLimits(LimitSettings.defaults().withMaxConnections(2), hits::add);
        InetSocketAddress client = new InetSocketAddress("10.0.0.1", 5000);

        assertThat(limits.connect(client, 0)).isEmpty();
        assertThat(limits.connect(client, 0)).isEmpty();
        assertThat(limits.connect(client, 0)).contains(Limit.MAX_CONNECTIONS);
        limits.disconnected();
        assertThat(limits.connect(client, 0)).isEmpty();

        assertThat(limits.connections()).isEqualTo(2);
        assertThat(hits).containsExactly(Limit.MAX_CONNECTIONS);
    }

    @Test
    void theRateIsCheckedFirstAndTakesNoSlot() {
        EdgeLimits limits = new EdgeLimits(LimitSettings.defaults().withConnectionRate(1), hits::add);
        InetSocketAddress client = new InetSocketAddress("10.0.0.1", 5000);

        assertThat(limits.connect(client, 0)).isEmpty();
        assertThat(limits.connect(client, 0)).contains(Limit.CONNECTION_RATE);
        assertThat(limits.connect(new InetSocketAddress("10.0.0.2", 5000), 0)).isEmpty();

        assertThat(limits.connections()).isEqualTo(2);
        assertThat(hits).containsExactly(Limit.CONNECTION_RATE);
    }
}
