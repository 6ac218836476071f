package io.wharf.loadtest.bench;

import java.util.ArrayList;
import java.util.List;

/** A broker that runs as a child process of the benchmark, listening on one MQTT port. */
abstract class ProcessBroker implements Broker {

    private final ChildProcess process;
    private final int mqttPort;

    ProcessBroker(ChildProcess process, int mqttPort) {
        this.process = process;
        this.mqttPort = mqttPort;
    }

    /** The command that starts a JVM like this one, with {@code jvmOptions}. */
    static List<String> java(List<String> jvmOptions) {
        List<String> command =
                new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(jvmOptions);
        return command;
    }

    @Override
    public int mqttPort() {
        return mqttPort;
    }

    @Override
    public ProcessHandle process() {
        return process.handle();
    }

    @Override
    public void close() {
        process.close();
    }
}
