package io.wharf.edge.listener;

import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.wharf.edge.netty.TcpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT listeners of an edge, bound, and the thread that looks for rotated TLS files every few
 * seconds (file reads stay off the event loops).
 */
public final class Listeners implements AutoCloseable {

    static final long RELOAD_CHECK_SECONDS = 2;

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<ListenerSettings> settings;
    private final List<TcpServer> servers;
    private final ScheduledExecutorService reloads;

    private Listeners(List<ListenerSettings> settings, List<TcpServer> servers, ScheduledExecutorService reloads) {
        this.settings = settings;
        this.servers = servers;
        this.reloads = reloads;
    }

    /**
     * Reads the TLS files and binds every listener, in order.
     *
     * @param initializer the pipeline of a listener's connections, given its TLS context (null for
     *     a listener without TLS)
     * @throws IllegalArgumentException when a listener's TLS files cannot be used
     * @throws io.wharf.edge.netty.PortInUseException when a port is taken
     */
    public static Listeners bind(
            List<ListenerSettings> listeners,
            EventLoopGroup bossGroup,
            EventLoopGroup workerGroup,
            BiFunction<ListenerSettings, TlsContextSource, ChannelHandler> initializer) {
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("no MQTT listener: turn the MQTT port on or add a listener");
        }
        List<TlsContextSource> contexts = new ArrayList<>();
        List<TcpServer> servers = new ArrayList<>();
        try {
            for (ListenerSettings listener : listeners) {
                TlsContextSource tls = listener.tls().map(TlsContextSource::new).orElse(null);
                if (tls != null) {
                    contexts.add(tls);
                }
                servers.add(TcpServer.bind(
                        "MQTT (" + listener.kind().key() + ")",
                        listener.bindHost(),
                        listener.port(),
                        bossGroup,
                        workerGroup,
                        initializer.apply(listener, tls)));
            }
        } catch (RuntimeException e) {
            servers.forEach(TcpServer::close);
            throw e;
        }
        return new Listeners(List.copyOf(listeners), servers, watch(contexts));
    }

    private static ScheduledExecutorService watch(List<TlsContextSource> contexts) {
        if (contexts.isEmpty()) {
            return null;
        }
        ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "wharf-tls-reload");
            thread.setDaemon(true);
            return thread;
        });
        reloads.scheduleWithFixedDelay(
                () -> {
                    for (TlsContextSource context : contexts) {
                        try {
                            context.reloadIfChanged();
                        } catch (RuntimeException e) {
                            // a failed check must not end the schedule: the next one tries again
                            log.warn(
                                    "Checking {} for a new certificate failed",
                                    context.files().certificate(),
                                    e);
                        }
                    }
                },
                RELOAD_CHECK_SECONDS,
                RELOAD_CHECK_SECONDS,
                TimeUnit.SECONDS);
        return reloads;
    }

    /** The bound port of each listener, in the order given. */
    public List<Integer> ports() {
        return servers.stream().map(TcpServer::port).toList();
    }

    /** Each listener as logs name it, with its bound port. */
    public List<String> describe() {
        List<String> described = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) {
            described.add(settings.get(i).describe(servers.get(i).port()));
        }
        return described;
    }

    /** Stops accepting on every listener; connections made stay. */
    @Override
    public void close() {
        if (reloads != null) {
            reloads.shutdownNow();
        }
        servers.forEach(TcpServer::close);
    }
}
