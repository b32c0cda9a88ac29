package io.busbridge.emulator.filter;

import java.util.Map;

/** A message as filters see it. Stub until the emu-rules branch lands. */
public interface FilterContext {
    Object systemProperty(String name);

    Map<String, Object> userProperties();
}
