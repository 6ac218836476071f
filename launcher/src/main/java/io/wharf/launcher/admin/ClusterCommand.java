package io.wharf.launcher.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code wharf cluster}: the live edges and their state. */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Lists the live edges of the cluster: state (serving, draining, or unreachable), connected clients, addresses,"
                    + " uptime and version. Any edge answers for all."
        },
        footer = {
            "",
            "Examples:",
            "  wharf cluster",
            "  wharf cluster --admin http://edge-2:8080 --json",
            "",
            AdminCommand.EXIT_CODES
        })
public final class ClusterCommand extends AdminCommand {

    public ClusterCommand(Map<String, String> environment) {
        super(environment);
    }

    @Override
    AdminApi.Answer ask(AdminApi api) {
        return api.send("GET", "api/edges");
    }

    @Override
    void print(JsonNode body, PrintWriter out, PrintWriter err) {
        Table table = new Table(
                "EDGE", "STATE", "CLIENTS", "IN/S", "OUT/S", "KAFKA LAG", "MQTT", "HTTP", "UPTIME", "VERSION");
        for (JsonNode edge : body.path("items")) {
            table.row(
                    text(edge, "id"),
                    text(edge, "state"),
                    text(edge, "connections"),
                    rate(edge, "messagesReceivedPerSecond"),
                    rate(edge, "messagesDeliveredPerSecond"),
                    text(edge, "kafkaLag"),
                    text(edge, "mqttAddress"),
                    text(edge, "httpAddress"),
                    uptime(edge.path("uptimeSeconds").asLong()),
                    text(edge, "version"));
        }
        table.print(out);
        warnUnanswered(body, err);
    }

    private static String rate(JsonNode edge, String field) {
        JsonNode rate = edge.path(field);
        return rate.isNumber() ? String.format(Locale.ROOT, "%.1f", rate.asDouble()) : "-";
    }

    static String uptime(long seconds) {
        Duration uptime = Duration.ofSeconds(seconds);
        if (uptime.toDays() > 0) {
            return uptime.toDays() + "d" + uptime.toHoursPart() + "h";
        }
        if (uptime.toHours() > 0) {
            return uptime.toHours() + "h" + uptime.toMinutesPart() + "m";
        }
        return uptime.toMinutes() > 0 ? uptime.toMinutes() + "m" + uptime.toSecondsPart() + "s" : seconds + "s";
    }
}
