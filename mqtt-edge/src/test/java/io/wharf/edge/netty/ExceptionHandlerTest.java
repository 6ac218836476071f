package io.wharf.edge.netty;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ExceptionHandlerTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(ExceptionHandler.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void listen() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(events);
    }

    @Test
    void aTlsErrorOfOneClientClosesItsConnectionWithoutAWarning() {
        EmbeddedChannel channel = new EmbeddedChannel(ExceptionHandler.INSTANCE);
        // the TLS handler reports a broken record of an established connection this way
        channel.pipeline().fireExceptionCaught(new DecoderException(new SSLException("bad record MAC")));

        assertThat(channel.isOpen()).isFalse();
        assertThat(events.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
    }

    @Test
    void anUnexpectedErrorIsAWarning() {
        EmbeddedChannel channel = new EmbeddedChannel(ExceptionHandler.INSTANCE);
        channel.pipeline().fireExceptionCaught(new IllegalStateException("a bug"));

        assertThat(channel.isOpen()).isFalse();
        assertThat(events.list).anyMatch(event -> event.getLevel() == Level.WARN);
    }
}
