package io.busbridge.emulator;

import io.busbridge.emulator.amqp.AmqpServer;
import io.busbridge.emulator.amqp.BrokerServices;
import io.busbridge.emulator.amqp.FaultState;
import io.busbridge.emulator.auth.JwtTokenValidator;
import io.busbridge.emulator.auth.PutTokenVerifier;
import io.busbridge.emulator.auth.SasTokenVerifier;
import io.busbridge.emulator.config.ConfigLoader;
import io.busbridge.emulator.config.EmulatorConfig;
import io.busbridge.emulator.store.Broker;
import io.busbridge.emulator.store.EntityStatsSnapshot;
import io.busbridge.emulator.store.MessageStore;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An embedded, in-memory Azure Service Bus–compatible AMQP 1.0 broker that the real Azure SDK talks to
 * (connection string with UseDevelopmentEmulator=true). See README "Embedded Service Bus emulator".
 */
public final class ServiceBusEmulator implements AutoCloseable {
    private final Builder settings;
    private final Broker broker;
    private final FaultState faultState = new FaultState();
    private Vertx vertx;
    private AmqpServer server;
    private Faults faults;

    private ServiceBusEmulator(Builder settings) {
        this.settings = settings;
        this.broker = new Broker(settings.config, Clock.systemUTC());
    }

    public static Builder builder() {
        return new Builder();
    }

    public synchronized ServiceBusEmulator start() {
        vertx = Vertx.vertx();
        PutTokenVerifier tokens = new PutTokenVerifier(new SasTokenVerifier(settings.keys), settings.jwt);
        BrokerServices services = new BrokerServices(broker, tokens, faultState,
                settings.maxMessageSizeBytes, Clock.systemUTC());
        server = new AmqpServer(vertx, services, settings.host, settings.port,
                settings.tls == null ? null : settings.tls.keyCert(), settings.tlsPort);
        faults = new Faults(faultState, server);
        try {
            server.listen();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    public int port() {
        return server.port();
    }

    /** The AMQPS port (with {@link Builder#tls}), or -1. */
    public int tlsPort() {
        return server.tlsPort();
    }

    /**
     * The address for {@code ServiceBusClientBuilder.customEndpointAddress} with a token credential and
     * namespace {@code localhost} (the test certificate's name); the SDK then uses TLS to {@link #tlsPort()}.
     */
    public String tlsEndpointAddress() {
        return "https://localhost:" + tlsPort();
    }

    /** The connection string for the first configured key, as the SDK's ServiceBusClientBuilder takes it. */
    public String connectionString() {
        Map.Entry<String, String> key = settings.keys.entrySet().iterator().next();
        return "Endpoint=sb://" + settings.host + ":" + port() + ";SharedAccessKeyName=" + key.getKey()
                + ";SharedAccessKey=" + key.getValue() + ";UseDevelopmentEmulator=true";
    }

    /** Counts of a queue, a subscription ({@code topic/subscriptions/name}) or a topic (summed over subscriptions). */
    public EntityStats stats(String entity) {
        String prefix = entity.toLowerCase(Locale.ROOT);
        List<MessageStore> stores = broker.stores().stream().filter(s -> {
            String path = s.path().toLowerCase(Locale.ROOT);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }).toList();
        if (stores.isEmpty()) {
            throw new IllegalArgumentException(broker.notFound(entity));
        }
        long active = 0, dead = 0, scheduled = 0, deferred = 0, bytes = 0;
        for (MessageStore store : stores) {
            EntityStatsSnapshot s = store.stats();
            if (store.path().endsWith("/$deadletterqueue")) {
                dead += s.active() + s.deferred();
            } else {
                active += s.active();
                scheduled += s.scheduled();
                deferred += s.deferred();
            }
            bytes += s.bytes();
        }
        return new EntityStats(active, dead, scheduled, deferred, bytes);
    }

    public Faults faults() {
        return faults;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
            vertx = null;
        }
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 5672;
        private EmulatorConfig config = new EmulatorConfig("sbemulatorns", List.of(), List.of());
        private final Map<String, String> keys = new LinkedHashMap<>();
        private int maxMessageSizeBytes = 262_144;
        private EmulatorTls tls;
        private int tlsPort = 5671;
        private JwtTokenValidator jwt;

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** 0 picks a free port; read it back with {@link ServiceBusEmulator#port()}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Entities from a Config.json; throws ConfigException with a one-line message naming the bad field. */
        public Builder config(Path file) {
            this.config = ConfigLoader.load(file);
            return this;
        }

        public Builder config(EmulatorConfig config) {
            this.config = config;
            return this;
        }

        /** A SAS key clients may sign with; without any, the official emulator's RootManageSharedAccessKey/SAS_KEY_VALUE. */
        public Builder sasKey(String name, String key) {
            keys.put(name, key);
            return this;
        }

        /** Also listen for AMQPS on {@code tlsPort} (0 picks a free port) with this key and certificate. */
        public Builder tls(EmulatorTls tls, int tlsPort) {
            this.tls = tls;
            this.tlsPort = tlsPort;
            return this;
        }

        /** Accept {@code jwt} put-tokens signed by a key of this JWKS file (audience https://servicebus.azure.net). */
        public Builder jwksFile(Path jwks) {
            this.jwt = JwtTokenValidator.fromJwksFile(jwks);
            return this;
        }

        /** Accept {@code jwt} put-tokens signed by a key served at this JWKS URL (cached, refetched on a new key id). */
        public Builder jwksUrl(URI jwks) {
            this.jwt = JwtTokenValidator.fromJwksUrl(jwks);
            return this;
        }

        public Builder maxMessageSizeBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxMessageSizeBytes must be positive");
            }
            this.maxMessageSizeBytes = bytes;
            return this;
        }

        public ServiceBusEmulator build() {
            if (keys.isEmpty()) {
                keys.put("RootManageSharedAccessKey", "SAS_KEY_VALUE");
            }
            return new ServiceBusEmulator(this);
        }
    }
}
