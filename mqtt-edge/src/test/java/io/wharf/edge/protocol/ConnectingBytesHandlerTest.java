package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.wharf.edge.limits.EdgeLimits;
import io.wharf.edge.limits.Limit;
import io.wharf.edge.limits.LimitSettings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The connections not yet connected share one budget of bytes; past it, the one sending more is closed. */
class ConnectingBytesHandlerTest {

    private final List<Limit> hits = new CopyOnWriteArrayList<>();
    private final EdgeLimits limits = new EdgeLimits(LimitSettings.defaults().withMaxConnectingBytes(100), hits::add);

    @Test
    void aConnectionWhoseBytesNoLongerFitIsClosedAndTheBudgetComesBackWithTheOthers() {
        EmbeddedChannel first = new EmbeddedChannel(new ConnectingBytesHandler(limits));
        EmbeddedChannel second = new EmbeddedChannel(new ConnectingBytesHandler(limits));

        first.writeInbound(bytes(60));
        second.writeInbound(bytes(60));

        assertThat(first.isOpen()).isTrue();
        ByteBuf passed = first.readInbound();
        assertThat(passed.readableBytes()).isEqualTo(60);
        passed.release();
        assertThat(second.isOpen()).isFalse();
        assertThat((Object) second.readInbound()).isNull();
        assertThat(hits).containsExactly(Limit.MAX_CONNECTING_BYTES);

        first.close(); // or connected: either way its handler goes
        EmbeddedChannel third = new EmbeddedChannel(new ConnectingBytesHandler(limits));
        third.writeInbound(bytes(100));

        assertThat(third.isOpen()).isTrue();
        assertThat(limits.connecting().held()).isEqualTo(100);
        third.pipeline().removeFirst();
        assertThat(limits.connecting().held()).isZero();
        third.finishAndReleaseAll();
        second.finishAndReleaseAll();
    }

    private static ByteBuf bytes(int size) {
        return Unpooled.wrappedBuffer(new byte[size]);
    }
}
