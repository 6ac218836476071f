package io.wharf.edge.listener;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The PEM files and client certificate rules of a TLS listener.
 *
 * @param certificate the server's certificate chain, leaf first
 * @param key the server's private key, PKCS#8 or PKCS#1
 * @param clientAuth whether clients are asked for a certificate
 * @param clientCa the CA bundle client certificates are checked against; present unless
 *     {@code clientAuth} is {@link ClientAuth#NONE}
 * @param usernameFrom which part of a client certificate becomes the MQTT user name
 */
public record TlsFiles(
        Path certificate, Path key, ClientAuth clientAuth, Optional<Path> clientCa, UsernameFrom usernameFrom) {

    public TlsFiles {
        if (clientAuth != ClientAuth.NONE && clientCa.isEmpty()) {
            throw new IllegalArgumentException("client-auth " + clientAuth.key() + " needs a client-ca");
        }
    }

    /** A listener that asks for no client certificate. */
    public static TlsFiles serverOnly(Path certificate, Path key) {
        return new TlsFiles(certificate, key, ClientAuth.NONE, Optional.empty(), UsernameFrom.NONE);
    }
}
