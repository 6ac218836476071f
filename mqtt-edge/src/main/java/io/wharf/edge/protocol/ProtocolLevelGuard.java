package io.wharf.edge.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * Looks at the protocol name and level of the first packet before the decoder does, to refuse an
 * unsupported level in a format the client can read: a level above 5 comes from a client of MQTT 5
 * or later, which gets an MQTT 5 CONNACK with 0x84 (Unsupported Protocol Version); any other gets
 * the MQTT 3.1.1 CONNACK with 0x01. Netty's decoder fails such a CONNECT before it knows which
 * format to answer in. A supported CONNECT, or anything that is no CONNECT at all, passes on
 * untouched, and the guard steps aside.
 */
public final class ProtocolLevelGuard extends ChannelInboundHandlerAdapter {

    private static final int CONNECT = 0x10;
    private static final byte[] MQTT = "MQTT".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MQISDP = "MQIsdp".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONNACK_311_UNACCEPTABLE = {0x20, 0x02, 0x00, 0x01};
    private static final byte[] CONNACK_5_UNSUPPORTED = {0x20, 0x03, 0x00, (byte) 0x84, 0x00};

    private ByteBuf seen;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        seen = seen == null ? bytes : Unpooled.wrappedBuffer(seen, bytes);
        Verdict verdict = judge(seen);
        if (verdict == Verdict.UNDECIDED) {
            return;
        }
        ByteBuf all = seen;
        seen = null;
        if (verdict == Verdict.PASS) {
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(all);
            return;
        }
        all.release();
        byte[] answer = verdict == Verdict.REFUSE_5 ? CONNACK_5_UNSUPPORTED : CONNACK_311_UNACCEPTABLE;
        ctx.pipeline().remove(this);
        Disconnector.refuseConnect(ctx.channel(), Unpooled.wrappedBuffer(answer), "unsupported MQTT protocol level");
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (seen != null) {
            seen.release();
            seen = null;
        }
    }

    private enum Verdict {
        UNDECIDED,
        PASS,
        REFUSE_311,
        REFUSE_5
    }

    private static Verdict judge(ByteBuf buffer) {
        int index = buffer.readerIndex();
        if (buffer.readableBytes() < 1) {
            return Verdict.UNDECIDED;
        }
        if ((buffer.getUnsignedByte(index) & 0xF0) != CONNECT) {
            return Verdict.PASS; // not a CONNECT: the decoder and the connect handler deal with it
        }
        int lengthBytes = 0;
        int position = index + 1;
        while (true) {
            if (position >= buffer.writerIndex()) {
                return Verdict.UNDECIDED;
            }
            lengthBytes++;
            if ((buffer.getUnsignedByte(position++) & 0x80) == 0 || lengthBytes == 4) {
                break;
            }
        }
        if (buffer.writerIndex() - position < 2) {
            return Verdict.UNDECIDED;
        }
        int nameLength = buffer.getUnsignedShort(position);
        if (nameLength != MQTT.length && nameLength != MQISDP.length) {
            return Verdict.PASS; // an unknown protocol name is the decoder's to refuse
        }
        if (buffer.writerIndex() - position < 2 + nameLength + 1) {
            return Verdict.UNDECIDED;
        }
        byte[] name = new byte[nameLength];
        buffer.getBytes(position + 2, name);
        int level = buffer.getUnsignedByte(position + 2 + nameLength);
        boolean mqtt = java.util.Arrays.equals(name, MQTT);
        boolean mqisdp = java.util.Arrays.equals(name, MQISDP);
        if ((mqtt && (level == 4 || level == 5)) || (mqisdp && level == 3) || !(mqtt || mqisdp)) {
            return Verdict.PASS;
        }
        return mqtt && level > 5 ? Verdict.REFUSE_5 : Verdict.REFUSE_311;
    }
}
