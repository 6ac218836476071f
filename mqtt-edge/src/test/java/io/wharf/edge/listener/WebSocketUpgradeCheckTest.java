package io.wharf.edge.listener;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebSocketUpgradeCheckTest {

    private final WebSocketUpgradeCheck check = new WebSocketUpgradeCheck("/mqtt");

    @Test
    void anUpgradeToThePathOfferingAnMqttSubprotocolPasses() {
        assertThat(check.problem("/mqtt", "mqtt")).isEmpty();
        assertThat(check.problem("/mqtt", "mqttv3.1")).isEmpty();
        assertThat(check.problem("/mqtt", "chat, mqtt")).isEmpty();
    }

    @Test
    void anotherPathIsRefusedNamingBoth() {
        assertThat(check.problem("/other", "mqtt"))
                .hasValueSatisfying(why -> assertThat(why).contains("/other").contains("/mqtt"));
    }

    @Test
    void noOrAnotherSubprotocolIsRefused() {
        assertThat(check.problem("/mqtt", null))
                .hasValueSatisfying(why -> assertThat(why).contains("(none)"));
        assertThat(check.problem("/mqtt", "chat"))
                .hasValueSatisfying(why -> assertThat(why).contains("'chat'").contains("mqtt, mqttv3.1"));
    }
}
