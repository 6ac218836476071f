package io.wharf.edge.netty;

/** A server could not listen on its port; the message names the port and the option to change. */
public final class PortInUseException extends RuntimeException {

    public PortInUseException(String what, String host, int port, Throwable cause) {
        super(
                "Cannot listen for "
                        + what
                        + " on "
                        + host
                        + ":"
                        + port
                        + " ("
                        + cause.getMessage()
                        + "). Is another broker running there? Stop it, or choose another port.",
                cause);
    }
}
