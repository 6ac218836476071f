package io.wharf.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAreAlignedUnderTheirHeader() {
        StringWriter text = new StringWriter();
        new Table("EDGE", "STATE", "CLIENTS")
                .row("edge-a", "serving", "12")
                .row("b", "draining", "0")
                .print(new PrintWriter(text, true));

        assertThat(text.toString().lines())
                .containsExactly("EDGE    STATE     CLIENTS", "edge-a  serving   12", "b       draining  0");
    }

    @Test
    void uptimeIsShownInItsTwoLargestUnits() {
        assertThat(ClusterCommand.uptime(42)).isEqualTo("42s");
        assertThat(ClusterCommand.uptime(125)).isEqualTo("2m5s");
        assertThat(ClusterCommand.uptime(3 * 3600 + 60)).isEqualTo("3h1m");
        assertThat(ClusterCommand.uptime(2 * 86400 + 5 * 3600)).isEqualTo("2d5h");
    }
}
