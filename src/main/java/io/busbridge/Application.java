package io.busbridge;

import org.apache.camel.main.Main;
import org.apache.camel.util.ObjectHelper;

import io.busbridge.http.auth.EdgeAuthConfiguration;
import io.busbridge.http.tls.MutualTlsConfiguration;

import io.busbridge.observe.ObserveConfiguration;

/** camel-main entry point: routes come from routes/*.camel.yaml, settings from config/application.properties. */
public final class Application {

    /** Read from the working directory so that a volume can replace it. */
    public static final String PROPERTIES = "file:config/application.properties";

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        try {
            create().run(args);
        } catch (Exception e) {
            SettingsException invalid = ObjectHelper.getException(SettingsException.class, e);
            if (invalid == null) {
                throw e;
            }
            System.err.println("busbridge cannot start: " + invalid.getMessage());
            System.exit(2);
        }
    }

    /** The configured, not yet started application; tests start it in-process with their own overrides. */
    public static Main create() {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(PROPERTIES);
        main.configure().addConfiguration(ObserveConfiguration.class);
        main.configure().addConfiguration(BridgeConfiguration.class);
        main.configure().addConfiguration(EdgeAuthConfiguration.class);
        main.configure().addConfiguration(MutualTlsConfiguration.class);
        return main;
    }
}
