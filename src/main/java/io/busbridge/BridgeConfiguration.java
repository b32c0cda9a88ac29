package io.busbridge;

import java.nio.file.Path;
import java.time.Duration;

import io.vertx.core.VertxOptions;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.PropertyInject;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.busbridge.emulator.ServiceBusEmulator;
import io.busbridge.http.EventMember;
import io.busbridge.http.EventParser;
import io.busbridge.observe.BusbridgeMetrics;
import io.busbridge.http.ProblemHttpEngine;
import io.busbridge.http.ProblemJson;
import io.busbridge.http.ProblemWriter;
import io.busbridge.http.Problems;
import io.busbridge.http.RequestChecks;
import io.busbridge.identity.IdentitySettings;
import io.busbridge.identity.ServiceBusClientFactory;
import io.busbridge.publish.MessageMapping;
import io.busbridge.publish.Publisher;
import io.busbridge.publish.ServiceBusConnection;

/**
 * The beans the routes call, built from config/application.properties. Registered explicitly by
 * {@link Application} (no package scan, which would also pick up test classes).
 */
public class BridgeConfiguration implements CamelConfiguration, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeConfiguration.class);

    @PropertyInject("camel.server.port")
    private int serverPort;
    @PropertyInject("busbridge.http.json.max-nesting-depth")
    private int maxNestingDepth;
    @PropertyInject("busbridge.http.json.max-string-length")
    private int maxStringLength;
    @PropertyInject("busbridge.http.json.max-number-length")
    private int maxNumberLength;
    @PropertyInject("busbridge.http.worker-pool-size")
    private int workerPoolSize;
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
    @PropertyInject("busbridge.publish.max-inflight")
    private int maxInFlight;
    @PropertyInject("busbridge.publish.batch.max-messages")
    private int maxBatchMessages;
    @PropertyInject("busbridge.publish.batch.max-in-flight")
    private int batchesInFlight;
    /** Benchmark switch (bench/run.sh's HTTP ceiling), a JVM system property only: not in config/ nor the
     *  environment, so no stray variable can make production answer 202 without sending. */
    @PropertyInject(value = "busbridge.publish.enabled", defaultValue = "true")
    private boolean publishEnabled;
    @PropertyInject("busbridge.deadletter.entity")
    private String deadLetterEntity;
    @PropertyInject("busbridge.emulator.host")
    private String emulatorHost;
    @PropertyInject("busbridge.emulator.port")
    private int emulatorPort;
    @PropertyInject("busbridge.emulator.config")
    private String emulatorConfig;

    private CamelContext camelContext;
    private ServiceBusClientFactory serviceBusClients;
    private ServiceBusEmulator embeddedEmulator;
    private Publisher publisher;

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

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
        return new ProblemHttpEngine(serverPort, problems, json, maxInFlight, duration(deadline).plusSeconds(5));
    }

    /**
     * Vert.x's worker threads run blocking work only (JWT checks, the admin API): HTTP requests run on the
     * event loops and hold no thread while they wait for Service Bus (see {@link io.busbridge.http.AsyncHttpConsumer}).
     */
    @BindToRegistry
    public VertxOptions vertxOptions() {
        return new VertxOptions().setWorkerPoolSize(workerPoolSize);
    }

    @BindToRegistry
    public RequestChecks requestChecks() {
        return new RequestChecks();
    }

    @BindToRegistry
    public EventParser eventParser() {
        return new EventParser(maxNestingDepth, maxStringLength, maxNumberLength);
    }

    /** The routes' {@code ref: eventType} and {@code ref: eventPriority}: read from the event parsed on ingress. */
    @BindToRegistry
    public EventMember eventType() {
        return new EventMember("type");
    }

    @BindToRegistry
    public EventMember eventPriority() {
        return new EventMember("priority");
    }

    @BindToRegistry
    public MessageMapping messageMapping() {
        return new MessageMapping();
    }

    /**
     * Created once: camel-main 4.17 post-processes a configuration class twice and so calls every
     * {@code @BindToRegistry} method twice, which must not open two connections or start two emulators.
     */
    @BindToRegistry(destroyMethod = "close")
    public synchronized Publisher publisher() {
        if (publisher == null) {
            Publisher.RetrySettings retry = new Publisher.RetrySettings(
                    duration(deadline), duration(backoffInitial), duration(backoffMax));
            ServiceBusClientFactory clients = serviceBusClientFactory();
            Duration attempt = duration(tryTimeout);
            ServiceBusConnection connection = embeddedEmulator == null
                    ? ServiceBusConnection.of(clients, attempt)
                    : ServiceBusConnection.embedded(clients, attempt, embeddedEmulator);
            publisher = new Publisher(connection, retry,
                    new Publisher.Options(maxInFlight, maxBatchMessages, batchesInFlight, publishEnabled), deadLetterEntity,
                    BusbridgeMetrics.of(camelContext));
        }
        return publisher;
    }

    /**
     * How the bridge reaches Service Bus (see README "Identity"); its TokenStatus feeds readiness. With
     * no connection string, no namespace and {@code credential=auto}, the embedded emulator is started.
     */
    @BindToRegistry
    public synchronized ServiceBusClientFactory serviceBusClientFactory() {
        if (serviceBusClients == null) {
            IdentitySettings identity = IdentitySettings.from(
                    key -> camelContext.getPropertiesComponent().resolveProperty(key).orElse(null));
            if (identity.isUnconfigured()) {
                embeddedEmulator = startEmbeddedEmulator();
                LOG.info("Neither SERVICEBUS_CONNECTION_STRING nor SERVICEBUS_NAMESPACE is set: publishing to the"
                        + " embedded Service Bus emulator on {}:{} (entities from {})",
                        emulatorHost, embeddedEmulator.port(), emulatorConfig);
                identity = identity.withConnectionString(embeddedEmulator.connectionString());
            }
            serviceBusClients = new ServiceBusClientFactory(identity);
        }
        return serviceBusClients;
    }

    /** A taken port or a broken entities file is a setting to fix: one line (see Application), not a stack trace. */
    private ServiceBusEmulator startEmbeddedEmulator() {
        try {
            return ServiceBusEmulator.builder()
                    .host(emulatorHost).port(emulatorPort).config(Path.of(emulatorConfig)).build().start();
        } catch (RuntimeException e) {
            throw new SettingsException("the embedded Service Bus emulator cannot start on " + emulatorHost + ":"
                    + emulatorPort + " with " + emulatorConfig + " (" + e.getMessage() + "); set BUSBRIDGE_EMULATOR_PORT"
                    + " to a free port, BUSBRIDGE_EMULATOR_CONFIG to a valid file, or SERVICEBUS_CONNECTION_STRING");
        }
    }

    /** Accepts Camel's short form (10s, 200ms, 2m) as used in application.properties. */
    private static Duration duration(String text) {
        return TimeUtils.toDuration(text);
    }
}
