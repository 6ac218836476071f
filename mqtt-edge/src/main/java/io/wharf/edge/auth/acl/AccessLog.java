package io.wharf.edge.auth.acl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the access rules refused, on a logger of its own; per packet or message, so at DEBUG. */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("wharf.access");

    private AccessLog() {}

    public static void refused(String clientId, Action action, String topicOrFilter) {
        LOG.debug(
                "{}: not allowed to {} {}", clientId, action.name().toLowerCase(java.util.Locale.ROOT), topicOrFilter);
    }
}
