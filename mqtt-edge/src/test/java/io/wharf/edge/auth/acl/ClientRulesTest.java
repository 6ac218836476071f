package io.wharf.edge.auth.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.auth.ClientPrincipal;
import io.wharf.schemas.topic.TopicFilter;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientRulesTest {

    private static final Set<Action> READ = EnumSet.of(Action.SUBSCRIBE, Action.RECEIVE);
    private static final Set<Action> ALL = EnumSet.allOf(Action.class);
    private static final ClientPrincipal ALICE = principal("c1", "alice", Set.of());

    @Test
    void withoutRulesEverythingIsAllowedAndNothingNeedsChecking() {
        ClientRules rules = AccessRules.NONE.forClient(ALICE);
        assertThat(rules.mayPublish("any/topic")).isTrue();
        assertThat(rules.maySubscribe(TopicFilter.parse("#"))).isTrue();
        assertThat(rules.receivesEverything()).isTrue();
    }

    @Test
    void onceARuleExistsWhatNoRuleAllowsIsDenied() {
        ClientRules rules =
                rules(AccessRule.allow(Who.user("alice"), READ, "sensors/#")).forClient(ALICE);
        assertThat(rules.mayReceive("sensors/t")).isTrue();
        assertThat(rules.mayReceive("other/t")).isFalse();
        assertThat(rules.mayPublish("sensors/t")).isFalse();
        assertThat(rules.maySubscribe(TopicFilter.parse("other/#"))).isFalse();
    }

    @Test
    void denyWinsOverAllowWhateverTheOrder() {
        ClientRules rules = rules(
                        AccessRule.deny(Who.ANYONE, ALL, "sensors/secret"),
                        AccessRule.allow(Who.user("alice"), ALL, "sensors/#"))
                .forClient(ALICE);
        assertThat(rules.mayPublish("sensors/secret")).isFalse();
        assertThat(rules.mayReceive("sensors/secret")).isFalse();
        assertThat(rules.mayPublish("sensors/open")).isTrue();
    }

    @Test
    void aSubscriptionIsGrantedWhenTheRulesAllowSomeOfIt() {
        ClientRules rules =
                rules(AccessRule.allow(Who.ANYONE, READ, "sensors/a/#")).forClient(ALICE);
        assertThat(rules.maySubscribe(TopicFilter.parse("sensors/#"))).isTrue();
        assertThat(rules.maySubscribe(TopicFilter.parse("+/a/b"))).isTrue();
        assertThat(rules.maySubscribe(TopicFilter.parse("sensors/b/#"))).isFalse();
        assertThat(rules.mayReceive("sensors/b/x")).isFalse();
    }

    @Test
    void aSubscriptionWhollyInsideADeniedFilterIsRefused() {
        ClientRules rules = rules(
                        AccessRule.allow(Who.ANYONE, READ, "#"), AccessRule.deny(Who.ANYONE, READ, "secret/#"))
                .forClient(ALICE);
        assertThat(rules.maySubscribe(TopicFilter.parse("secret/plans"))).isFalse();
        assertThat(rules.maySubscribe(TopicFilter.parse("secret/#"))).isFalse();
        assertThat(rules.maySubscribe(TopicFilter.parse("#"))).isTrue();
        assertThat(rules.mayReceive("secret/plans")).isFalse();
    }

    @Test
    void aDeniedSubscriptionLeavesTheWholeTreeSubscribable() {
        // the old --deny-subscribe refused '#' as soon as anything was denied
        ClientRules rules = AccessRules.NONE
                .denyingSubscriptions(List.of(TopicFilter.parse("test/nosubscribe")))
                .forClient(ALICE);
        assertThat(rules.maySubscribe(TopicFilter.parse("#"))).isTrue();
        assertThat(rules.maySubscribe(TopicFilter.parse("test/+"))).isTrue();
        assertThat(rules.maySubscribe(TopicFilter.parse("test/nosubscribe"))).isFalse();
        assertThat(rules.mayReceive("test/nosubscribe")).isFalse();
        assertThat(rules.mayReceive("test/other")).isTrue();
        assertThat(rules.mayPublish("test/nosubscribe")).isTrue();
        assertThat(rules.maySubscribe(TopicFilter.parse("$SYS/#"))).isTrue();
    }

    @Test
    void userAndClientIdFillInPatterns() {
        AccessRules rules =
                rules(AccessRule.allow(Who.ANYONE, ALL, "users/%u/#"), AccessRule.allow(Who.ANYONE, ALL, "devices/%c"));
        ClientRules alice = rules.forClient(ALICE);
        assertThat(alice.mayPublish("users/alice/x")).isTrue();
        assertThat(alice.mayPublish("users/bob/x")).isFalse();
        assertThat(alice.mayPublish("devices/c1")).isTrue();
        assertThat(alice.mayPublish("devices/c2")).isFalse();
        ClientRules anonymous = rules.forClient(ClientPrincipal.anonymous("c2", Optional.empty()));
        assertThat(anonymous.mayPublish("users/%u/x")).isFalse();
    }

    @Test
    void aUserNameWithAWildcardGetsNoPattern() {
        AccessRules rules = rules(AccessRule.allow(Who.ANYONE, ALL, "users/%u/#"));
        ClientRules sly = rules.forClient(principal("c1", "#", Set.of()));
        assertThat(sly.mayPublish("users/alice/x")).isFalse();
        assertThat(sly.maySubscribe(TopicFilter.parse("users/#"))).isFalse();
    }

    @Test
    void groupClientAndCertificateRulesApplyToThoseTheyName() {
        AccessRules rules = rules(
                AccessRule.allow(Who.group("ops"), ALL, "ops/#"),
                AccessRule.allow(Who.client("meter-7"), ALL, "meters/7"),
                AccessRule.allow(Who.certificate("CN=gw"), ALL, "gateway/#"));
        ClientRules operator = rules.forClient(principal("x", "carol", Set.of("ops")));
        assertThat(operator.mayPublish("ops/a")).isTrue();
        assertThat(rules.forClient(ALICE).mayPublish("ops/a")).isFalse();
        assertThat(rules.forClient(principal("meter-7", "m", Set.of())).mayPublish("meters/7"))
                .isTrue();
        ClientRules gateway =
                rules.forClient(new ClientPrincipal("g", Optional.empty(), Set.of(), Optional.of("CN=gw")));
        assertThat(gateway.mayPublish("gateway/up")).isTrue();
    }

    @Test
    void publishSubscribeAndReceiveAreDecidedSeparately() {
        ClientRules rules = rules(
                        AccessRule.allow(Who.ANYONE, EnumSet.of(Action.SUBSCRIBE), "feed/#"),
                        AccessRule.allow(Who.ANYONE, EnumSet.of(Action.RECEIVE), "feed/public/#"),
                        AccessRule.allow(Who.ANYONE, EnumSet.of(Action.PUBLISH), "in/#"))
                .forClient(ALICE);
        assertThat(rules.maySubscribe(TopicFilter.parse("feed/#"))).isTrue();
        assertThat(rules.mayReceive("feed/public/a")).isTrue();
        assertThat(rules.mayReceive("feed/private/a")).isFalse();
        assertThat(rules.mayPublish("in/a")).isTrue();
        assertThat(rules.mayPublish("feed/public/a")).isFalse();
        assertThat(rules.maySubscribe(TopicFilter.parse("in/#"))).isFalse();
    }

    @Test
    void aDenyInsideAReadableFilterKeepsTheChecksAtDelivery() {
        ClientRules rules = rules(
                        AccessRule.allow(Who.ANYONE, READ, "sensors/#"),
                        AccessRule.deny(Who.ANYONE, READ, "sensors/secret/#"))
                .forClient(ALICE);
        assertThat(rules.receivesEverything()).isFalse();
    }

    @Test
    void dollarTopicsNeedRulesOfTheirOwn() {
        ClientRules rules = rules(AccessRule.allow(Who.ANYONE, ALL, "#")).forClient(ALICE);
        assertThat(rules.mayReceive("$SYS/broker/uptime")).isFalse();
        assertThat(rules.maySubscribe(TopicFilter.parse("$SYS/#"))).isFalse();
        ClientRules withSys =
                rules(AccessRule.allow(Who.ANYONE, READ, "$SYS/#")).forClient(ALICE);
        assertThat(withSys.maySubscribe(TopicFilter.parse("$SYS/#"))).isTrue();
    }

    private static AccessRules rules(AccessRule... rules) {
        return AccessRules.of(List.of(rules));
    }

    private static ClientPrincipal principal(String clientId, String user, Set<String> groups) {
        return new ClientPrincipal(clientId, Optional.of(user), groups, Optional.empty());
    }
}
