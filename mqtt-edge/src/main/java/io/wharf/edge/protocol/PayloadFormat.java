package io.wharf.edge.protocol;

import io.wharf.schemas.message.ApplicationMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** MQTT 5 Payload Format Indicator 1 promises UTF-8 text; the edge checks the promise. */
final class PayloadFormat {

    private PayloadFormat() {}

    static boolean isInvalidUtf8(ApplicationMessage message) {
        Integer format = message.properties().payloadFormat();
        if (format == null || format != 1) {
            return false;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(message.payload()));
            return false;
        } catch (CharacterCodingException e) {
            return true;
        }
    }
}
