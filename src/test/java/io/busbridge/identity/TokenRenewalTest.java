package io.busbridge.identity;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderAsyncClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.busbridge.fixture.FederationRig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.busbridge.fixture.FederationRig.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Short-lived Entra tokens renew over the open connection with no failed send; a failing credential shows and heals. */
class TokenRenewalTest {

    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(10);
    private static final int LIFETIMES = 5;
    private static final Duration SEND_INTERVAL = Duration.ofMillis(50); // 20 messages a second

    private FederationRig rig;
    private ServiceBusClientFactory factory;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        rig = new FederationRig(dir, TOKEN_LIFETIME);
        factory = new ServiceBusClientFactory(rig.workloadIdentity());
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void publishingSteadilyAcrossFiveTokenLifetimesLosesNothing() {
        long count = lifetimesMillis() / SEND_INTERVAL.toMillis();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

        try (ServiceBusSenderAsyncClient sender = factory.newBuilder().sender().queueName(QUEUE).buildAsyncClient()) {
            Flux.interval(SEND_INTERVAL).take(count)
                    .flatMap(i -> sender.sendMessage(new ServiceBusMessage("event " + i).setMessageId("m-" + i))
                            .onErrorResume(e -> {
                                failures.add(e);
                                return Mono.empty();
                            }))
                    .blockLast(Duration.ofSeconds(120));
        }

        assertThat(failures).isEmpty();
        assertThat(rig.emulator().stats(QUEUE).activeMessageCount()).isEqualTo(count);
        // the first token and at least one renewal per lifetime
        assertThat(rig.entra().tokensIssued()).isGreaterThanOrEqualTo(LIFETIMES);
        assertThat(factory.tokenStatus().healthy()).isTrue();
    }

    @Test
    void aFailingCredentialMakesSendsFailClearlyAndRecoversByItself() {
        AmqpRetryOptions quick = new AmqpRetryOptions().setTryTimeout(Duration.ofSeconds(10)).setMaxRetries(1)
                .setDelay(Duration.ofMillis(200)).setMaxDelay(Duration.ofSeconds(1));
        try (ServiceBusSenderClient sender = factory.newBuilder().retryOptions(quick).sender().queueName(QUEUE).buildClient()) {
            sender.sendMessage(new ServiceBusMessage("before").setMessageId("before"));

            rig.entra().failing(true);
            await().atMost(Duration.ofSeconds(30)).until(() -> !factory.tokenStatus().healthy());
            assertThat(factory.tokenStatus().lastError()).contains("AADSTS70021");
            // the SDK closes the link whose token it could not renew, then cannot get a token for a new one;
            // TokenStatus carries the reason for readiness and the 503 body
            assertThatThrownBy(() -> sender.sendMessage(new ServiceBusMessage("during").setMessageId("during")))
                    .isInstanceOf(ServiceBusException.class);

            rig.entra().failing(false);
            sender.sendMessage(new ServiceBusMessage("after").setMessageId("after"));
        }

        assertThat(factory.tokenStatus().healthy()).isTrue();
        assertThat(rig.emulator().stats(QUEUE).activeMessageCount()).isEqualTo(2);
    }

    private static long lifetimesMillis() {
        return TOKEN_LIFETIME.multipliedBy(LIFETIMES).plusSeconds(2).toMillis();
    }
}
