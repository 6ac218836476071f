package io.wharf.edge.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.wharf.edge.netty.ExceptionHandler;

/** The pipeline of the edge's HTTP port: admin commands and health; metrics later. */
public final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {

  private static final int MAX_REQUEST_BYTES = 64 * 1024;

  private final HealthHandler health;
  private final AdminHandler admin;

  public HttpChannelInitializer(HealthHandler health, AdminHandler admin) {
    this.health = health;
    this.admin = admin;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    channel
        .pipeline()
        .addLast("http-codec", new HttpServerCodec())
        .addLast("http-aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
        .addLast("admin", admin)
        .addLast("health", health)
        .addLast("exception", ExceptionHandler.INSTANCE);
  }
}
