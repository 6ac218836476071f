package io.wharf.launcher.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wharf drain EDGE}: takes an edge out of service without losing anything. */
@Command(
        name = "drain",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Drains an edge, asked through any edge: it fails readiness (load balancers stop sending it clients),"
                    + " tells its MQTT 5 clients to use another server, stores every session, and then its process"
                    + " stops. 'wharf cluster' shows it draining until it is gone."
        },
        footer = {"", "Example:", "  wharf drain edge-2", "", AdminCommand.EXIT_CODES})
public final class DrainCommand extends AdminCommand {

    @Parameters(index = "0", paramLabel = "EDGE", description = "the edge's node id, as 'wharf cluster' lists it")
    private String edgeId;

    public DrainCommand(Map<String, String> environment) {
        super(environment);
    }

    @Override
    AdminApi.Answer ask(AdminApi api) {
        return api.send("POST", "api/edges/" + AdminApi.encode(edgeId) + "/drain");
    }

    @Override
    void print(JsonNode body, PrintWriter out, PrintWriter err) {
        out.println("edge " + edgeId + " drains: its clients move to other edges, then it stops");
    }
}
