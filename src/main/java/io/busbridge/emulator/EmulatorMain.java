package io.busbridge.emulator;

import io.busbridge.emulator.config.ConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator alone:
 * {@code java -cp target/busbridge.jar io.busbridge.emulator.EmulatorMain --port 5672 --config config/servicebus-emulator.json}.
 * Prints the connection string once ready, runs until stopped, shuts down cleanly on SIGTERM / Ctrl-C.
 * {@code --ack-delay-ms} acknowledges every send that much later, as a Service Bus across a network would
 * (bench/run.sh --broker-latency-ms).
 */
public final class EmulatorMain {
    private static final String USAGE = "usage: EmulatorMain [--host 127.0.0.1] [--port 5672] "
            + "[--config config/servicebus-emulator.json] [--max-message-size 262144] "
            + "[--tls-key server.p12|key.pem [--tls-cert cert.pem] [--tls-port 5671]] [--jwks jwks.json|https://...]"
            + " [--ack-delay-ms 0] (a PKCS12 password comes from EMULATOR_TLS_PASSWORD)";

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceBusEmulator emulator;
        try {
            Launch launch = launch(args);
            emulator = launch.builder().build().start();
            emulator.faults().delayAcks(launch.ackDelay());
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

    /** What the command line asks for: the emulator's settings and the delay of every acknowledgement. */
    private record Launch(ServiceBusEmulator.Builder builder, Duration ackDelay) {
    }

    private static Launch launch(String[] args) {
        ServiceBusEmulator.Builder builder = ServiceBusEmulator.builder();
        Duration ackDelay = Duration.ZERO;
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
                case "--ack-delay-ms" -> ackDelay = Duration.ofMillis(parseInt(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        if (tlsKey != null) {
            builder.tls(EmulatorTls.fromFiles(Path.of(tlsKey), tlsCert == null ? null : Path.of(tlsCert),
                    System.getenv("EMULATOR_TLS_PASSWORD")), tlsPort);
        }
        if (ackDelay.isNegative()) {
            throw new IllegalArgumentException("--ack-delay-ms must not be negative");
        }
        return new Launch(builder.config(config), ackDelay);
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
