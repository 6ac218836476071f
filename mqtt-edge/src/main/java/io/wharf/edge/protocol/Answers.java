package io.wharf.edge.protocol;

import io.netty.channel.Channel;

/** Carries an answer out on a client's channel. */
final class Answers {

    private Answers() {}

    /**
     * Writes the answer; the caller flushes (or {@code flush} says to). An answer that is a
     * disconnect first flushes what was written before it, so the replies it follows still go out.
     */
    static void send(Channel channel, Outgoing outgoing, boolean flush) {
        if (outgoing instanceof Outgoing.Packet packet) {
            if (flush) {
                channel.writeAndFlush(packet.message());
            } else {
                channel.write(packet.message());
            }
        } else if (outgoing instanceof Disconnect disconnect) {
            channel.flush();
            disconnect(channel, disconnect);
        }
    }

    static void disconnect(Channel channel, Disconnect disconnect) {
        Disconnector.disconnect(channel, disconnect.reason(), disconnect.why());
    }
}
