package io.busbridge;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.busbridge.emulator.ServiceBusEmulator;
import io.busbridge.http.EventParser;
import io.busbridge.http.ProblemHttpEngine;
import io.busbridge.http.ProblemJson;
import io.busbridge.http.ProblemWriter;
import io.busbridge.http.Problems;
import io.busbridge.http.RequestChecks;
import io.busbridge.publish.MessageMapping;
import io.busbridge.publish.Publisher;
import io.busbridge.publish.ServiceBusConnection;

/**
 * The beans the routes call, built from config/application.properties. Registered explicitly by
 * {@link Application} (no package scan, which would also pick up test classes).
 */
public class BridgeConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeConfiguration.class);

    @PropertyInject("camel.server.port")
    private int serverPort;
    @PropertyInject("busbridge.http.json.max-nesting-depth")
    private int maxNestingDepth;
    @PropertyInject("busbridge.http.json.max-string-length")
    private int maxStringLength;
    @PropertyInject("busbridge.http.json.max-number-length")
    private int maxNumberLength;
    @PropertyInject("busbridge.http.retry-after-seconds")
    private int retryAfterSeconds;
    @PropertyInject("busbridge.http.problem-type-base")
    private String problemTypeBase;
    @PropertyInject("busbridge.publish.deadline")
    private String deadline;
    @PropertyInject("busbridge.publish.try-timeout")
    private String tryTimeout;
    @PropertyInject("busbridge.publish.backoff-initial")
    private String backoffInitial;
    @PropertyInject("busbridge.publish.backoff-max")
    private String backoffMax;
    @PropertyInject("busbridge.deadletter.entity")
    private String deadLetterEntity;
    @PropertyInject(value = "busbridge.servicebus.connection-string", defaultValue = "")
    private String connectionString;
    @PropertyInject(value = "busbridge.servicebus.namespace", defaultValue = "")
    private String namespace;
    @PropertyInject("busbridge.emulator.host")
    private String emulatorHost;
    @PropertyInject("busbridge.emulator.port")
    private int emulatorPort;
    @PropertyInject("busbridge.emulator.config")
    private String emulatorConfig;

    @BindToRegistry
    public Problems problems() {
        return new Problems(retryAfterSeconds);
    }

    @BindToRegistry
    public ProblemJson problemJson() {
        return new ProblemJson(problemTypeBase);
    }

    @BindToRegistry
    public ProblemWriter problemWriter(@BeanInject ProblemJson json) {
        return new ProblemWriter(json);
    }

    /** Bound under the name platform-http looks up, replacing the default Vert.x engine. */
    @BindToRegistry("platform-http-engine")
    public ProblemHttpEngine platformHttpEngine(@BeanInject Problems problems, @BeanInject ProblemJson json) {
        return new ProblemHttpEngine(serverPort, problems, json);
    }

    @BindToRegistry
    public RequestChecks requestChecks() {
        return new RequestChecks();
    }

    @BindToRegistry
    public EventParser eventParser() {
        return new EventParser(maxNestingDepth, maxStringLength, maxNumberLength);
    }

    @BindToRegistry
    public MessageMapping messageMapping() {
        return new MessageMapping();
    }

    @BindToRegistry(destroyMethod = "close")
    public ServiceBusConnection serviceBusConnection() {
        Duration attempt = duration(tryTimeout);
        if (!connectionString.isBlank()) {
            LOG.info("Publishing with SERVICEBUS_CONNECTION_STRING");
            return ServiceBusConnection.withConnectionString(connectionString, attempt);
        }
        if (!namespace.isBlank()) {
            throw new IllegalStateException("SERVICEBUS_NAMESPACE needs Azure identity support, which this build"
                    + " does not include yet; set SERVICEBUS_CONNECTION_STRING instead");
        }
        ServiceBusEmulator emulator = ServiceBusEmulator.builder()
                .host(emulatorHost).port(emulatorPort).config(Path.of(emulatorConfig)).build().start();
        LOG.info("Neither SERVICEBUS_CONNECTION_STRING nor SERVICEBUS_NAMESPACE is set: publishing to the embedded"
                + " Service Bus emulator on {}:{} (entities from {})", emulatorHost, emulator.port(), emulatorConfig);
        return ServiceBusConnection.embedded(emulator.connectionString(), attempt, emulator);
    }

    @BindToRegistry(destroyMethod = "close")
    public Publisher publisher(@BeanInject ServiceBusConnection connection) {
        Publisher.RetrySettings retry = new Publisher.RetrySettings(
                duration(deadline), duration(backoffInitial), duration(backoffMax));
        return new Publisher(connection.builder(), retry, deadLetterEntity);
    }

    /** Accepts Camel's short form (10s, 200ms, 2m) as used in application.properties. */
    private static Duration duration(String text) {
        return TimeUtils.toDuration(text);
    }
}
