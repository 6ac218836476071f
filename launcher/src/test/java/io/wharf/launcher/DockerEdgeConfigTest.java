package io.wharf.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.listener.ListenerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compose cluster's edge config is one Wharf accepts, and HAProxy sends its clients to the
 * PROXY protocol listener it opens.
 */
class DockerEdgeConfigTest {

    private static final Path DOCKER = Path.of("../docker");

    @Test
    void theComposeEdgesOpenAProxyProtocolListenerWhereHaproxySendsItsClientsWithTheHeader() throws Exception {
        WharfConfig config = ConfigResolver.resolve(
                Map.of(
                        Setting.CONFIG,
                        DOCKER.resolve("edge.yaml").toString(),
                        Setting.KAFKA,
                        "kafka1:9092",
                        Setting.ALLOW_ANONYMOUS,
                        "true"),
                Map.of());

        List<ListenerSettings> proxied = config.listeners().stream()
                .filter(ListenerSettings::proxyProtocol)
                .toList();
        assertThat(proxied).hasSize(1);
        String haproxy = Files.readString(DOCKER.resolve("haproxy/haproxy.cfg"));
        Matcher servers =
                Pattern.compile("(?m)^\\s*server edge-\\d \\S+:(\\d+)").matcher(haproxy);
        int found = 0;
        while (servers.find()) {
            assertThat(Integer.parseInt(servers.group(1)))
                    .isEqualTo(proxied.get(0).port());
            found++;
        }
        assertThat(found).isEqualTo(3);
        assertThat(haproxy).contains("send-proxy-v2");
    }
}
