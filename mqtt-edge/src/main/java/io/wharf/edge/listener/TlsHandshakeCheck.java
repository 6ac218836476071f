package io.wharf.edge.listener;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.wharf.edge.netty.ClientIdentity;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Right behind the TLS handler: a failed handshake (a plain client, a certificate the CA did not
 * sign, no certificate where one is required) refuses that connection with one log line saying
 * why; a good one hands the certificate's user name on, if the listener takes it from there, and
 * the check steps aside.
 */
final class TlsHandshakeCheck extends ChannelInboundHandlerAdapter {

    private final UsernameFrom usernameFrom;
    private boolean refused;

    TlsHandshakeCheck(UsernameFrom usernameFrom) {
        this.usernameFrom = usernameFrom;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                takeUserName(ctx);
                ctx.pipeline().remove(this);
            } else {
                refuse(ctx, done.cause());
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    /** Until the handshake is done, every error is that handshake's failure. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        refuse(ctx, cause);
    }

    private void refuse(ChannelHandlerContext ctx, Throwable cause) {
        if (refused) {
            return;
        }
        refused = true;
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        ListenerLog.refuse(ctx.channel(), "the TLS handshake failed: " + root.getMessage());
    }

    private void takeUserName(ChannelHandlerContext ctx) {
        if (usernameFrom == UsernameFrom.NONE) {
            return;
        }
        try {
            Certificate[] chain =
                    ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                CertificateUser.of(leaf, usernameFrom)
                        .ifPresent(name -> ClientIdentity.fromCertificate(ctx.channel(), name));
            }
        } catch (SSLPeerUnverifiedException e) {
            // client-auth optional and no certificate: the client's own user name stands
        }
    }
}
