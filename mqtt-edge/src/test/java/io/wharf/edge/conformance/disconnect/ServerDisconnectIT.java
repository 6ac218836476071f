package io.wharf.edge.conformance.disconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.edge.conformance.EdgePerClass;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import io.wharf.edge.protocol.ProtocolSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When the edge ends a connection it tells the client why (CONNACK before a session, DISCONNECT in
 * MQTT 5), and the client can read that answer even while it is still sending: the edge ends the
 * stream in order instead of resetting it over the client's unread packets (a reset makes the
 * client's kernel drop what it has not read yet, or fail the client's next write).
 */
@Timeout(60)
class ServerDisconnectIT extends EdgePerClass {

    private static final int RECEIVE_MAXIMUM = 2;

    @Override
    protected ProtocolSettings settings() {
        return ProtocolSettings.builder().receiveMaximum(RECEIVE_MAXIMUM).build();
    }

    /** Paho's interoperability test {@code test_flow_control2}: Receive Maximum exceeded, 0x93. */
    @Test
    void aClientStillSendingAfterExceedingTheReceiveMaximumReadsDisconnect0x93ThenTheEndOfTheStream() {
        try (RawMqttClient client = RawMqttClient.connected5(port(), "still-sending-0x93", Wire.of())) {
            client.send(overReceiveMaximum("flow/still-sending"));
            keepSendingAWhile(client, "flow/still-sending");

            List<Packet> answers = client.readUntilEndOfStream();

            assertThat(answers).last().satisfies(packet -> {
                assertThat(packet.type()).isEqualTo(Packet.DISCONNECT);
                assertThat(packet.reasonCode()).isEqualTo(0x93);
            });
        }
    }

    @Test
    void aClientStillSendingAfterARefusedConnectReadsTheConnackThenTheEndOfTheStream() {
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            String tooLong = "x".repeat(settings().maxClientIdLength() + 1);
            client.send(Wire.connect5(tooLong, 0, Wire.of()));
            keepSendingAWhile(client, "refused/still-sending");

            List<Packet> answers = client.readUntilEndOfStream();

            assertThat(answers).singleElement().satisfies(packet -> {
                assertThat(packet.type()).isEqualTo(Packet.CONNACK);
                assertThat(packet.reasonCode()).isEqualTo(0x85);
            });
        }
    }

    /** The edge discards what a disconnected client still sends only for a while, then closes anyway. */
    @Test
    void aClientThatNeverStopsSendingAfterItsDisconnectIsClosedAnyway() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            OutputStream out = socket.getOutputStream();
            out.write(Wire.connect5("never-stops-sending", 0, Wire.of()));
            out.write(overReceiveMaximum("flow/never-stops"));
            out.flush();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> keepSending(out));

            assertThatThrownBy(() -> writer.get(30, TimeUnit.SECONDS))
                    .as("the client's writes fail once the edge has closed the connection")
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(UncheckedIOException.class);
        }
    }

    /** One QoS 2 PUBLISH more than the Receive Maximum, none of them released. */
    private static byte[] overReceiveMaximum(String topic) {
        byte[][] publishes = new byte[RECEIVE_MAXIMUM + 1][];
        for (int id = 1; id <= RECEIVE_MAXIMUM + 1; id++) {
            publishes[id - 1] = Wire.publish5(topic, 2, id, Wire.of(), ("m" + id).getBytes());
        }
        return concat(publishes);
    }

    /**
     * What a client may still send before it reads the edge's answer: 16 MB of PUBLISHes, 16 kB at
     * a time. That is more than the socket buffers hold, so it reaches the edge after the edge has
     * decided to end the connection.
     */
    private static void keepSendingAWhile(RawMqttClient client, String topic) {
        byte[][] publishes = new byte[16][];
        for (int i = 0; i < publishes.length; i++) {
            publishes[i] = Wire.publish5(topic, 0, 0, Wire.of(), new byte[1024]);
        }
        for (int i = 0; i < 1024; i++) {
            client.send(publishes);
        }
    }

    private static void keepSending(OutputStream out) {
        byte[] publish = Wire.publish5("flow/never-stops", 0, 0, Wire.of(), new byte[1024]);
        try {
            while (true) {
                out.write(publish);
                out.flush();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // a steady sender, not a flood
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
