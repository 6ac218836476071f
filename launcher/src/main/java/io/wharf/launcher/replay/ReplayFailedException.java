package io.wharf.launcher.replay;

/** The replay could not go on: Kafka or the MQTT broker failed or could not be reached. */
final class ReplayFailedException extends RuntimeException {

    ReplayFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
