package io.wharf.edge.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import io.wharf.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextSourceTest {

    @TempDir
    static Path dir;

    private static TestCertificates certificates;

    @BeforeAll
    static void certificates() {
        certificates = new TestCertificates(dir);
        certificates.ca("ca");
        certificates.server("first", "ca");
        certificates.serverWithPkcs8Key("second", "ca");
    }

    private static TlsFiles servedFrom(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.copy(certificates.cert("first"), directory.resolve("server.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(certificates.key("first"), directory.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
        return TlsFiles.serverOnly(directory.resolve("server.pem"), directory.resolve("key.pem"));
    }

    private static void replace(Path target, Path with, Instant modified) throws IOException {
        Files.copy(with, target, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(target, FileTime.from(modified));
    }

    @Test
    void unchangedFilesKeepTheContext() throws IOException {
        TlsContextSource source = new TlsContextSource(servedFrom(dir.resolve("unchanged")));
        SslContext first = source.current();

        source.reloadIfChanged();
        source.reloadIfChanged();

        assertThat(source.current()).isSameAs(first);
    }

    @Test
    void changedFilesAreTakenUpOnceTheyStayTheSameFromOneCheckToTheNext() throws IOException {
        TlsFiles files = servedFrom(dir.resolve("rotated"));
        TlsContextSource source = new TlsContextSource(files);
        SslContext first = source.current();
        Instant later = Instant.now().plusSeconds(10);

        replace(files.certificate(), certificates.cert("second"), later);
        source.reloadIfChanged(); // the key may still be on its way
        assertThat(source.current()).isSameAs(first);

        replace(files.key(), certificates.key("second"), later);
        source.reloadIfChanged(); // changed again since the last check
        assertThat(source.current()).isSameAs(first);

        source.reloadIfChanged(); // settled
        assertThat(source.current()).isNotSameAs(first);
    }

    @Test
    void aBrokenRotationKeepsTheOldContext() throws IOException {
        TlsFiles files = servedFrom(dir.resolve("broken"));
        TlsContextSource source = new TlsContextSource(files);
        SslContext first = source.current();

        Files.writeString(files.key(), "not a key");
        Files.setLastModifiedTime(files.key(), FileTime.from(Instant.now().plusSeconds(10)));
        source.reloadIfChanged();
        source.reloadIfChanged();

        assertThat(source.current()).isSameAs(first);
    }

    @Test
    void filesThatAreNotPemAreRefusedNamingThem() throws IOException {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");

        assertThatThrownBy(() -> new TlsContextSource(TlsFiles.serverOnly(notPem, certificates.key("first"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(notPem.toString());
    }
}
