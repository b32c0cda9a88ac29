package io.busbridge.emulator.filter;

import java.util.HashMap;
import java.util.Map;

/** A message for filter tests: system and user properties as plain maps. */
record TestMessage(Map<String, Object> system, Map<String, Object> user) implements FilterContext {

    static TestMessage withUser(Object... namesAndValues) {
        return new TestMessage(Map.of(), pairs(namesAndValues));
    }

    static TestMessage withSystem(Object... namesAndValues) {
        return new TestMessage(pairs(namesAndValues), Map.of());
    }

    @Override
    public Object systemProperty(String name) {
        return system.get(name);
    }

    @Override
    public Map<String, Object> userProperties() {
        return user;
    }

    // HashMap, not Map.of: a property may be present with a NULL value.
    private static Map<String, Object> pairs(Object... namesAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
