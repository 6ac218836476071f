package io.wharf.launcher.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wharf clients FILTER}: connected clients and kept sessions, on every edge. */
@Command(
        name = "clients",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Finds clients on every edge of the cluster, and the sessions kept for disconnected ones: which edge holds"
                    + " each, its address, user and protocol, and since when."
        },
        footer = {
            "",
            "Examples:",
            "  wharf clients               every client",
            "  wharf clients sensor-       client ids starting with sensor-",
            "  wharf clients user:alice    clients of the user alice",
            "  wharf clients address:10.1. clients from addresses starting with 10.1.",
            "",
            AdminCommand.EXIT_CODES
        })
public final class ClientsCommand extends AdminCommand {

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "FILTER",
            description = "a client id prefix, user:NAME or address:PREFIX (default: every client)")
    private String filter = "";

    @Option(names = "--limit", paramLabel = "<n>", description = "at most this many clients, 1 to 1000 (default 100)")
    private Integer limit;

    public ClientsCommand(Map<String, String> environment) {
        super(environment);
    }

    @Override
    AdminApi.Answer ask(AdminApi api) {
        String path = "api/clients?filter=" + AdminApi.encode(filter);
        return api.send("GET", limit == null ? path : path + "&limit=" + limit);
    }

    @Override
    void print(JsonNode body, PrintWriter out, PrintWriter err) {
        Table table = new Table("CLIENT", "EDGE", "CONNECTED", "ADDRESS", "USER", "MQTT", "SINCE");
        for (JsonNode client : body.path("items")) {
            table.row(
                    text(client, "clientId"),
                    text(client, "edge"),
                    client.path("connected").asBoolean() ? "yes" : "no (session kept)",
                    text(client, "address"),
                    text(client, "user"),
                    text(client, "protocol"),
                    text(client, "since"));
        }
        if (table.size() == 0) {
            out.println("no client matches" + (filter.isEmpty() ? "" : " '" + filter + "'"));
        } else {
            table.print(out);
        }
        if (body.path("truncated").asBoolean()) {
            err.println("more clients match: narrow the filter or raise --limit");
        }
        warnUnanswered(body, err);
    }
}
