package io.wharf.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientFilterTest {

    @Test
    void noFilterMatchesEveryClient() {
        assertThat(ClientFilter.parse(null).matches("any", null, null)).isTrue();
        assertThat(ClientFilter.parse("").matches("any", "bob", "10.0.0.1:5000"))
                .isTrue();
    }

    @Test
    void plainTextIsAClientIdPrefix() {
        ClientFilter filter = ClientFilter.parse("sensor-");

        assertThat(filter.matches("sensor-17", null, null)).isTrue();
        assertThat(filter.matches("actuator-1", null, null)).isFalse();
        assertThat(ClientFilter.parse("id:user:x").matches("user:x-1", null, null))
                .as("id: lets a client id prefix look like another kind")
                .isTrue();
    }

    @Test
    void aUserFilterMatchesTheWholeUserNameOnly() {
        ClientFilter filter = ClientFilter.parse("user:alice");

        assertThat(filter.matches("c1", "alice", null)).isTrue();
        assertThat(filter.matches("c1", "alice2", null)).isFalse();
        assertThat(filter.matches("c1", null, null)).isFalse();
    }

    @Test
    void anAddressFilterIsAPrefixOfHostAndPort() {
        ClientFilter filter = ClientFilter.parse("address:10.0.0.");

        assertThat(filter.matches("c1", null, "10.0.0.7:53000")).isTrue();
        assertThat(filter.matches("c1", null, "10.0.1.7:53000")).isFalse();
        assertThat(filter.matches("c1", null, null)).isFalse();
    }

    @Test
    void aKindWithoutValueOrATooLongFilterIsABadRequest() {
        assertThatThrownBy(() -> ClientFilter.parse("user:")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> ClientFilter.parse("address:")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> ClientFilter.parse("x".repeat(ClientFilter.MAX_LENGTH + 1)))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void aFilterTravelsToOtherEdgesAsTheSameFilter() {
        for (String text : new String[] {"", "sensor-", "user:alice", "address:10.", "id:user:x"}) {
            ClientFilter filter = ClientFilter.parse(text);
            assertThat(ClientFilter.parse(filter.text())).isEqualTo(filter);
        }
    }
}
