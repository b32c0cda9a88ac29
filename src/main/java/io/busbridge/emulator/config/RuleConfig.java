package io.busbridge.emulator.config;

import io.busbridge.emulator.filter.MessageFilter;

/** A subscription rule: its filter (rule actions are not emulated). */
public record RuleConfig(String name, MessageFilter filter) {
}
