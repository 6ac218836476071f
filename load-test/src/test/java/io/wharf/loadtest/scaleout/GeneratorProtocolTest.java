package io.wharf.loadtest.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeneratorProtocolTest {

    @Test
    void aGeneratorsLineReadsBackAsItsFactAndAnyOtherOutputIsIgnored() {
        GeneratorLine line = GeneratorLine.parse(GeneratorLine.format(GeneratorLine.SUBSCRIBED, 999, 1, 100, 250));

        assertThat(line.kind()).isEqualTo(GeneratorLine.SUBSCRIBED);
        assertThat(line.values()).containsExactly(999, 1, 100, 250);
        assertThat(GeneratorLine.parse("06:00:00.000 INFO some log line")).isNull();
    }

    @Test
    void theConnectionsAnEdgeHoldsAreReadFromItsPrometheusPage() {
        String page = "# HELP wharf_connections MQTT clients connected to this edge\n"
                + "# TYPE wharf_connections gauge\n"
                + "wharf_connections{edge=\"edge-1\"} 16700.0\n"
                + "wharf_connections_other 3.0\n";

        assertThat(EdgeMetricsReader.connectionsIn(page)).isEqualTo(16_700);
        assertThat(EdgeMetricsReader.connectionsIn("jvm_threads_live 12.0\n")).isEqualTo(-1);
    }
}
