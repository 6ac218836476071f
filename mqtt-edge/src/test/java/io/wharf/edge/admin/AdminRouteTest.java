package io.wharf.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.admin.AdminRoute.Operation;
import org.junit.jupiter.api.Test;

class AdminRouteTest {

    @Test
    void eachPathAndMethodNamesItsOperation() {
        assertRoute("GET", "/api/edges", Operation.EDGES, null);
        assertRoute("POST", "/api/edges/edge-b/drain", Operation.DRAIN_EDGE, "edge-b");
        assertRoute("GET", "/api/clients?filter=abc", Operation.CLIENTS, null);
        assertRoute("GET", "/api/clients/dev-1", Operation.CLIENT, "dev-1");
        assertRoute("DELETE", "/api/clients/dev-1", Operation.KICK_CLIENT, "dev-1");
        assertRoute("DELETE", "/api/sessions/dev-1", Operation.REMOVE_SESSION, "dev-1");
        assertRoute("GET", "/api/retained", Operation.RETAINED, null);
        assertRoute("GET", "/api/retained/a/b", Operation.RETAINED_MESSAGE, "a/b");
        assertRoute("DELETE", "/api/retained/a/b", Operation.DELETE_RETAINED, "a/b");
        assertRoute("GET", "/api/topics", Operation.TOPICS, null);
        assertRoute("GET", "/api/openapi.json", Operation.OPENAPI, null);
        assertRoute("GET", "/api/local/clients/dev-1", Operation.LOCAL_CLIENT, "dev-1");
        assertRoute("DELETE", "/api/local/clients/dev-1", Operation.LOCAL_KICK, "dev-1");
    }

    @Test
    void theUsersAndRulesHaveTheirOwnPaths() {
        assertRoute("GET", "/api/users", Operation.USERS, null);
        assertRoute("PUT", "/api/users/alice", Operation.PUT_USER, "alice");
        assertRoute("DELETE", "/api/users/alice", Operation.DELETE_USER, "alice");
        assertRoute("GET", "/api/acl", Operation.RULES, null);
        assertRoute("POST", "/api/acl", Operation.ADD_RULE, null);
        assertRoute("DELETE", "/api/acl?who=user&name=alice&access=read&topic=a%2F%23", Operation.DELETE_RULE, null);
        assertRefused("POST", "/api/users/alice", 405);
        assertRefused("PUT", "/api/acl", 405);
        assertRefused("GET", "/api/acl/x", 404);
    }

    @Test
    void pathPartsAndQueryValuesAreUrlDecodedButAPlusStaysAPlus() {
        assertRoute("GET", "/api/retained/sensors%2F1%2Ftemp", Operation.RETAINED_MESSAGE, "sensors/1/temp");
        assertRoute("GET", "/api/clients/a%20b+c", Operation.CLIENT, "a b+c");
        assertThat(AdminRoute.parse("GET", "/api/retained?filter=a/%2B/%23")
                        .route()
                        .query())
                .containsEntry("filter", "a/+/#");
        assertThat(AdminRoute.parse("GET", "/api/retained?filter=a/+").route().query())
                .containsEntry("filter", "a/+");
    }

    @Test
    void anUnknownPathIsNotFound() {
        assertRefused("GET", "/api/nothing", 404);
        assertRefused("GET", "/api/clients/", 404);
        assertRefused("GET", "/api/sessions", 404);
        assertRefused("POST", "/api/edges/edge-a/restart", 404);
        assertRefused("GET", "/api/edges//drain", 404);
    }

    @Test
    void aKnownPathWithTheWrongMethodIsNotAllowed() {
        assertRefused("POST", "/api/edges", 405);
        assertRefused("GET", "/api/edges/edge-a/drain", 405);
        assertRefused("PUT", "/api/clients/x", 405);
        assertRefused("GET", "/api/sessions/x", 405);
        assertRefused("DELETE", "/api/retained", 405);
    }

    @Test
    void onlyPathsUnderApiAreTheApis() {
        assertThat(AdminRoute.isApi("/api/edges")).isTrue();
        assertThat(AdminRoute.isApi("/api")).isTrue();
        assertThat(AdminRoute.isApi("/admin/drain")).isFalse();
        assertThat(AdminRoute.isApi("/apiary")).isFalse();
        assertThat(AdminRoute.isApi("/health/ready")).isFalse();
    }

    private static void assertRoute(String method, String uri, Operation operation, String target) {
        AdminRoute.Result result = AdminRoute.parse(method, uri);
        assertThat(result.refusal()).isNull();
        assertThat(result.route().operation()).isEqualTo(operation);
        assertThat(result.route().target()).isEqualTo(target);
    }

    private static void assertRefused(String method, String uri, int status) {
        AdminRoute.Result result = AdminRoute.parse(method, uri);
        assertThat(result.route()).isNull();
        assertThat(result.refusal().status()).isEqualTo(status);
    }
}
