package io.busbridge.observe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.busbridge.identity.IdentitySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Service Bus namespace (or the emulator) accepts connections: a TCP connect to its AMQP port,
 * run in the background every {@code interval} so that health calls only read the cached answer and never
 * send a message or hold a request.
 */
public final class ServiceBusProbe {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceBusProbe.class);
    private static final Pattern ENDPOINT = Pattern.compile("(?i)Endpoint=sb://([^/:;]+)(?::(\\d+))?");
    private static final int AMQPS_PORT = 5671;
    private static final int AMQP_PORT = 5672;

    private final String host;
    private final int port;
    private final Duration timeout;
    private volatile String problem = "not probed yet";

    public ServiceBusProbe(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    /** A probe of where {@code settings} say Service Bus is: the custom endpoint, the connection string or the namespace. */
    public static ServiceBusProbe of(IdentitySettings settings, Duration timeout) {
        if (settings.endpoint() != null) {
            URI endpoint = URI.create(settings.endpoint());
            return new ServiceBusProbe(endpoint.getHost(), endpoint.getPort() > 0 ? endpoint.getPort() : AMQPS_PORT,
                    timeout);
        }
        if (settings.connectionString() != null) {
            return forConnectionString(settings.connectionString(), timeout);
        }
        return forNamespace(settings.namespace(), timeout);
    }

    /** A probe of the host and port in a connection string's {@code Endpoint=sb://host[:port]}. */
    static ServiceBusProbe forConnectionString(String connectionString, Duration timeout) {
        Matcher m = ENDPOINT.matcher(connectionString);
        if (!m.find()) {
            throw new IllegalArgumentException("connection string has no Endpoint=sb://host");
        }
        boolean emulator = connectionString.toLowerCase(Locale.ROOT).contains("usedevelopmentemulator=true");
        int port = m.group(2) != null ? Integer.parseInt(m.group(2)) : emulator ? AMQP_PORT : AMQPS_PORT;
        return new ServiceBusProbe(m.group(1), port, timeout);
    }

    /** A probe of a fully qualified namespace ({@code name.servicebus.windows.net}) on AMQPS. */
    static ServiceBusProbe forNamespace(String fullyQualifiedNamespace, Duration timeout) {
        return new ServiceBusProbe(fullyQualifiedNamespace, AMQPS_PORT, timeout);
    }

    /** Probes now and then every {@code interval} on {@code scheduler}. */
    public void start(ScheduledExecutorService scheduler, Duration interval) {
        scheduler.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Connects once and remembers the outcome. */
    public void probe() {
        String outcome;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            outcome = null;
        } catch (IOException e) {
            outcome = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (outcome == null && problem != null) {
            LOG.info("Service Bus {} is reachable", address());
        } else if (outcome != null && problem == null) {
            LOG.warn("Service Bus {} is not reachable: {}", address(), outcome);
        }
        problem = outcome;
    }

    public boolean isReachable() {
        return problem == null;
    }

    /** Why the last probe failed, or null when it succeeded. */
    public String problem() {
        return problem;
    }

    public String address() {
        return host + ":" + port;
    }
}
