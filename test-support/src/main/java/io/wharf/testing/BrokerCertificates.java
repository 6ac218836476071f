package io.wharf.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
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
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * A certificate authority made up by a test, and the PEM files a TLS broker and its clients need:
 * the CA certificate (the clients' truststore) and a server key with its certificate for
 * 127.0.0.1 (the broker's keystore). Made fresh in every run, never kept in the repository.
 */
public final class BrokerCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path caCertificate;
    private final Path serverKeyAndChain;

    private BrokerCertificates(Path caCertificate, Path serverKeyAndChain) {
        this.caCertificate = caCertificate;
        this.serverKeyAndChain = serverKeyAndChain;
    }

    /** A new CA named {@code name}, and a certificate for 127.0.0.1 that it signed, in a new directory. */
    public static BrokerCertificates generate(String name) {
        Path dir = TestDirectories.newDirectory("certificates-" + name);
        try {
            KeyPair caKeys = newKeyPair();
            X500Name caName = new X500Name("CN=" + name + " test CA");
            X509Certificate ca = sign(
                    new JcaX509v3CertificateBuilder(
                                    caName, serial(), notBefore(), notAfter(), caName, caKeys.getPublic())
                            .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                            .addExtension(
                                    Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                    caKeys.getPrivate());
            KeyPair serverKeys = newKeyPair();
            X509Certificate server = sign(
                    new JcaX509v3CertificateBuilder(
                                    caName,
                                    serial(),
                                    notBefore(),
                                    notAfter(),
                                    new X500Name("CN=127.0.0.1"),
                                    serverKeys.getPublic())
                            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                            .addExtension(
                                    Extension.subjectAlternativeName,
                                    false,
                                    new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1"))),
                    caKeys.getPrivate());
            Path caFile = dir.resolve("ca.pem");
            Files.writeString(caFile, pem(ca));
            Path serverFile = dir.resolve("server.pem");
            Files.writeString(
                    serverFile, pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null)) + pem(server) + pem(ca));
            return new BrokerCertificates(caFile, serverFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write test certificates to " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot make test certificates", e);
        }
    }

    /** The CA's certificate in PEM: what a client trusts. */
    public Path caCertificate() {
        return caCertificate;
    }

    /** The server's unencrypted PKCS#8 key, its certificate and the CA's, in one PEM file (a PEM keystore). */
    public Path serverKeyAndChain() {
        return serverKeyAndChain;
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static String pem(PemObjectGenerator object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static String pem(X509Certificate object) throws IOException {
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
}
