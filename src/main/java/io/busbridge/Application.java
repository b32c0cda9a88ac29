package io.busbridge;

import org.apache.camel.main.Main;

/** camel-main entry point: routes come from routes/*.camel.yaml, settings from config/application.properties. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(Application.class);
        main.run(args);
    }
}
