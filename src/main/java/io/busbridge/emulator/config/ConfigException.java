package io.busbridge.emulator.config;

/** A bad emulator config; the message is one line naming the field path and what is wrong with it. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
