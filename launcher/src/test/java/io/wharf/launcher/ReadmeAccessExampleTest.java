package io.wharf.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.auth.ClientPrincipal;
import io.wharf.edge.auth.acl.AccessRules;
import io.wharf.edge.auth.acl.AclFile;
import io.wharf.edge.auth.acl.ClientRules;
import io.wharf.schemas.topic.TopicFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ACL file of README's "Access control" part is one Wharf reads, meaning what the text says. */
class ReadmeAccessExampleTest {

    @Test
    void theReadmesAclExampleMeansWhatItSays() throws IOException {
        AccessRules rules = AclFile.parse(example(), "README");

        ClientRules anonymous = rules.forClient(ClientPrincipal.anonymous("a", Optional.empty()));
        assertThat(anonymous.mayReceive("public/news")).isTrue();
        assertThat(anonymous.mayPublish("public/news")).isFalse();
        ClientRules dashboard = rules.forClient(user("dashboard", Set.of()));
        assertThat(dashboard.maySubscribe(TopicFilter.parse("#"))).isTrue();
        assertThat(dashboard.mayReceive("factory/line1")).isTrue();
        assertThat(dashboard.mayReceive("factory/secrets/recipe")).isFalse();
        assertThat(dashboard.mayReceive("$SYS/broker/uptime")).isTrue();
        assertThat(rules.forClient(user("carol", Set.of("operators"))).mayPublish("factory/line1"))
                .isTrue();
        ClientRules device = rules.forClient(user("meter-7", Set.of()));
        assertThat(device.mayPublish("devices/meter-7/telemetry/power")).isTrue();
        assertThat(device.mayPublish("devices/meter-8/telemetry/power")).isFalse();
        assertThat(device.maySubscribe(TopicFilter.parse("devices/meter-7/commands/#")))
                .isTrue();
    }

    private static ClientPrincipal user(String name, Set<String> groups) {
        return new ClientPrincipal("c-" + name, Optional.of(name), groups, Optional.empty());
    }

    private static String example() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int part = readme.indexOf("### Access control");
        int example = readme.indexOf("Example, for the production config above", part);
        int start = readme.indexOf("```\n", example) + 4;
        return readme.substring(start, readme.indexOf("```", start));
    }
}
