package io.wharf.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made for one test run (never committed keys), as PEM files in one directory: CAs,
 * server certificates for 127.0.0.1 and localhost they signed, client certificates they signed,
 * and a CA nobody trusts. {@code name.pem} is a certificate, {@code name-key.pem} its key.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final Map<String, Authority> authorities = new HashMap<>();

    private record Authority(KeyPair keys, X500Name name, X509Certificate certificate) {}

    public TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Certificates in a new directory of their own. */
    public static TestCertificates inNewDirectory(String name) {
        return new TestCertificates(TestDirectories.newDirectory("certificates-" + name));
    }

    /** A self-signed CA: {@code name.pem} and {@code name-key.pem}. */
    public Path ca(String name) {
        try {
            KeyPair keys = newKeyPair();
            X500Name subject = new X500Name("CN=" + name);
            X509Certificate certificate = sign(
                    new JcaX509v3CertificateBuilder(
                                    subject, serial(), notBefore(), notAfter(), subject, keys.getPublic())
                            .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                            .addExtension(
                                    Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                    keys);
            authorities.put(name, new Authority(keys, subject, certificate));
            write(key(name), pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
            write(cert(name), pem(certificate));
            return cert(name);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot make the test CA " + name, e);
        }
    }

    /** The server's certificate for 127.0.0.1 and localhost, signed by {@code ca}, its key in PKCS#1. */
    public Path server(String name, String ca) {
        return signed(name, ca, "CN=localhost", serverNames(), true);
    }

    /** As {@link #server}, its key in PKCS#8. */
    public Path serverWithPkcs8Key(String name, String ca) {
        return signed(name, ca, "CN=localhost", serverNames(), false);
    }

    /**
     * As {@link #serverWithPkcs8Key}, and one file holding the key, the certificate and the CA's:
     * a PEM keystore as Kafka reads one ({@code name-chain.pem}).
     */
    public Path serverKeyAndChain(String name, String ca) {
        serverWithPkcs8Key(name, ca);
        Path chain = dir.resolve(name + "-chain.pem");
        try {
            write(chain, Files.readString(key(name)) + Files.readString(cert(name)) + Files.readString(cert(ca)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return chain;
    }

    /** A client certificate with the given subject CN and a DNS SAN, signed by {@code ca}. */
    public Path client(String name, String ca, String commonName, String san) {
        return signed(
                name,
                ca,
                "O=Wharf tests,CN=" + commonName,
                new GeneralNames(new GeneralName(GeneralName.dNSName, san)),
                false);
    }

    public Path key(String name) {
        return dir.resolve(name + "-key.pem");
    }

    public Path cert(String name) {
        return dir.resolve(name + ".pem");
    }

    private static GeneralNames serverNames() {
        return new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")
        });
    }

    private Path signed(String name, String ca, String subject, GeneralNames altNames, boolean pkcs1) {
        Authority authority = authorities.get(ca);
        if (authority == null) {
            throw new IllegalArgumentException("No CA " + ca + " made by these test certificates");
        }
        try {
            KeyPair keys = newKeyPair();
            X509Certificate certificate = sign(
                    new JcaX509v3CertificateBuilder(
                                    authority.name(),
                                    serial(),
                                    notBefore(),
                                    notAfter(),
                                    new X500Name(subject),
                                    keys.getPublic())
                            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                            .addExtension(Extension.subjectAlternativeName, false, altNames),
                    authority.keys());
            // The PEM writer puts an RSA key in PKCS#1 ("RSA PRIVATE KEY"); the generator in PKCS#8.
            write(key(name), pkcs1 ? pem(keys.getPrivate()) : pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
            write(cert(name), pem(certificate));
            return cert(name);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot make the test certificate " + name, e);
        }
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
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(Duration.ofDays(2)));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
