package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import io.wharf.edge.auth.ClientPrincipal;
import io.wharf.edge.auth.acl.AccessControl;
import io.wharf.edge.auth.acl.AccessRules;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.schemas.message.ApplicationMessage;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a client's socket sees of the messages a session sends it. */
@Timeout(10)
class ClientOutputTest {

    private final EventLoopGroup loops = new DefaultEventLoopGroup(1);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private Channel server;
    private Channel client;
    private ClientOutput output;

    @BeforeEach
    void connect() throws Exception {
        LocalAddress address = new LocalAddress(ClientOutputTest.class);
        server = new ServerBootstrap()
                .group(loops)
                .channel(LocalServerChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg);
                    }
                })
                .bind(address)
                .sync()
                .channel();
        client = new Bootstrap()
                .group(loops)
                .channel(LocalChannel.class)
                .handler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel channel) {
                        channel.pipeline().addLast(new Recorder());
                    }
                })
                .connect(address)
                .sync()
                .channel();
        output = new ClientOutput(
                client,
                terms(),
                ProtocolReplies.of(MqttVersion.MQTT_3_1_1, ClientLimits.mqtt3()),
                Clock.systemUTC(),
                new EdgeMetrics("test"),
                new AccessControl(AccessRules.NONE).forConnection(ClientPrincipal.anonymous("c", Optional.empty())));
    }

    @AfterEach
    void close() throws Exception {
        client.close().sync();
        server.close().sync();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void messagesSentInOneTaskAreWrittenInOrderAndFlushedOnceAfterIt() throws Exception {
        onLoop(() -> {
            output.publish(message("a"), 1, false, false, 1, List.of());
            output.publish(message("b"), 1, false, false, 2, List.of());
            output.release(7);
            output.publish(message("c"), 0, false, false, 0, List.of());
        });
        onLoop(() -> {}); // the flush was queued behind the first task

        assertThat(events).containsExactly("PUBLISH a 1", "PUBLISH b 2", "PUBREL 7", "PUBLISH c 0", "flush");
    }

    @Test
    void whatIsSentAfterAFlushGetsAFlushOfItsOwn() throws Exception {
        onLoop(() -> output.publish(message("a"), 1, false, false, 1, List.of()));
        onLoop(() -> output.publish(message("b"), 1, false, false, 2, List.of()));
        onLoop(() -> {});

        assertThat(events).containsExactly("PUBLISH a 1", "flush", "PUBLISH b 2", "flush");
    }

    private void onLoop(Runnable task) throws Exception {
        client.eventLoop().submit(task).get(5, TimeUnit.SECONDS);
    }

    private static ApplicationMessage message(String topic) {
        return new ApplicationMessage(topic, new byte[] {1, 2}, 1, false, "p", 0, ApplicationMessage.Properties.NONE);
    }

    private static ConnectionTerms terms() {
        ClientLimits limits = new ClientLimits(10, ClientLimits.UNLIMITED_PACKET_SIZE, 0, false, false);
        ConnectDecision.Accepted accepted = new ConnectDecision.Accepted(
                MqttVersion.MQTT_3_1_1, "c", false, true, 60, false, 0, false, limits, null, 0);
        return new ConnectionTerms(accepted);
    }

    /** Notes each packet written and each flush, in the order the socket would see them. */
    private final class Recorder extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof MqttPublishMessage publish) {
                events.add("PUBLISH " + publish.variableHeader().topicName() + " "
                        + publish.variableHeader().packetId());
            } else if (msg instanceof MqttMessage reply) {
                events.add(reply.fixedHeader().messageType() + " "
                        + ((MqttMessageIdVariableHeader) reply.variableHeader()).messageId());
            }
            ctx.write(msg, promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            events.add("flush");
            ctx.flush();
        }
    }
}
