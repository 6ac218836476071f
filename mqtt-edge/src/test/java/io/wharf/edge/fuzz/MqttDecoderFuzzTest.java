package io.wharf.edge.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wharf.edge.protocol.ProtocolSettings;
import java.time.Duration;
import java.util.Arrays;

/**
 * Any bytes, as one client's stream, into the edge's whole pipeline (decoder and protocol handlers,
 * with the PROXY protocol decoder in front when asked): no exception escapes, no buffer is left
 * unreleased, and the connection ends closed or answering.
 *
 * <p>An input's first byte shapes the stream: bit 0 puts a PROXY protocol listener in front, the
 * other seven give the size of the pieces the rest arrives in (0: all at once). Kept inputs are
 * that byte followed by the bytes of real MQTT packets.
 */
class MqttDecoderFuzzTest {

    private static final ProtocolSettings SETTINGS = ProtocolSettings.builder().build();
    private static final Duration PAST_CONNECT_TIMEOUT =
            SETTINGS.connectTimeout().plusSeconds(1);
    /** One and a half of the longest keep-alive a client can ask for (65,535 s), and a second. */
    private static final Duration PAST_ANY_KEEP_ALIVE = Duration.ofSeconds(65_535 * 3 / 2 + 1);

    private static final byte[] PINGREQ = {(byte) 0xC0, 0x00};

    @FuzzTest(maxDuration = "10m")
    void anyBytes(byte[] input) {
        boolean proxyProtocol = input.length > 0 && (input[0] & 1) != 0;
        int pieceSize = input.length > 0 ? (input[0] & 0xFF) >>> 1 : 0;
        byte[] stream = input.length > 0 ? Arrays.copyOfRange(input, 1, input.length) : input;

        EdgeConnection connection = new EdgeConnection(InMemoryEdge.services(SETTINGS), proxyProtocol);
        int step = pieceSize == 0 ? Math.max(1, stream.length) : pieceSize;
        for (int from = 0; from < stream.length && connection.isOpen(); from += step) {
            connection.receive(Arrays.copyOfRange(stream, from, Math.min(stream.length, from + step)));
        }
        boolean answeredBefore = connection.answered();
        if (connection.isOpen()) {
            connection.receive(PINGREQ);
            boolean answeredProbe = connection.answered();
            connection.advance(PAST_CONNECT_TIMEOUT);
            connection.advance(PAST_ANY_KEEP_ALIVE);
            connection.answered();
            if (connection.isOpen() && !answeredProbe && !answeredBefore) {
                // A connected client without keep-alive may be halfway through a packet; anyone else
                // has had CONNACK or been closed by now.
                throw new AssertionError("the connection is open, silent, and was never answered");
            }
        }
        connection.end();
    }
}
