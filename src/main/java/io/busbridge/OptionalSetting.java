package io.busbridge;

import org.apache.camel.CamelContext;

/**
 * Reads a setting that may be absent. {@code @PropertyInject} treats an empty default as none, so such
 * settings are resolved here instead: trimmed, or empty when not set.
 */
public final class OptionalSetting {

    private OptionalSetting() {
    }

    public static String read(CamelContext camelContext, String key) {
        return camelContext.getPropertiesComponent().resolveProperty(key).map(String::trim).orElse("");
    }
}
