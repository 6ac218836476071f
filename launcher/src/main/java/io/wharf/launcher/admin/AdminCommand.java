package io.wharf.launcher.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the operator commands share: which edge to ask, the exit codes, and how a failure is told.
 * With {@code --json} the API's answer goes to standard output as it is, errors included, and the
 * exit code tells success; otherwise a table or a sentence, and errors go to standard error.
 */
abstract class AdminCommand implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final String EXIT_CODES =
            "Exit codes: 0 done; 1 the edge could not be reached, or answered an error (such as 404 for an unknown"
                    + " name); 2 wrong options.";

    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    @Mixin
    AdminOptions options;

    AdminCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            URI base;
            Optional<String> authorization;
            try {
                base = options.base(environment);
                authorization = AdminLogin.authorization(
                        options.token, options.user, environment, AdminLogin::standardPassword);
            } catch (IllegalArgumentException e) {
                err.println("wharf " + spec.name() + ": " + e.getMessage());
                return EXIT_USAGE;
            } catch (IOException e) {
                err.println("wharf " + spec.name() + ": could not read the password: " + e.getMessage());
                return EXIT_USAGE;
            }
            AdminApi.Answer answer = ask(new AdminApi(base, authorization));
            if (options.json) {
                out.println(answer.body().toPrettyString());
            } else if (answer.ok()) {
                print(answer.body(), out, err);
            }
            if (!answer.ok()) {
                err.println("wharf " + spec.name() + ": " + answer.error());
                if (answer.status() == 401) {
                    err.println("Give the admin token with --token or the environment variable "
                            + AdminLogin.TOKEN_VARIABLE + ", or --user USER for a password-file user in group admin.");
                }
                return EXIT_FAILED;
            }
            return EXIT_OK;
        } catch (AdminUnreachableException e) {
            err.println("wharf " + spec.name() + ": " + e.getMessage());
            return EXIT_FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Sends this command's request. */
    abstract AdminApi.Answer ask(AdminApi api);

    /** Prints a successful answer for a person. */
    abstract void print(JsonNode body, PrintWriter out, PrintWriter err);

    /** Tells on standard error which edges did not answer, so their part is missing. */
    static void warnUnanswered(JsonNode body, PrintWriter err) {
        for (JsonNode failure : body.path("unanswered")) {
            err.println("warning: edge " + failure.path("edge").asText() + " did not answer ("
                    + failure.path("error").asText() + "); what it holds is missing");
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }
}
