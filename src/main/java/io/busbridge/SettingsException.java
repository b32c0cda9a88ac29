package io.busbridge;

/**
 * A setting that cannot work (missing, malformed, contradicting another). Its message names the property or
 * environment variable to fix; {@link Application#main} prints it as the one line an operator needs, without a
 * stack trace, and exits.
 */
public class SettingsException extends IllegalArgumentException {

    public SettingsException(String message) {
        super(message);
    }
}
