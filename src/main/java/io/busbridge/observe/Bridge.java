package io.busbridge.observe;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jsonvalidator.JsonValidatorEndpoint;

/** The {@code io.busbridge:type=Bridge} MBean: reads the meters and delegates to the gate and dead-letter tools. */
public final class Bridge implements BridgeMXBean {

    private final CamelContext context;
    private final MeterRegistry meters;
    private final IngressGate gate;
    private final RouteReloadStatus reloadStatus;
    private final DeadLetterQueues deadLetters;
    private final DeadLetterReplay replay;

    public Bridge(CamelContext context, MeterRegistry meters, IngressGate gate, RouteReloadStatus reloadStatus,
            DeadLetterQueues deadLetters, DeadLetterReplay replay) {
        this.context = context;
        this.meters = meters;
        this.gate = gate;
        this.reloadStatus = reloadStatus;
        this.deadLetters = deadLetters;
        this.replay = replay;
    }

    @Override
    public Map<String, PublisherStats> getPublisherStats() {
        Map<String, PublisherStats> stats = new TreeMap<>();
        for (String entity : meters.find("busbridge.publish").timers().stream().map(t -> t.getId().getTag("entity"))
                .collect(Collectors.toSet())) {
            Timer ok = meters.find("busbridge.publish").tag("entity", entity).timer();
            double failed = meters.find("busbridge.publish.failures").tag("entity", entity).counters().stream()
                    .mapToDouble(Counter::count).sum();
            long published = ok == null ? 0 : ok.count();
            stats.put(entity, new PublisherStats(published, (long) failed,
                    ok == null ? 0 : ok.mean(TimeUnit.SECONDS),
                    ok == null ? 0 : ok.max(TimeUnit.SECONDS)));
        }
        return stats;
    }

    @Override
    public boolean isIngressPaused() {
        return gate.isPaused();
    }

    @Override
    public void pauseIngress() {
        gate.pause();
    }

    @Override
    public void resumeIngress() {
        gate.resume();
    }

    @Override
    public int reloadSchemas() {
        int cleared = 0;
        for (var endpoint : context.getEndpoints()) {
            if (endpoint instanceof JsonValidatorEndpoint validator) {
                validator.clearContentCache();
                cleared++;
            }
        }
        return cleared;
    }

    @Override
    public String getLastRouteReloadRefusal() {
        return reloadStatus.isRefused() ? reloadStatus.refusedFile() + ": " + reloadStatus.refusedReason() : "";
    }

    @Override
    public List<DeadLetter> peekDeadLetters(String entity, int max) {
        return deadLetters.list(entity, max);
    }

    @Override
    public int replayDeadLetters(String entity, long[] sequenceNumbers) {
        var selection = sequenceNumbers == null || sequenceNumbers.length == 0 ? DeadLetterReplay.Selection.all()
                : new DeadLetterReplay.Selection(new HashSet<>(Arrays.stream(sequenceNumbers).boxed().toList()),
                        Set.of());
        try {
            return replay.replay(entity, selection).replayed();
        } catch (ReplayRefusedException e) {
            throw new IllegalStateException(e.getMessage()); // a JDK type, so any JMX client can show it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        }
    }
}
