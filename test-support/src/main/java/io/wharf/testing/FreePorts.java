package io.wharf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for a test's servers, which tests only ever reach on 127.0.0.1. */
public final class FreePorts {

    private FreePorts() {}

    /**
     * A port free on 127.0.0.1 right now; another process may take it before the caller binds it, so
     * a server started on it must confirm it serves there.
     */
    public static int onLoopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
