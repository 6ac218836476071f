package io.wharf.edge.auth.acl;

/** An ACL file that cannot be read or holds a line that is no rule; the message names the line. */
public final class AclFileException extends RuntimeException {

    AclFileException(String message) {
        super(message);
    }

    AclFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
