package io.wharf.edge.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardHandlerTest {

    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.0/dist/";

    @Test
    void theRootIsThePageAndDashboardPathsAreItsFiles() {
        assertThat(DashboardHandler.resourceOf("/", UPLOT)).contains("dashboard/index.html");
        assertThat(DashboardHandler.resourceOf("/dashboard/dashboard.js", UPLOT))
                .contains("dashboard/dashboard.js");
        assertThat(DashboardHandler.resourceOf("/dashboard/vendor/uplot/uPlot.min.css", UPLOT))
                .contains(UPLOT + "uPlot.min.css");
    }

    @Test
    void noPathLeavesTheDashboardsFolders() {
        assertThat(DashboardHandler.resourceOf("/dashboard/../io/wharf/edge/admin/openapi.json", UPLOT))
                .isEmpty();
        assertThat(DashboardHandler.resourceOf("/dashboard/vendor/uplot/../../LICENSE", UPLOT))
                .isEmpty();
        assertThat(DashboardHandler.resourceOf("/dashboard//etc/passwd", UPLOT)).isEmpty();
        assertThat(DashboardHandler.resourceOf("/dashboard/..\\x", UPLOT)).isEmpty();
    }

    @Test
    void thePolicyAllowsOnlyTheEdgesOwnScriptsAndStyles() {
        assertThat(DashboardHandler.CONTENT_SECURITY_POLICY)
                .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }
}
