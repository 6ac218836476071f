package io.wharf.edge.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import io.wharf.edge.protocol.ProtocolServices;
import io.wharf.edge.protocol.ProtocolSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CONNECT decision and the session state machine: a sequence of packets on one connection
 * (CONNECT variants, SUBSCRIBE, UNSUBSCRIBE, PUBLISH at every QoS, the acknowledgements, PINGREQ,
 * DISCONNECT, AUTH, in any order), time passing, and reconnections that resume the stored session.
 * What a client can observe must hold: nothing before CONNACK; a refused CONNACK, a second CONNECT,
 * the client's DISCONNECT or the edge's end the connection (once the edge has read that far: it
 * stops reading while a client's window is full); every acknowledgement answers a packet
 * the client sent (SUBACK with one code per filter); every packet the edge sends is well formed; and
 * nothing crashes or leaks.
 */
class MqttSessionFuzzTest {

    private static final ProtocolSettings SETTINGS = ProtocolSettings.builder().build();
    private static final int MAX_STEPS = 40;
    private static final Duration PAST_CONNECT_TIMEOUT =
            SETTINGS.connectTimeout().plusSeconds(1);

    @FuzzTest(maxDuration = "10m")
    void packetSequences(FuzzedDataProvider data) {
        ProtocolServices services = InMemoryEdge.services(SETTINGS);
        Client client = new Client(services);
        try {
            for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
                if (!client.connection.isOpen() || data.consumeInt(0, 15) == 0) {
                    client.end();
                    client = new Client(services);
                }
                client.act(data);
            }
        } finally {
            client.end();
        }
    }

    /** One connection and what its client expects of it. */
    private static final class Client {
        private final EdgeConnection connection;
        private final ClientCodec codec = new ClientCodec();
        private MqttVersion version = MqttVersion.MQTT_3_1_1;
        private boolean sentAnything;
        private boolean sentConnect;
        private boolean connAckSeen;
        private boolean mustClose;
        private String mustCloseWhy;
        private final List<Integer> awaitingPubAck = new ArrayList<>();
        private final List<Integer> awaitingPubRec = new ArrayList<>();
        private final List<Integer> awaitingPubComp = new ArrayList<>();
        private final List<Integer> awaitingUnsubAck = new ArrayList<>();
        private final Map<Integer, Integer> awaitingSubAck = new HashMap<>();
        private boolean ended;

        Client(ProtocolServices services) {
            connection = new EdgeConnection(services, false);
        }

        void act(FuzzedDataProvider data) {
            boolean mqtt5 = version == MqttVersion.MQTT_5;
            switch (data.consumeInt(0, 11)) {
                case 0, 1 -> {
                    MqttVersion asked = ClientPackets.version(data);
                    MqttVersion used = sentConnect ? version : asked;
                    MqttMessage connect = ClientPackets.connect(data, used);
                    if (send(connect, sentConnect ? "a second CONNECT" : null)) {
                        version = used;
                        sentConnect = true;
                    }
                }
                case 2 -> {
                    int packetId = ClientPackets.packetId(data);
                    MqttSubscribeMessage subscribe =
                            (MqttSubscribeMessage) ClientPackets.subscribe(data, packetId, mqtt5);
                    awaitingSubAck.put(
                            packetId, subscribe.payload().topicSubscriptions().size());
                    send(subscribe);
                }
                case 3 -> {
                    int packetId = ClientPackets.packetId(data);
                    awaitingUnsubAck.add(packetId);
                    send(ClientPackets.unsubscribe(data, packetId));
                }
                case 4, 5 -> {
                    MqttQoS qos = ClientPackets.qos(data);
                    int packetId = ClientPackets.packetId(data);
                    if (qos == MqttQoS.AT_LEAST_ONCE) {
                        awaitingPubAck.add(packetId);
                    } else if (qos == MqttQoS.EXACTLY_ONCE) {
                        awaitingPubRec.add(packetId);
                    }
                    send(ClientPackets.publish(data, qos, packetId, mqtt5));
                }
                case 6 -> {
                    int packetId = ClientPackets.packetId(data);
                    awaitingPubComp.add(packetId);
                    send(ClientPackets.acknowledgement(MqttMessageType.PUBREL, packetId));
                }
                case 7 ->
                    send(ClientPackets.acknowledgement(
                            data.pickValue(new MqttMessageType[] {
                                MqttMessageType.PUBACK, MqttMessageType.PUBREC, MqttMessageType.PUBCOMP
                            }),
                            ClientPackets.packetId(data)));
                case 8 -> send(ClientPackets.ping());
                case 9 -> send(ClientPackets.disconnect(data, mqtt5), "the client's DISCONNECT");
                case 10 -> {
                    if (mqtt5) {
                        send(ClientPackets.auth(data));
                    }
                }
                default -> {
                    connection.advance(Duration.ofSeconds(data.pickValue(new int[] {1, 11, 46, 3600})));
                    check();
                }
            }
        }

        private void send(MqttMessage packet) {
            send(packet, null);
        }

        /**
         * @param closes why the edge must close the connection once it has read the packet; null if it need not
         * @return false if the packet could not be written, and so was not sent
         */
        private boolean send(MqttMessage packet, String closes) {
            MqttMessageType type = packet.fixedHeader().messageType();
            byte[] bytes = codec.encode(packet);
            if (bytes == null) {
                return false; // Netty's codec will not write it, so no client sends it
            }
            if (!sentAnything && type != MqttMessageType.CONNECT) {
                expectClose("a first packet that is not CONNECT");
            }
            if (closes != null) {
                expectClose(closes);
            }
            sentAnything = true;
            if (connection.isOpen()) {
                connection.receive(bytes);
            }
            check();
            return true;
        }

        private void expectClose(String why) {
            if (!mustClose) {
                mustClose = true;
                mustCloseWhy = why;
            }
        }

        /** What the edge sent since the last check, against what the client may expect. */
        private void check() {
            for (MqttMessage packet : codec.decode(connection.sent())) {
                try {
                    observe(packet);
                } finally {
                    ReferenceCountUtil.release(packet);
                }
            }
            if (mustClose && connection.isOpen() && connection.readEverything() && !connAckSeen) {
                // Netty's decoder waits for the bytes an inner length asks for, even past the packet's
                // end (a packet written for another MQTT version): the connect timeout ends that wait.
                connection.advance(PAST_CONNECT_TIMEOUT);
                connection.answered();
            }
            if (mustClose && connection.isOpen() && connection.readEverything()) {
                throw new AssertionError("the connection stayed open after " + mustCloseWhy);
            }
        }

        private void observe(MqttMessage packet) {
            MqttMessageType type = packet.fixedHeader().messageType();
            if (!connAckSeen && type != MqttMessageType.CONNACK) {
                throw new AssertionError("the edge sent " + type + " before CONNACK");
            }
            switch (type) {
                case CONNACK -> {
                    if (connAckSeen) {
                        throw new AssertionError("the edge sent a second CONNACK");
                    }
                    connAckSeen = true;
                    MqttConnectReturnCode code =
                            ((MqttConnAckMessage) packet).variableHeader().connectReturnCode();
                    if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                        expectClose("CONNACK " + code);
                    }
                }
                case PUBACK -> answers(awaitingPubAck, packet);
                case PUBREC -> answers(awaitingPubRec, packet);
                case PUBCOMP -> answers(awaitingPubComp, packet);
                case UNSUBACK -> answers(awaitingUnsubAck, packet);
                case SUBACK -> {
                    int packetId = ((MqttSubAckMessage) packet).variableHeader().messageId();
                    Integer filters = awaitingSubAck.remove(packetId);
                    if (filters == null) {
                        throw new AssertionError("SUBACK " + packetId + " answers no SUBSCRIBE");
                    }
                    int codes =
                            ((MqttSubAckMessage) packet).payload().reasonCodes().size();
                    if (codes != filters) {
                        throw new AssertionError(
                                "SUBACK " + packetId + " has " + codes + " codes for " + filters + " filters");
                    }
                }
                case DISCONNECT -> expectClose("the edge's DISCONNECT");
                default -> {}
            }
        }

        private static void answers(List<Integer> awaiting, MqttMessage packet) {
            int packetId = ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
            if (!awaiting.remove((Integer) packetId)) {
                throw new AssertionError(
                        packet.fixedHeader().messageType() + " " + packetId + " answers no packet the client sent");
            }
        }

        void end() {
            if (!ended) {
                ended = true;
                codec.close();
                connection.end();
            }
        }
    }
}
