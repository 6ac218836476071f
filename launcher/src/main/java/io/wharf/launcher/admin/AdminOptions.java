package io.wharf.launcher.admin;

import java.net.URI;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every operator command shares: which edge to ask, and how to print. */
final class AdminOptions {

    static final String ENVIRONMENT_VARIABLE = "WHARF_ADMIN";
    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    @Option(
            names = "--admin",
            paramLabel = "<url>",
            description = "HTTP address of any edge (default: env " + ENVIRONMENT_VARIABLE + ", else " + DEFAULT_URL
                    + "); it answers for the whole cluster")
    String admin;

    @Option(names = "--json", description = "print the API's JSON answer, for scripts, instead of a table")
    boolean json;

    @Option(
            names = "--token",
            paramLabel = "<token>",
            description = "the admin token (default: env " + AdminLogin.TOKEN_VARIABLE
                    + "; the environment keeps it out of the process list)")
    String token;

    @Option(
            names = "--user",
            paramLabel = "<user>",
            description = "a password-file user in group admin, instead of a token; the password is read from"
                    + " standard input, or asked for on a terminal")
    String user;

    /**
     * The edge to ask: the flag, else the environment, else the default.
     *
     * @throws IllegalArgumentException when it is no http(s) URL
     */
    URI base(Map<String, String> environment) {
        String text = admin != null ? admin : environment.getOrDefault(ENVIRONMENT_VARIABLE, DEFAULT_URL);
        URI uri;
        try {
            uri = URI.create(text.endsWith("/") ? text : text + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--admin " + text + " is no URL; use for example " + DEFAULT_URL);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--admin " + text + " is no http URL; use for example " + DEFAULT_URL);
        }
        return uri;
    }
}
