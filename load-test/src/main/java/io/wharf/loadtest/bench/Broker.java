package io.wharf.loadtest.bench;

/** A broker the benchmark started and measures; closing it stops it. */
public interface Broker extends AutoCloseable {

    /** Its name in reports, with its version. */
    String name();

    int mqttPort();

    /** The operating-system process, for memory readings. */
    ProcessHandle process();

    /** What an acknowledged QoS 1 message survives with this broker as the benchmark runs it. */
    String guarantee();

    /** Whether its JVM heap can be read ({@code jcmd}); false for a native broker. */
    boolean isJvm();

    @Override
    void close();
}
