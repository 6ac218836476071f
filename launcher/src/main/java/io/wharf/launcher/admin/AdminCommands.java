package io.wharf.launcher.admin;

import java.util.Map;
import picocli.CommandLine;

/** The operator commands over the admin API, as subcommands of {@code wharf}. */
public final class AdminCommands {

    private AdminCommands() {}

    public static void addTo(CommandLine wharf, Map<String, String> environment) {
        wharf.addSubcommand(new ClusterCommand(environment));
        wharf.addSubcommand(new ClientsCommand(environment));
        wharf.addSubcommand(new KickCommand(environment));
        wharf.addSubcommand(new DrainCommand(environment));
    }
}
