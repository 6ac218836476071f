package io.wharf.launcher;

import io.wharf.launcher.admin.AdminCommands;
import io.wharf.launcher.auth.AclCommand;
import io.wharf.launcher.auth.UserCommand;
import io.wharf.launcher.passwd.PasswdCommand;
import io.wharf.launcher.passwd.PasswordSource;
import io.wharf.launcher.replay.ReplayCommand;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code wharf} command line. Its options are built from {@link Setting}, so the flags, the
 * environment variables, the YAML keys and the help text cannot drift apart.
 */
final class WharfCommand {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    private static final String HELP_HINT = "Run 'wharf --help' to see every option.";

    private final Map<String, String> environment;

    WharfCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    CommandLine commandLine() {
        CommandSpec spec = CommandSpec.create()
                .name("wharf")
                .mixinStandardHelpOptions(true)
                .version("Wharf " + version());
        spec.usageMessage()
                .description(
                        "Starts Wharf: an MQTT broker whose messages live in Kafka.",
                        "With no --kafka it runs its own single-node Kafka broker, so one command gives a working broker.")
                .footer(
                        "",
                        "Each option can also be set with its environment variable, or in the --config YAML file under"
                                + " its name without the leading dashes (for example 'mqtt-port: 1883'). A flag wins over the"
                                + " environment, which wins over the file.");
        for (Setting setting : Setting.values()) {
            spec.addOption(OptionSpec.builder(setting.flag())
                    .paramLabel("<" + setting.key() + ">")
                    .type(String.class)
                    .description(helpText(setting))
                    .build());
        }
        CommandLine commandLine = new CommandLine(spec);
        commandLine.setExecutionStrategy(this::execute);
        commandLine.setParameterExceptionHandler(WharfCommand::reportWrongUsage);
        commandLine.addSubcommand(new ReplayCommand(environment));
        AdminCommands.addTo(commandLine, environment);
        commandLine.addSubcommand(new PasswdCommand());
        commandLine.addSubcommand(UserCommand.commandLine(environment, PasswordSource.standard()));
        commandLine.addSubcommand(AclCommand.commandLine(environment));
        return commandLine;
    }

    private int execute(ParseResult parseResult) {
        if (parseResult.subcommand() != null) {
            return new CommandLine.RunLast().execute(parseResult);
        }
        Integer helpExit = CommandLine.executeHelpRequest(parseResult);
        if (helpExit != null) {
            return helpExit;
        }
        CommandLine commandLine = parseResult.commandSpec().commandLine();
        PrintWriter err = commandLine.getErr();
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            if (parseResult.hasMatchedOption(setting.flag())) {
                flags.put(setting, parseResult.matchedOptionValue(setting.flag(), ""));
            }
        }
        WharfConfig config;
        try {
            config = ConfigResolver.resolve(flags, environment);
        } catch (ConfigException e) {
            for (String problem : e.problems()) {
                err.println("wharf: " + problem);
            }
            err.println(HELP_HINT);
            err.flush();
            return EXIT_USAGE;
        }
        return run(config, commandLine.getOut(), err);
    }

    private static int reportWrongUsage(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("wharf: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println(HELP_HINT);
        err.flush();
        return EXIT_USAGE;
    }

    private static int run(WharfConfig config, PrintWriter out, PrintWriter err) {
        // Logging starts only now, so that its files go under the configured data directory.
        System.setProperty("wharf.log.dir", config.logDir().toAbsolutePath().toString());
        config.logFormat().select();
        Wharf wharf;
        try {
            wharf = Wharf.start(config);
        } catch (RuntimeException e) {
            Optional<String> refused =
                    KafkaStartFailure.explain(e, config.kafka().orElse("the embedded broker"));
            err.println("wharf: could not start: " + refused.orElse(e.getMessage()));
            if (refused.isEmpty() && !config.kafkaProperties().isEmpty()) {
                // Wrong security settings look like an unreachable cluster from the client's side.
                err.println("wharf: the Kafka clients use " + KafkaClientProperties.KEY + " "
                        + KafkaClientProperties.describe(config.kafkaProperties())
                        + ": check that they match the cluster's listener (security.protocol, sasl.*, ssl.*)");
            }
            err.flush();
            return EXIT_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            wharf.close();
                            stopped.countDown();
                        },
                        "wharf-shutdown"));
        // An operator's drain ends the process, as SIGTERM does; the shutdown hook stops the rest.
        wharf.onDrained(() -> new Thread(() -> System.exit(EXIT_OK), "wharf-drained").start());
        out.println(wharf.describe());
        config.authentication().warning().ifPresent(out::println);
        out.println("Press Ctrl-C to stop.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EXIT_OK;
    }

    private static String helpText(Setting setting) {
        StringBuilder text = new StringBuilder(setting.description());
        text.append(" (");
        if (setting.defaultValue() != null) {
            text.append("default ").append(setting.defaultValue()).append("; ");
        }
        text.append("env ").append(setting.environmentVariable()).append(")");
        return text.toString();
    }

    private static String version() {
        String version = WharfCommand.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
