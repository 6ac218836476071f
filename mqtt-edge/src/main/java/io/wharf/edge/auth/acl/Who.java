package io.wharf.edge.auth.acl;

import io.wharf.edge.auth.ClientPrincipal;
import java.util.Objects;

/**
 * Whom a rule is for.
 *
 * @param name the user name, client id, group or certificate identity; empty for {@link Kind#ANYONE}
 *     and {@link Kind#ANONYMOUS}
 */
public record Who(Kind kind, String name) {

    public static final Who ANYONE = new Who(Kind.ANYONE, "");
    public static final Who ANONYMOUS = new Who(Kind.ANONYMOUS, "");

    public enum Kind {
        /** Every client. */
        ANYONE,
        /** Clients without a user name (Mosquitto's rules before any {@code user} line). */
        ANONYMOUS,
        USER,
        CLIENT,
        GROUP,
        CERTIFICATE
    }

    public Who {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static Who user(String name) {
        return new Who(Kind.USER, name);
    }

    public static Who client(String id) {
        return new Who(Kind.CLIENT, id);
    }

    public static Who group(String name) {
        return new Who(Kind.GROUP, name);
    }

    public static Who certificate(String identity) {
        return new Who(Kind.CERTIFICATE, identity);
    }

    /** Whether the rule applies to this client. */
    public boolean matches(ClientPrincipal principal) {
        return switch (kind) {
            case ANYONE -> true;
            case ANONYMOUS -> principal.userName().isEmpty();
            case USER -> principal.userName().filter(name::equals).isPresent();
            case CLIENT -> principal.clientId().equals(name);
            case GROUP -> principal.groups().contains(name);
            case CERTIFICATE ->
                principal.certificateIdentity().filter(name::equals).isPresent();
        };
    }
}
