package io.wharf.edge.protocol;

import io.wharf.schemas.topic.TopicFilter;

/**
 * Whether a client may subscribe to a filter, asked besides the access rules: whoever embeds the
 * edge can pass its own. A refused subscription gets SUBACK 0x80 (MQTT 3.1.1) or 0x87 Not
 * authorized (MQTT 5). The {@code wharf} command's {@code --deny-subscribe} is an access rule now
 * ({@link io.wharf.edge.auth.acl.AccessRules#denyingSubscriptions}).
 */
@FunctionalInterface
public interface SubscribePermission {

    boolean allows(String clientId, TopicFilter filter);

    /** Allows every subscription the access rules allow. */
    SubscribePermission EVERYONE = (clientId, filter) -> true;
}
