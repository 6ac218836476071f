package io.wharf.launcher.auth;

import io.wharf.edge.kafka.auth.AuthTopicClient;
import io.wharf.edge.kafka.auth.AuthTopicException;
import io.wharf.launcher.ConfigException;
import io.wharf.launcher.EdgeClusterOptions;
import io.wharf.schemas.WharfTopics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the {@code wharf user} and {@code wharf acl} subcommands share: the Kafka connection, the
 * exit codes, and how a failure is told.
 */
abstract class AuthTopicCommand implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final String EXIT_CODES =
            "Exit codes: 0 done; 1 Kafka could not be reached or refused, or there was nothing to remove; 2 wrong"
                    + " options.";

    /** A refusal of the command's arguments, told with exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Nothing to do: told with exit code 1. */
    static final class NothingException extends RuntimeException {
        NothingException(String message) {
            super(message);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Mixin
    EdgeClusterOptions options;

    AuthTopicCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try {
            check();
            try (AuthTopicClient client = connect(options.resolve(environment))) {
                run(client, out);
            }
            out.flush();
            return EXIT_OK;
        } catch (UsageException e) {
            return fail(EXIT_USAGE, e.getMessage());
        } catch (NothingException e) {
            return fail(EXIT_FAILED, e.getMessage());
        } catch (AuthTopicException | ConfigException e) {
            return fail(EXIT_FAILED, e.getMessage());
        }
    }

    /** Checks the arguments before Kafka is asked; throws {@link UsageException}. */
    void check() {}

    abstract void run(AuthTopicClient client, PrintWriter out) throws Exception;

    private int fail(int exit, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("wharf " + spec.parent().name() + " " + spec.name() + ": " + message);
        err.flush();
        return exit;
    }

    /** @throws io.wharf.edge.kafka.auth.AuthTopicException if Kafka cannot be reached */
    private static AuthTopicClient connect(EdgeClusterOptions.Cluster cluster) {
        return AuthTopicClient.connect(
                cluster.kafka(),
                new HashMap<>(cluster.kafkaProperties()),
                new WharfTopics(cluster.topicPrefix()).auth(),
                TIMEOUT);
    }
}
