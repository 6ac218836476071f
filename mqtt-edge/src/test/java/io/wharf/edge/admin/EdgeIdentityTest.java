package io.wharf.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EdgeIdentityTest {

    @Test
    void otherEdgesAreToldTheBindAddressUnlessItIsAWildcard() {
        assertThat(EdgeIdentity.advertisedHost("10.0.0.5", () -> "10.9.9.9")).isEqualTo("10.0.0.5");
        assertThat(EdgeIdentity.advertisedHost("127.0.0.1", () -> "10.9.9.9")).isEqualTo("127.0.0.1");
        assertThat(EdgeIdentity.advertisedHost("0.0.0.0", () -> "10.9.9.9")).isEqualTo("10.9.9.9");
        assertThat(EdgeIdentity.advertisedHost("::", () -> "10.9.9.9")).isEqualTo("10.9.9.9");
    }
}
