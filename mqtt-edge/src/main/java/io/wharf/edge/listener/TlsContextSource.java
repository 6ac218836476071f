package io.wharf.edge.listener;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProtocols;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS context of one listener, built from its PEM files and built again when they change on
 * disk (certificate rotation without a restart), once they have stayed unchanged from one check to
 * the next, so that a rotation half written (a new certificate, the old key) is not taken up. New
 * connections take the current context; connections made earlier keep the one they were made
 * with. {@link #reloadIfChanged} reads files, so it runs on the edge's reload thread, never on an
 * event loop.
 */
public final class TlsContextSource {

    private static final Logger log = LoggerFactory.getLogger(TlsContextSource.class);

    private final TlsFiles files;
    private volatile SslContext current;
    private List<FileTime> builtFrom;
    private List<FileTime> seenLastCheck;

    /**
     * Reads the files once.
     *
     * @throws IllegalArgumentException naming the file that cannot be read or used
     */
    public TlsContextSource(TlsFiles files) {
        this.files = files;
        this.builtFrom = modificationTimes();
        this.seenLastCheck = builtFrom;
        try {
            this.current = build(files);
        } catch (SSLException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot use the TLS files " + files.certificate() + " and " + files.key() + ": " + e.getMessage(),
                    e);
        }
    }

    public SslContext current() {
        return current;
    }

    public TlsFiles files() {
        return files;
    }

    /**
     * Builds a new context if a file changed since the last one and not since the previous check;
     * keeps the old one if that fails.
     */
    public synchronized void reloadIfChanged() {
        List<FileTime> times = modificationTimes();
        boolean settled = times.equals(seenLastCheck);
        seenLastCheck = times;
        if (times.equals(builtFrom) || !settled) {
            return;
        }
        try {
            current = build(files);
            builtFrom = times;
            log.info("Reloaded the TLS certificate {} and key {}", files.certificate(), files.key());
        } catch (SSLException | RuntimeException e) {
            // A rotation may be half written: try again at the next check, keep serving the old one.
            log.warn("Cannot reload the TLS files {} and {}: {}", files.certificate(), files.key(), e.toString());
        }
    }

    private List<FileTime> modificationTimes() {
        List<FileTime> times = new ArrayList<>();
        for (Path file : watched()) {
            try {
                times.add(Files.getLastModifiedTime(file));
            } catch (IOException e) {
                times.add(FileTime.fromMillis(-1));
            }
        }
        return times;
    }

    private List<Path> watched() {
        List<Path> paths = new ArrayList<>(List.of(files.certificate(), files.key()));
        files.clientCa().ifPresent(paths::add);
        return paths;
    }

    private static SslContext build(TlsFiles files) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forServer(
                        files.certificate().toFile(), files.key().toFile())
                .protocols(SslProtocols.TLS_v1_3, SslProtocols.TLS_v1_2);
        if (files.clientAuth() != ClientAuth.NONE) {
            builder.trustManager(files.clientCa().orElseThrow().toFile())
                    .clientAuth(
                            files.clientAuth() == ClientAuth.REQUIRE
                                    ? io.netty.handler.ssl.ClientAuth.REQUIRE
                                    : io.netty.handler.ssl.ClientAuth.OPTIONAL);
        }
        return builder.build();
    }
}
