package io.wharf.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made for one test run with {@code openssl} (never committed keys): a CA, server
 * certificates for 127.0.0.1 it signed, client certificates it signed, and a CA nobody trusts.
 */
public final class TestCertificates {

    private final Path dir;

    public TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** A self-signed CA: {@code name.pem} and {@code name-key.pem}. */
    public Path ca(String name) {
        Path cert = dir.resolve(name + ".pem");
        openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=" + name,
                "-keyout",
                key(name).toString(),
                "-out",
                cert.toString());
        return cert;
    }

    /** The server's certificate for 127.0.0.1 and localhost, signed by {@code ca}, its key in PKCS#1. */
    public Path server(String name, String ca) {
        return signed(name, ca, "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost", true);
    }

    /** As {@link #server}, its key in PKCS#8. */
    public Path serverWithPkcs8Key(String name, String ca) {
        return signed(name, ca, "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost", false);
    }

    /** A client certificate with the given subject CN and a DNS SAN, signed by {@code ca}. */
    public Path client(String name, String ca, String commonName, String san) {
        return signed(name, ca, "/O=Wharf tests/CN=" + commonName, "subjectAltName=DNS:" + san, false);
    }

    public Path key(String name) {
        return dir.resolve(name + "-key.pem");
    }

    public Path cert(String name) {
        return dir.resolve(name + ".pem");
    }

    private Path signed(String name, String ca, String subject, String extension, boolean pkcs1) {
        Path cert = cert(name);
        Path request = dir.resolve(name + ".csr");
        Path extensions = dir.resolve(name + ".ext");
        write(extensions, extension + "\n");
        if (pkcs1) {
            openssl("genrsa", "-traditional", "-out", key(name).toString(), "2048");
        } else {
            openssl(
                    "genpkey",
                    "-algorithm",
                    "RSA",
                    "-pkeyopt",
                    "rsa_keygen_bits:2048",
                    "-out",
                    key(name).toString());
        }
        openssl("req", "-new", "-key", key(name).toString(), "-subj", subject, "-out", request.toString());
        openssl(
                "x509",
                "-req",
                "-in",
                request.toString(),
                "-CA",
                cert(ca).toString(),
                "-CAkey",
                key(ca).toString(),
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                extensions.toString(),
                "-out",
                cert.toString());
        return cert;
    }

    /** A client TLS context that trusts only {@code ca}. */
    public SSLContext trusting(String ca) {
        try (InputStream in = Files.newInputStream(cert(ca))) {
            X509Certificate certificate =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry(ca, certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
