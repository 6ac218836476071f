package io.wharf.edge.kafka.typed;

import com.google.protobuf.Descriptors;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The Protobuf wire format's message indexes, between the schema id and the message: which message
 * type of the schema's file the body is, as the path of indexes from the file's top-level messages
 * down through nested ones. A count, then the indexes, each a zig-zag varint; the usual path [0],
 * the file's first message, is written as the single byte 0 (a count of none), as registry
 * serializers write it.
 */
final class MessageIndexes {

    private MessageIndexes() {}

    /** The path of {@code message} within its file. */
    static List<Integer> of(Descriptors.Descriptor message) {
        List<Integer> path = new ArrayList<>();
        for (Descriptors.Descriptor type = message; type != null; type = type.getContainingType()) {
            path.add(0, type.getIndex());
        }
        return path;
    }

    static byte[] write(List<Integer> path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 + path.size());
        if (path.equals(List.of(0))) {
            out.write(0);
            return out.toByteArray();
        }
        writeZigZag(out, path.size());
        for (int index : path) {
            writeZigZag(out, index);
        }
        return out.toByteArray();
    }

    /**
     * Reads the path at the buffer's position, leaving the position at the message.
     *
     * @throws InvalidPayloadException when the bytes are no path
     */
    static List<Integer> read(ByteBuffer in) throws InvalidPayloadException {
        int count = readZigZag(in);
        if (count == 0) {
            return List.of(0);
        }
        if (count < 0 || count > in.remaining()) {
            throw new InvalidPayloadException("the Protobuf message indexes are not readable");
        }
        List<Integer> path = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            path.add(readZigZag(in));
        }
        return path;
    }

    /**
     * The message type a path names in {@code file}.
     *
     * @throws InvalidPayloadException when the file has no such message
     */
    static Descriptors.Descriptor resolve(Descriptors.FileDescriptor file, List<Integer> path)
            throws InvalidPayloadException {
        List<Descriptors.Descriptor> types = file.getMessageTypes();
        Descriptors.Descriptor type = null;
        for (int index : path) {
            if (index < 0 || index >= types.size()) {
                throw new InvalidPayloadException(
                        "the message indexes " + path + " name no message type of " + file.getName());
            }
            type = types.get(index);
            types = type.getNestedTypes();
        }
        return type;
    }

    private static void writeZigZag(ByteArrayOutputStream out, int value) {
        int zigZag = (value << 1) ^ (value >> 31);
        while ((zigZag & ~0x7f) != 0) {
            out.write((zigZag & 0x7f) | 0x80);
            zigZag >>>= 7;
        }
        out.write(zigZag);
    }

    private static int readZigZag(ByteBuffer in) throws InvalidPayloadException {
        int raw = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            if (!in.hasRemaining()) {
                throw new InvalidPayloadException("the Protobuf message indexes end early");
            }
            byte b = in.get();
            raw |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new InvalidPayloadException("the Protobuf message indexes are not readable");
    }
}
