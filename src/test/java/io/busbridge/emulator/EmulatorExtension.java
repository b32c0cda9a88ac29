package io.busbridge.emulator;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts an emulator on a free port before all tests of a class and stops it after them. */
public final class EmulatorExtension implements BeforeAllCallback, AfterAllCallback {
    private final Path config;
    private ServiceBusEmulator emulator;

    private EmulatorExtension(Path config) {
        this.config = config;
    }

    /** @param configFile a Config.json path relative to the project directory */
    public static EmulatorExtension withConfig(String configFile) {
        return new EmulatorExtension(Path.of(configFile));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = ServiceBusEmulator.builder().host("127.0.0.1").port(0).config(config).build().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        emulator.close();
    }

    public ServiceBusEmulator emulator() {
        return emulator;
    }

    public String connectionString() {
        return emulator.connectionString();
    }

    /**
     * An SDK client builder with short try timeouts, so a failing test fails in seconds, not minutes. The SDK adds
     * 4 s to the base delay on some retries and fails if max-delay is below that, hence the 10 s.
     */
    public ServiceBusClientBuilder client() {
        return new ServiceBusClientBuilder().connectionString(connectionString())
                .retryOptions(new AmqpRetryOptions().setTryTimeout(Duration.ofSeconds(5)).setMaxRetries(2)
                        .setDelay(Duration.ofMillis(100)).setMaxDelay(Duration.ofSeconds(10)));
    }
}
