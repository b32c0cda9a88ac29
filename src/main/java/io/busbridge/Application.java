package io.busbridge;

import org.apache.camel.main.Main;

/** camel-main entry point: routes come from routes/*.camel.yaml, settings from config/application.properties. */
public final class Application {

    /** Read from the working directory so that a volume can replace it. */
    public static final String PROPERTIES = "file:config/application.properties";

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        create().run(args);
    }

    /** The configured, not yet started application; tests start it in-process with their own overrides. */
    public static Main create() {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(PROPERTIES);
        main.configure().addConfiguration(BridgeConfiguration.class);
        return main;
    }
}
