package io.wharf.edge.kafka.typed;

/**
 * One mapping rule's schema: turns a device's JSON payload into the body a typed record carries,
 * and that body back into JSON for MQTT subscribers.
 */
public interface PayloadSchema {

    /** The id the wire format carries: the registry's, or one derived from the schema file. */
    int schemaId();

    /** @throws InvalidPayloadException when the payload is not JSON, or does not fit the schema */
    byte[] encode(byte[] json) throws InvalidPayloadException;

    /** @throws InvalidPayloadException when the body cannot be read under the schema */
    byte[] decode(byte[] body) throws InvalidPayloadException;
}
