package io.busbridge.emulator.config;

public record QueueConfig(String name, EntityProperties properties) {
}
