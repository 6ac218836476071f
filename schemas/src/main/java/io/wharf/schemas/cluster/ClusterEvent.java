package io.wharf.schemas.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A record of {@code mqtt.cluster}, keyed by edge id. The {@code type} field tells which kind it
 * is; readers skip kinds they do not know.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = UnknownClusterEvent.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = EdgeHeartbeat.class, name = "heartbeat"),
    @JsonSubTypes.Type(value = EdgeDown.class, name = "edge-down")
})
public sealed interface ClusterEvent permits EdgeHeartbeat, EdgeDown, UnknownClusterEvent {

    /** Format version of the record; new fields are optional, so readers accept any version. */
    int v();
}
