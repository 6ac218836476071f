package io.wharf.edge.auth.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.auth.ClientPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectionAccessTest {

    @Test
    void replacedRulesHoldAConnectedClientFromItsNextDeliveryOn() {
        AccessControl control = new AccessControl(AccessRules.of(
                List.of(AccessRule.allow(Who.ANYONE, EnumSet.of(Action.SUBSCRIBE, Action.RECEIVE), "news/#"))));
        ConnectionAccess access = control.forConnection(ClientPrincipal.anonymous("c", Optional.empty()));
        assertThat(access.mayReceive("news/today")).isTrue();

        control.replace(AccessRules.of(
                List.of(AccessRule.allow(Who.ANYONE, EnumSet.of(Action.SUBSCRIBE, Action.RECEIVE), "sport/#"))));

        assertThat(access.mayReceive("news/today")).isFalse();
        assertThat(access.mayReceive("sport/today")).isTrue();
    }
}
