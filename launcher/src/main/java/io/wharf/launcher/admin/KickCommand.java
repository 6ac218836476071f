package io.wharf.launcher.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wharf kick CLIENT}: disconnects a client wherever it is connected. */
@Command(
        name = "kick",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Disconnects a client, whichever edge it is connected to. An MQTT 5 client is told why (DISCONNECT 0x98,"
                    + " administrative action). Its session is kept: the client may connect again."
        },
        footer = {"", "Example:", "  wharf kick sensor-17", "", AdminCommand.EXIT_CODES})
public final class KickCommand extends AdminCommand {

    @Parameters(index = "0", paramLabel = "CLIENT", description = "the client id")
    private String clientId;

    public KickCommand(Map<String, String> environment) {
        super(environment);
    }

    @Override
    AdminApi.Answer ask(AdminApi api) {
        return api.send("DELETE", "api/clients/" + AdminApi.encode(clientId));
    }

    @Override
    void print(JsonNode body, PrintWriter out, PrintWriter err) {
        out.println("kicked " + clientId + " from edge " + text(body, "edge"));
    }
}
