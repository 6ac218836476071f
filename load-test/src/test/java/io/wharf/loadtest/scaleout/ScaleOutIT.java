package io.wharf.loadtest.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.loadtest.report.ReportFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The scale-out command end to end at small scale: it starts a Kafka process, two edges and two
 * load-generator processes itself, and every one of 2,000 connections spread over the edges gets
 * the one message a Kafka producer wrote to its topic.
 */
@Timeout(180)
class ScaleOutIT {

    private static final int CONNECTIONS = 2_000;

    @Test
    void everyConnectionSpreadOverTwoEdgesGetsItsMessageFromKafkaAndTheReportHasARowPerEdge(@TempDir Path out)
            throws Exception {
        int exit = new CommandLine(new ScaleOutCommand())
                .execute(
                        "-n", Integer.toString(CONNECTIONS),
                        "--edges", "2",
                        "--generators", "2",
                        "--wharf-jar", System.getProperty("wharf.jar"),
                        "--out", out.toString(),
                        "--edge-jvm-options", "-Xmx384m",
                        "--generator-jvm-options", "-Xmx256m",
                        // Few handshakes in flight: on 2 shared cores an edge that falls behind closes clients whose
                        // CONNECT it did not handle within its connect timeout.
                        "--max-pending-connects", "100",
                        "--connect-timeout", "90",
                        "--delivery-timeout", "60");

        assertThat(exit).isZero();
        JsonNode report =
                ReportFiles.JSON.readTree(out.resolve("scale-out.json").toFile());
        assertThat(report.get("expected").asLong()).isEqualTo(CONNECTIONS);
        assertThat(report.get("received").asLong()).isEqualTo(CONNECTIONS);
        assertThat(report.get("subscribed").asLong()).isEqualTo(CONNECTIONS);
        JsonNode edges = report.get("edges");
        assertThat(edges).hasSize(2);
        long held = 0;
        for (JsonNode edge : edges) {
            assertThat(edge.get("held").asLong()).isEqualTo(CONNECTIONS / 2);
            assertThat(edge.get("rssBytesPerConnection").isNumber()).isTrue();
            held += edge.get("held").asLong();
        }
        assertThat(held).isEqualTo(CONNECTIONS);
        assertThat(out.resolve("scale-out.md"))
                .content()
                .contains("| edge-1 | 1,000 |", "| edge-2 | 1,000 |", "| all | 2,000 |", "2,000 / 2,000");
        assertThat(out.resolve("scale-out.svg")).content().startsWith("<svg").contains("edge-1", "edge-2");
    }
}
