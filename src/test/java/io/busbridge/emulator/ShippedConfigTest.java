package io.busbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The project's example entities (config/servicebus-emulator.json) through the SDK's processor clients.
 * Handlers complete explicitly before counting down, so closing the processor cannot race an auto-complete.
 */
class ShippedConfigTest {
    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.withConfig("config/servicebus-emulator.json");

    @Test
    void sessionProcessorGetsEachCustomersOrdersInOrder() throws InterruptedException {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().queueName("orders").buildClient()) {
            for (int i = 1; i <= 3; i++) {
                sender.sendMessage(new ServiceBusMessage("order-" + i).setSessionId("customer-1"));
                sender.sendMessage(new ServiceBusMessage("order-" + i).setSessionId("customer-2"));
            }
        }
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(6);
        ServiceBusProcessorClient processor = EMULATOR.client().sessionProcessor().queueName("orders")
                .maxConcurrentSessions(2)
                .disableAutoComplete()
                .processMessage(c -> {
                    c.complete();
                    received.add(c.getMessage().getSessionId() + ":" + c.getMessage().getBody());
                    all.countDown();
                })
                .processError(c -> { })
                .buildProcessorClient();
        processor.start();
        try {
            assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            processor.close();
        }
        assertThat(received.stream().filter(s -> s.startsWith("customer-1:")))
                .containsExactly("customer-1:order-1", "customer-1:order-2", "customer-1:order-3");
        assertThat(received.stream().filter(s -> s.startsWith("customer-2:")))
                .containsExactly("customer-2:order-1", "customer-2:order-2", "customer-2:order-3");
        assertThat(EMULATOR.emulator().stats("orders").activeMessageCount()).isZero();
    }

    @Test
    void highValuePaymentsReachBothSubscriptionsOthersOnlyTheLedger() throws InterruptedException {
        try (ServiceBusSenderClient sender = EMULATOR.client().sender().topicName("payments").buildClient()) {
            ServiceBusMessage small = new ServiceBusMessage("{}").setMessageId("pay-1");
            small.getApplicationProperties().put("amount", 999.99);
            ServiceBusMessage large = new ServiceBusMessage("{}").setMessageId("pay-2");
            large.getApplicationProperties().put("amount", 1000);
            sender.sendMessages(List.of(small, large));
        }
        assertThat(EMULATOR.emulator().stats("payments/subscriptions/ledger").activeMessageCount()).isEqualTo(2);
        assertThat(EMULATOR.emulator().stats("payments/subscriptions/high-value").activeMessageCount()).isEqualTo(1);

        List<String> highValue = new CopyOnWriteArrayList<>();
        CountDownLatch one = new CountDownLatch(1);
        ServiceBusProcessorClient processor = EMULATOR.client().processor().topicName("payments")
                .subscriptionName("high-value")
                .disableAutoComplete()
                .processMessage(c -> {
                    c.complete();
                    ServiceBusReceivedMessage m = c.getMessage();
                    highValue.add(m.getMessageId());
                    one.countDown();
                })
                .processError(c -> { })
                .buildProcessorClient();
        processor.start();
        try {
            assertThat(one.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            processor.close();
        }
        assertThat(highValue).containsExactly("pay-2");
        assertThat(EMULATOR.emulator().stats("payments/subscriptions/high-value").activeMessageCount()).isZero();
    }
}
