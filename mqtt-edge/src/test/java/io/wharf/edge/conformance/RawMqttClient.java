package io.wharf.edge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A bare TCP client that sends the exact bytes a test gives it and parses what the edge answers:
 * for the cases real clients refuse to produce (malformed packets, broken flow control, unknown
 * aliases, re-sent packet ids, a socket that never sends CONNECT).
 */
public final class RawMqttClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final boolean mqtt5;
    private int lastPacketId;
    private Packet connAck;

    private RawMqttClient(Socket socket, boolean mqtt5) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.mqtt5 = mqtt5;
    }

    /** A client that reads the edge's packets as MQTT 3.1.1 ones. */
    public static RawMqttClient open(int port) {
        return open(port, false);
    }

    /** A client that reads the edge's packets as MQTT 5 ones (with properties). */
    public static RawMqttClient open5(int port) {
        return open(port, true);
    }

    private static RawMqttClient open(int port, boolean mqtt5) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            return new RawMqttClient(socket, mqtt5);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An MQTT 3.1.1 client connected with a clean session. */
    public static RawMqttClient connected311(int port, String clientId) {
        return connected311(port, clientId, true);
    }

    /** An MQTT 3.1.1 client connected with or without a clean session; {@link #connAck} tells what it got. */
    public static RawMqttClient connected311(int port, String clientId, boolean cleanSession) {
        RawMqttClient client = open(port);
        client.send(Wire.connect311(clientId, cleanSession, 0));
        client.connAck = client.expect(Packet.CONNACK);
        assertThat(client.connAck.reasonCode()).as("CONNACK return code").isZero();
        return client;
    }

    /** An MQTT 5 client connected with clean start and the given CONNECT properties. */
    public static RawMqttClient connected5(int port, String clientId, Wire properties) {
        RawMqttClient client = open5(port);
        client.send(Wire.connect5(clientId, 0, properties));
        client.connAck = client.expect(Packet.CONNACK);
        assertThat(client.connAck.reasonCode()).as("CONNACK reason code").isZero();
        return client;
    }

    /** The CONNACK a client made by {@code connected311} or {@code connected5} received. */
    public Packet connAck() {
        return connAck;
    }

    /** Writes the packets in one go. */
    public RawMqttClient send(byte[]... packets) {
        try {
            for (byte[] packet : packets) {
                out.write(packet);
            }
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next packet, which must be of {@code type} and arrive within {@link #WAIT}. */
    public Packet expect(int type) {
        Packet packet = poll(WAIT)
                .orElseThrow(() -> new AssertionError("No packet within " + WAIT + "; expected type " + type));
        assertThat(packet.type()).as("type of %s", packet).isEqualTo(type);
        return packet;
    }

    /**
     * The next packet, or empty if none comes within {@code timeout}.
     *
     * @throws AssertionError if the edge closes the connection instead
     */
    public Optional<Packet> poll(Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            int first = in.read();
            if (first < 0) {
                throw new AssertionError("The edge closed the connection");
            }
            socket.setSoTimeout((int) WAIT.toMillis());
            return Optional.of(readRest(first));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new AssertionError("The connection failed: " + e, e);
        }
    }

    /**
     * Reads until the edge closes the connection.
     *
     * @return the packets it sent before closing, for example a DISCONNECT
     * @throws AssertionError if the connection is still open after {@code timeout}
     */
    public List<Packet> readUntilClosed(Duration timeout) {
        List<Packet> packets = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                if (System.nanoTime() >= deadline) {
                    throw new AssertionError(
                            "The connection was still open after " + timeout + "; received " + packets);
                }
                socket.setSoTimeout((int) left);
                int first = in.read();
                if (first < 0) {
                    return packets;
                }
                packets.add(readRest(first));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("The connection was still open after " + timeout + "; received " + packets);
        } catch (EOFException | SocketException e) {
            return packets; // closed mid-packet, or reset
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads until the edge ends the stream in order (TCP FIN), as a client must be able to after
     * the edge told it why it ends the connection.
     *
     * @return every packet the edge sent before the end of the stream
     * @throws AssertionError if the connection is reset instead, or still open after {@link #WAIT}
     */
    public List<Packet> readUntilEndOfStream() {
        List<Packet> packets = new ArrayList<>();
        try {
            socket.setSoTimeout((int) WAIT.toMillis());
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return packets;
                }
                packets.add(readRest(first));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("The connection was still open after " + WAIT + "; received " + packets);
        } catch (IOException e) {
            throw new AssertionError("The connection failed after " + packets + " instead of ending: " + e, e);
        }
    }

    /**
     * Reads until the edge closes the connection, which it must do right after one packet of
     * {@code type} with {@code reasonCode}: how it refuses a CONNECT or ends a connection in MQTT 5.
     */
    public void expectClosedWith(int type, int reasonCode) {
        assertThat(readUntilClosed()).singleElement().satisfies(packet -> {
            assertThat(packet.type()).as("type of %s", packet).isEqualTo(type);
            assertThat(packet.reasonCode()).as("reason code of %s", packet).isEqualTo(reasonCode);
        });
    }

    /** Subscribes to one filter (in the client's MQTT version) and returns the SUBACK. */
    public Packet subscribe(String filter, int qos) {
        int packetId = ++lastPacketId;
        send(mqtt5 ? Wire.subscribe5(packetId, Wire.of(), filter, qos) : Wire.subscribe311(packetId, filter, qos));
        Packet subAck = expect(Packet.SUBACK);
        assertThat(subAck.packetId()).isEqualTo(packetId);
        return subAck;
    }

    /** Reads until closed within {@link #WAIT}. */
    public List<Packet> readUntilClosed() {
        return readUntilClosed(WAIT);
    }

    private Packet readRest(int first) throws IOException {
        int length = 0;
        int multiplier = 1;
        int digit;
        do {
            digit = in.readUnsignedByte();
            length += (digit & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((digit & 0x80) != 0);
        byte[] body = new byte[length];
        in.readFully(body);
        return new Packet(first >> 4, first & 0x0F, body, mqtt5);
    }

    /** Ends the connection with a TCP reset, as a crashed client or a broken network would. */
    public void abort() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** One packet from the edge: its type, the flags of its fixed header, and the rest undecoded. */
    public record Packet(int type, int flags, byte[] body, boolean mqtt5) {

        public static final int CONNACK = 2;
        public static final int PUBLISH = 3;
        public static final int PUBACK = 4;
        public static final int PUBREC = 5;
        public static final int PUBREL = 6;
        public static final int PUBCOMP = 7;
        public static final int SUBACK = 9;
        public static final int UNSUBACK = 11;
        public static final int PINGRESP = 13;
        public static final int DISCONNECT = 14;
        public static final int AUTH = 15;

        public int qos() {
            return flags >> 1 & 3;
        }

        public boolean dup() {
            return (flags & 0x08) != 0;
        }

        public boolean retain() {
            return (flags & 0x01) != 0;
        }

        public boolean sessionPresent() {
            return (body[0] & 1) != 0;
        }

        /** The return or reason code of CONNACK, DISCONNECT, AUTH and the publish acknowledgements. */
        public int reasonCode() {
            return switch (type) {
                case CONNACK -> body[1] & 0xFF;
                case DISCONNECT, AUTH -> body.length == 0 ? 0 : body[0] & 0xFF;
                default -> body.length > 2 ? body[2] & 0xFF : 0;
            };
        }

        public int packetId() {
            if (type == PUBLISH) {
                return new Reader(body).skipString().u16();
            }
            return new Reader(body).u16();
        }

        /** The return or reason codes of SUBACK and UNSUBACK, one per filter. */
        public List<Integer> reasonCodes() {
            Reader reader = new Reader(body);
            reader.u16();
            if (mqtt5) {
                reader.properties();
            }
            List<Integer> codes = new ArrayList<>();
            while (reader.hasMore()) {
                codes.add(reader.u8());
            }
            return codes;
        }

        public String topic() {
            return new Reader(body).string();
        }

        public byte[] payload() {
            Reader reader = publishReader();
            if (mqtt5) {
                reader.properties();
            }
            return reader.rest();
        }

        public String payloadText() {
            return new String(payload(), StandardCharsets.UTF_8);
        }

        /** The MQTT 5 properties of the packet (none for MQTT 3.1.1). */
        public Properties properties() {
            if (!mqtt5) {
                return new Properties(List.of());
            }
            Reader reader = new Reader(body);
            switch (type) {
                case PUBLISH -> reader = publishReader();
                case CONNACK -> reader.u16();
                case DISCONNECT, AUTH -> {
                    if (body.length < 2) {
                        return new Properties(List.of());
                    }
                    reader.u8();
                }
                case SUBACK, UNSUBACK -> reader.u16();
                default -> {
                    if (body.length < 4) {
                        return new Properties(List.of());
                    }
                    reader.u16();
                    reader.u8();
                }
            }
            return reader.properties();
        }

        private Reader publishReader() {
            Reader reader = new Reader(body).skipString();
            if (qos() > 0) {
                reader.u16();
            }
            return reader;
        }

        @Override
        public String toString() {
            return "Packet[type=" + type + ", flags=" + flags + ", body=" + Arrays.toString(body) + "]";
        }
    }

    /** MQTT 5 properties as received: each identifier with its value, in order, repeats kept. */
    public record Properties(List<Property> all) {

        public Object first(int id) {
            return all.stream()
                    .filter(property -> property.id() == id)
                    .map(Property::value)
                    .findFirst()
                    .orElse(null);
        }

        public List<Object> every(int id) {
            return all.stream()
                    .filter(property -> property.id() == id)
                    .map(Property::value)
                    .toList();
        }

        public boolean has(int id) {
            return first(id) != null;
        }
    }

    /** One property; the value is an Integer, Long, String, byte[] or a String[2] name and value. */
    public record Property(int id, Object value) {}

    /** Reads the fields of a packet body in order. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        public boolean hasMore() {
            return position < bytes.length;
        }

        int u8() {
            return bytes[position++] & 0xFF;
        }

        int u16() {
            return u8() << 8 | u8();
        }

        long u32() {
            return (long) u16() << 16 | u16();
        }

        public int varInt() {
            int value = 0;
            int multiplier = 1;
            int digit;
            do {
                digit = u8();
                value += (digit & 0x7F) * multiplier;
                multiplier *= 128;
            } while ((digit & 0x80) != 0);
            return value;
        }

        public byte[] binary() {
            int length = u16();
            byte[] value = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return value;
        }

        public String string() {
            return new String(binary(), StandardCharsets.UTF_8);
        }

        Reader skipString() {
            binary();
            return this;
        }

        public byte[] rest() {
            byte[] value = Arrays.copyOfRange(bytes, position, bytes.length);
            position = bytes.length;
            return value;
        }

        public Properties properties() {
            int end = varInt() + position;
            List<Property> properties = new ArrayList<>();
            while (position < end) {
                int id = varInt();
                Object value = switch (id) {
                    case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> u8();
                    case 0x13, 0x21, 0x22, 0x23 -> u16();
                    case 0x02, 0x11, 0x18, 0x27 -> u32();
                    case 0x0B -> varInt();
                    case 0x03, 0x08, 0x12, 0x15, 0x1A, 0x1C, 0x1F -> string();
                    case 0x09, 0x16 -> binary();
                    case 0x26 -> new String[] {string(), string()};
                    default -> throw new AssertionError("Unknown property 0x" + Integer.toHexString(id));
                };
                properties.add(new Property(id, value));
            }
            return new Properties(properties);
        }
    }
}
