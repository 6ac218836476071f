package io.wharf.edge.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.wharf.edge.protocol.Disconnector;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in every pipeline: an exception no handler dealt with closes that one connection. Ordinary
 * network and TLS errors (a client vanishing) are logged at DEBUG; anything else is a bug worth a
 * WARN with its stack trace.
 */
@ChannelHandler.Sharable
public final class ExceptionHandler extends ChannelInboundHandlerAdapter {

    public static final ExceptionHandler INSTANCE = new ExceptionHandler();

    private static final Logger log = LoggerFactory.getLogger(ExceptionHandler.class);

    private ExceptionHandler() {}

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isOrdinary(cause) || (cause instanceof DecoderException && isOrdinary(cause.getCause()))) {
            log.debug("Connection {} failed: {}", ClientAddress.of(ctx.channel()), cause.toString());
        } else {
            log.warn("Closing connection {} after an unexpected error", ClientAddress.of(ctx.channel()), cause);
        }
        Disconnector.closeAfterFailure(ctx.channel());
    }

    /** A client vanishing or breaking TLS; the TLS handler wraps the latter in a DecoderException. */
    private static boolean isOrdinary(Throwable cause) {
        return cause instanceof IOException || cause instanceof SSLException;
    }
}
