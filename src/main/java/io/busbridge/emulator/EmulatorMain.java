package io.busbridge.emulator;

import io.busbridge.emulator.config.ConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator alone:
 * {@code java -cp target/busbridge.jar io.busbridge.emulator.EmulatorMain --port 5672 --config config/servicebus-emulator.json}.
 * Prints the connection string once ready, runs until stopped, shuts down cleanly on SIGTERM / Ctrl-C.
 */
public final class EmulatorMain {
    private static final String USAGE = "usage: EmulatorMain [--host 127.0.0.1] [--port 5672] "
            + "[--config config/servicebus-emulator.json] [--max-message-size 262144] "
            + "[--tls-key server.p12|key.pem [--tls-cert cert.pem] [--tls-port 5671]] [--jwks jwks.json|https://...]"
            + " (a PKCS12 password comes from EMULATOR_TLS_PASSWORD)";

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceBusEmulator emulator;
        try {
            emulator = builder(args).build().start();
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("servicebus-emulator: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IllegalStateException e) {
            System.err.println("servicebus-emulator: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown"));
        System.out.println(emulator.connectionString());
        System.out.flush();
        stopped.await();
    }

    private static ServiceBusEmulator.Builder builder(String[] args) {
        ServiceBusEmulator.Builder builder = ServiceBusEmulator.builder();
        Path config = Path.of("config/servicebus-emulator.json");
        String tlsKey = null;
        String tlsCert = null;
        int tlsPort = 5671;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--host" -> builder.host(value);
                case "--port" -> builder.port(parseInt(args[i], value));
                case "--config" -> config = Path.of(value);
                case "--max-message-size" -> builder.maxMessageSizeBytes(parseInt(args[i], value));
                case "--tls-key" -> tlsKey = value;
                case "--tls-cert" -> tlsCert = value;
                case "--tls-port" -> tlsPort = parseInt(args[i], value);
                case "--jwks" -> jwks(builder, value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        if (tlsKey != null) {
            builder.tls(EmulatorTls.fromFiles(Path.of(tlsKey), tlsCert == null ? null : Path.of(tlsCert),
                    System.getenv("EMULATOR_TLS_PASSWORD")), tlsPort);
        }
        return builder.config(config);
    }

    private static void jwks(ServiceBusEmulator.Builder builder, String fileOrUrl) {
        if (fileOrUrl.startsWith("https://") || fileOrUrl.startsWith("http://")) {
            builder.jwksUrl(URI.create(fileOrUrl));
        } else {
            builder.jwksFile(Path.of(fileOrUrl));
        }
    }

    private static int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + value + "' is not a number");
        }
    }
}
