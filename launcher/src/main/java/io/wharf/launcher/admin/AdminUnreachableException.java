package io.wharf.launcher.admin;

import java.net.URI;

/** The edge whose admin API a command asks could not be reached: says where it looked and what to do. */
final class AdminUnreachableException extends RuntimeException {

    AdminUnreachableException(URI base, String why) {
        super("cannot reach the admin API at " + base + ": " + why + ". Give the HTTP address of a running edge"
                + " with --admin http://HOST:PORT or the environment variable " + AdminOptions.ENVIRONMENT_VARIABLE
                + " (an edge serves it on its --http-port, 8080 by default).");
    }
}
