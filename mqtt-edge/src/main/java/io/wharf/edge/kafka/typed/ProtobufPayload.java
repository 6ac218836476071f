package io.wharf.edge.kafka.typed;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Protobuf message type, read from a descriptor set (what {@code protoc --include_imports
 * --descriptor_set_out} writes): a device's JSON, in proto3's JSON mapping, becomes the binary
 * message behind the message indexes, and the message becomes that JSON again, with the field
 * names of the .proto file and fields at their default value written out.
 */
final class ProtobufPayload implements PayloadSchema {

    private static final JsonFormat.Parser FROM_JSON = JsonFormat.parser();
    private static final JsonFormat.Printer TO_JSON = JsonFormat.printer()
            .omittingInsignificantWhitespace()
            .preservingProtoFieldNames()
            .alwaysPrintFieldsWithNoPresence();

    private final Descriptors.Descriptor message;
    private final byte[] messageIndexes;
    private final int schemaId;

    private ProtobufPayload(Descriptors.Descriptor message, int schemaId) {
        this.message = message;
        this.messageIndexes = MessageIndexes.write(MessageIndexes.of(message));
        this.schemaId = schemaId;
    }

    /**
     * @param descriptorSet a serialized {@code FileDescriptorSet} holding the message's file and
     *     every file it imports
     * @param messageName the message type's full name, like {@code example.Telemetry}
     * @param schemaId the registry's id, or null to derive it from the message's file as the
     *     descriptor set holds it
     * @throws IllegalArgumentException when the set is unreadable or has no such message type
     */
    static ProtobufPayload of(byte[] descriptorSet, String messageName, Integer schemaId) {
        Map<String, Descriptors.FileDescriptor> files = files(descriptorSet);
        List<Descriptors.Descriptor> types = new ArrayList<>();
        files.values().forEach(file -> addWithNested(file.getMessageTypes(), types));
        Descriptors.Descriptor message = types.stream()
                .filter(type -> type.getFullName().equals(messageName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the descriptor set has no message type "
                        + messageName + "; it has "
                        + types.stream()
                                .map(Descriptors.Descriptor::getFullName)
                                .sorted()
                                .toList()));
        return new ProtobufPayload(
                message,
                schemaId != null
                        ? schemaId
                        : SchemaIds.derived(message.getFile().toProto().toByteArray()));
    }

    @Override
    public int schemaId() {
        return schemaId;
    }

    @Override
    public byte[] encode(byte[] json) throws InvalidPayloadException {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(message);
        try {
            FROM_JSON.merge(new String(json, StandardCharsets.UTF_8), builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new InvalidPayloadException(
                    "does not fit the Protobuf message " + message.getFullName() + ": " + e.getMessage());
        }
        byte[] body = builder.build().toByteArray();
        return ByteBuffer.allocate(messageIndexes.length + body.length)
                .put(messageIndexes)
                .put(body)
                .array();
    }

    @Override
    public byte[] decode(byte[] body) throws InvalidPayloadException {
        ByteBuffer in = ByteBuffer.wrap(body);
        Descriptors.Descriptor type = MessageIndexes.resolve(message.getFile(), MessageIndexes.read(in));
        try {
            DynamicMessage read =
                    DynamicMessage.parseFrom(type, CodedInputStream.newInstance(body, in.position(), in.remaining()));
            return TO_JSON.print(read).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidPayloadException("not a Protobuf " + type.getFullName() + ": " + e.getMessage());
        }
    }

    /** Every file of the set, built in the order their imports need. */
    private static Map<String, Descriptors.FileDescriptor> files(byte[] descriptorSet) {
        DescriptorProtos.FileDescriptorSet set;
        try {
            set = DescriptorProtos.FileDescriptorSet.parseFrom(descriptorSet);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(
                    "not a Protobuf descriptor set (write one with protoc --include_imports --descriptor_set_out)", e);
        }
        Map<String, DescriptorProtos.FileDescriptorProto> protos = new HashMap<>();
        set.getFileList().forEach(file -> protos.put(file.getName(), file));
        Map<String, Descriptors.FileDescriptor> built = new HashMap<>();
        for (String name : protos.keySet()) {
            build(name, protos, built);
        }
        return built;
    }

    private static Descriptors.FileDescriptor build(
            String name,
            Map<String, DescriptorProtos.FileDescriptorProto> protos,
            Map<String, Descriptors.FileDescriptor> built) {
        Descriptors.FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        DescriptorProtos.FileDescriptorProto proto = protos.get(name);
        if (proto == null) {
            throw new IllegalArgumentException("the descriptor set lacks " + name
                    + ", which another file imports (write it with protoc --include_imports)");
        }
        List<String> imports = proto.getDependencyList();
        Descriptors.FileDescriptor[] dependencies = new Descriptors.FileDescriptor[imports.size()];
        for (int i = 0; i < dependencies.length; i++) {
            dependencies[i] = build(imports.get(i), protos, built);
        }
        try {
            Descriptors.FileDescriptor file = Descriptors.FileDescriptor.buildFrom(proto, dependencies);
            built.put(name, file);
            return file;
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalArgumentException(name + " in the descriptor set is not valid: " + e.getMessage(), e);
        }
    }

    private static void addWithNested(List<Descriptors.Descriptor> types, List<Descriptors.Descriptor> into) {
        for (Descriptors.Descriptor type : types) {
            into.add(type);
            addWithNested(type.getNestedTypes(), into);
        }
    }
}
