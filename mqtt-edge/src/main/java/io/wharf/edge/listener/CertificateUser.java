package io.wharf.edge.listener;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** The MQTT user name a client certificate stands for: its subject's CN, or its first DNS or e-mail SAN. */
final class CertificateUser {

    private static final int SAN_EMAIL = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    private CertificateUser() {}

    static Optional<String> of(X509Certificate certificate, UsernameFrom from) {
        return switch (from) {
            case NONE -> Optional.empty();
            case CN -> commonName(certificate.getSubjectX500Principal().getName());
            case SAN -> firstSan(certificate);
        };
    }

    /** The last CN of an RFC 2253 name (the most specific one), if it has one. */
    static Optional<String> commonName(String distinguishedName) {
        try {
            List<Rdn> rdns = new LdapName(distinguishedName).getRdns(); // most significant first
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdns.get(i).getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            // no CN to take
        }
        return Optional.empty();
    }

    private static Optional<String> firstSan(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return Optional.empty();
            }
            for (List<?> name : names) {
                int type = (Integer) name.get(0);
                if (type == SAN_DNS || type == SAN_EMAIL || type == SAN_URI) {
                    return Optional.of(name.get(1).toString());
                }
            }
        } catch (CertificateParsingException e) {
            // no SAN to take
        }
        return Optional.empty();
    }
}
