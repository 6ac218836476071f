package io.wharf.schemas.auth;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A record of {@code mqtt.auth}, the users and access rules every edge of a cluster shares. The
 * topic is compacted: the key says what the record is about ({@link AuthKeys}), a tombstone removes
 * it. The {@code type} field tells which kind a value is; readers skip kinds they do not know.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = UnknownAuthEntry.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = AuthUser.class, name = "user"),
    @JsonSubTypes.Type(value = AuthRule.class, name = "rule"),
    @JsonSubTypes.Type(value = AuthSeeded.class, name = "seeded")
})
public sealed interface AuthEntry permits AuthUser, AuthRule, AuthSeeded, UnknownAuthEntry {

    /** Format version of the record; new fields are optional, so readers accept any version. */
    int v();
}
