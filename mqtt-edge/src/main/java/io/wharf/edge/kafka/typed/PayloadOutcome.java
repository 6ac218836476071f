package io.wharf.edge.kafka.typed;

import io.wharf.schemas.mapping.PayloadRule;

/** Where a message's payload goes, once checked against its rule's schema. */
public sealed interface PayloadOutcome {

    /** Valid: the record's value, in the wire format. */
    record Typed(byte[] value) implements PayloadOutcome {}

    /** Invalid, and the rule says what then; {@code why} says what does not fit. */
    record Invalid(PayloadRule.Invalid action, String why) implements PayloadOutcome {}

    /**
     * The decision: a payload that fits is framed with the schema's id; one that does not is
     * refused, sent to the dead letters or passed as it came, as the rule says.
     */
    static PayloadOutcome check(PayloadSchema schema, PayloadRule.Invalid whenInvalid, byte[] payload) {
        try {
            return new Typed(WireFormat.frame(schema.schemaId(), schema.encode(payload)));
        } catch (InvalidPayloadException e) {
            return new Invalid(whenInvalid, e.getMessage());
        }
    }
}
