package io.wharf.edge.auth.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.edge.auth.ClientPrincipal;
import io.wharf.schemas.topic.TopicFilter;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AclFileTest {

    /** Mosquitto's own example file (mosquitto.conf(5), acl_file), unchanged. */
    private static final String MOSQUITTO_FILE = """
            # This affects access control for clients with no username.
            topic read $SYS/#

            # This only affects clients with username "roger".
            user roger
            topic foo/bar

            # This affects all clients.
            pattern write $SYS/broker/connection/%c/state
            """;

    @Test
    void mosquittosFormatIsReadUnchanged() {
        AccessRules rules = AclFile.parse(MOSQUITTO_FILE, "acl");
        ClientRules anonymous = rules.forClient(ClientPrincipal.anonymous("bridge1", Optional.empty()));
        assertThat(anonymous.maySubscribe(TopicFilter.parse("$SYS/#"))).isTrue();
        assertThat(anonymous.mayPublish("$SYS/broker/connection/bridge1/state")).isTrue();
        assertThat(anonymous.mayPublish("foo/bar")).isFalse();
        ClientRules roger = rules.forClient(user("roger"));
        assertThat(roger.mayPublish("foo/bar")).isTrue();
        assertThat(roger.mayReceive("foo/bar")).isTrue();
        assertThat(roger.mayReceive("$SYS/broker/uptime")).isFalse(); // the first set is for anonymous clients
        assertThat(roger.mayPublish("$SYS/broker/connection/c-roger/state")).isTrue();
    }

    @Test
    void accessWordsSayWhatIsAllowedOrDenied() {
        AccessRules rules = AclFile.parse("""
                user alice
                topic read r/#
                topic write w/#
                topic readwrite rw/#
                topic deny rw/secret
                topic subscribe s/#
                topic receive s/public/#
                topic deny-write r/locked
                """, "acl");
        ClientRules alice = rules.forClient(user("alice"));
        assertThat(alice.mayReceive("r/a")).isTrue();
        assertThat(alice.mayPublish("r/a")).isFalse();
        assertThat(alice.mayPublish("w/a")).isTrue();
        assertThat(alice.mayReceive("w/a")).isFalse();
        assertThat(alice.mayPublish("rw/a")).isTrue();
        assertThat(alice.mayPublish("rw/secret")).isFalse();
        assertThat(alice.mayReceive("rw/secret")).isFalse();
        assertThat(alice.maySubscribe(TopicFilter.parse("s/#"))).isTrue();
        assertThat(alice.mayReceive("s/private")).isFalse();
        assertThat(alice.mayReceive("s/public/a")).isTrue();
    }

    @Test
    void wharfScopeLinesNameGroupsClientsCertificatesAndAnyone() {
        AccessRules rules = AclFile.parse("""
                group ops
                topic ops/#
                client meter-7
                topic write meters/7
                certificate CN=gateway
                topic gateway/#
                anyone
                topic read public/#
                """, "acl");
        assertThat(rules.forClient(new ClientPrincipal("x", Optional.of("carol"), Set.of("ops"), Optional.empty()))
                        .mayPublish("ops/a"))
                .isTrue();
        assertThat(rules.forClient(user("alice")).mayPublish("ops/a")).isFalse();
        assertThat(rules.forClient(ClientPrincipal.anonymous("meter-7", Optional.empty()))
                        .mayPublish("meters/7"))
                .isTrue();
        assertThat(rules.forClient(ClientPrincipal.anonymous("gw", Optional.of("CN=gateway")))
                        .mayPublish("gateway/up"))
                .isTrue();
        assertThat(rules.forClient(user("alice")).mayReceive("public/news")).isTrue();
    }

    @Test
    void aTopicWithoutAnAccessWordIsReadwriteAndMayHoldSpaces() {
        AccessRules rules = AclFile.parse("user a\ntopic my topic/x\ntopic read with space/#\n", "acl");
        ClientRules a = rules.forClient(user("a"));
        assertThat(a.mayPublish("my topic/x")).isTrue();
        assertThat(a.mayReceive("with space/y")).isTrue();
        assertThat(a.mayPublish("with space/y")).isFalse();
    }

    @Test
    void anEmptyFileHasNoRulesSoEverythingIsAllowed() {
        assertThat(AclFile.parse("# nothing yet\n\n", "acl")).isEqualTo(AccessRules.NONE);
    }

    @Test
    void aMalformedLineIsNamedByItsNumber() {
        assertThatThrownBy(() -> AclFile.parse("user a\ntopic read a/#/b\n", "acl.conf"))
                .isInstanceOf(AclFileException.class)
                .hasMessageStartingWith("acl.conf line 2: 'a/#/b' is no topic filter");
        assertThatThrownBy(() -> AclFile.parse("# c\nallow everything\n", "acl.conf"))
                .hasMessageStartingWith("acl.conf line 2: 'allow' is no ACL line");
        assertThatThrownBy(() -> AclFile.parse("user\n", "acl.conf"))
                .hasMessageStartingWith("acl.conf line 1: 'user' needs a name");
        assertThatThrownBy(() -> AclFile.parse("topic\n", "acl.conf"))
                .hasMessageStartingWith("acl.conf line 1: a rule needs a topic");
    }

    private static ClientPrincipal user(String name) {
        return new ClientPrincipal("c-" + name, Optional.of(name), Set.of(), Optional.empty());
    }
}
