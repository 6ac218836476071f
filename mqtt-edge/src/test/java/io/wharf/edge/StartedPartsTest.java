package io.wharf.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartedPartsTest {

    private final List<String> closed = new ArrayList<>();

    private AutoCloseable part(String name) {
        return () -> closed.add(name);
    }

    @Test
    void aClosingEdgeStopsTheNamedPartsFirstThenEveryOtherInReverseStartOrder() {
        StartedParts started = new StartedParts();
        AutoCloseable producer = part("producer");
        AutoCloseable feed = part("feed");
        started.add(producer);
        started.add(part("auth reader"));
        started.add(feed);
        started.add(part("listeners"));

        StartedParts.closeInOrder(started.stopOrder(Arrays.asList(feed, null, producer)));

        assertThat(closed).containsExactly("feed", "producer", "listeners", "auth reader");
    }

    @Test
    void aPartNamedTwiceStopsOnce() {
        StartedParts started = new StartedParts();
        AutoCloseable feed = part("feed");
        started.add(feed);

        StartedParts.closeInOrder(started.stopOrder(List.of(feed, feed)));

        assertThat(closed).containsExactly("feed");
    }

    @Test
    void aFailedStartClosesEveryPartTheLastStartedFirstEvenWhenOneThrows() {
        StartedParts started = new StartedParts();
        started.add(part("producer"));
        started.add(() -> {
            throw new IllegalStateException("already gone");
        });
        started.add(part("feed"));

        started.closeAll();

        assertThat(closed).containsExactly("feed", "producer");
    }
}
