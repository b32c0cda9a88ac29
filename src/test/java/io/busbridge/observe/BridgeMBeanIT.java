package io.busbridge.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.busbridge.emulator.EmulatorExtension;
import io.busbridge.it.RunningBridge;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The io.busbridge:type=Bridge MBean works over JMX (platform MBeanServer) and over Jolokia on the management port. */
class BridgeMBeanIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOLOKIA_BRIDGE = "/jolokia/%s/io.busbridge:type=Bridge/%s";

    @RegisterExtension
    @Order(1)
    static EmulatorExtension emulator = EmulatorExtension.withConfig("src/test/resources/observe/servicebus-emulator.json");

    @RegisterExtension
    @Order(2)
    static RunningBridge bridge = RunningBridge.withConnectionString(emulator::connectionString)
            .with("camel.main.jmx-enabled", "true")
            .with("camel.management.jolokia-enabled", "true")
            .with("busbridge.observe.pause-retry-after-seconds", "7")
            .with("busbridge.deadletter.duplicate-detection-window", "1s");

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    private final BridgeMXBean mbean = JMX.newMXBeanProxy(jmx, objectName(ObserveService.OBJECT_NAME), BridgeMXBean.class);

    @Test
    void operationsOverJmx() throws Exception {
        assertThat(postOrder("ord-j1").statusCode()).isEqualTo(202);
        assertThat(jmx.queryNames(new ObjectName("org.apache.camel:type=routes,name=\"ingress\",*"), null)).hasSize(1);

        mbean.pauseIngress();
        assertThat(mbean.isIngressPaused()).isTrue();
        HttpResponse<String> paused = postOrder("ord-j2");
        assertThat(paused.statusCode()).isEqualTo(503);
        assertThat(paused.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(paused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(paused.body()).path("status").asInt()).isEqualTo(503);
        assertThat(Observe.get(bridge, "/health/live").statusCode()).isEqualTo(200);
        mbean.resumeIngress();
        assertThat(postOrder("ord-j3").statusCode()).isEqualTo(202);

        assertThat(mbean.getPublisherStats().get("orders-express").getPublished()).isGreaterThanOrEqualTo(2);
        assertThat(mbean.reloadSchemas()).isPositive();
        assertThat(mbean.getLastRouteReloadRefusal()).isEmpty();

        deadLetter("ord-j1", "jmx-test");
        DeadLetter listed = mbean.peekDeadLetters("orders-express", 10).stream()
                .filter(d -> d.getMessageId().equals("ord-j1")).findFirst().orElseThrow();
        assertThat(listed.getReason()).isEqualTo("jmx-test");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> mbean.replayDeadLetters("orders-express", new long[] {listed.getSequenceNumber()}) == 1);
        assertThat(mbean.peekDeadLetters("orders-express", 10)).extracting(DeadLetter::getMessageId)
                .doesNotContain("ord-j1");
    }

    @Test
    void operationsOverJolokia() throws Exception {
        assertThat(jolokia("read", "IngressPaused").path("value").asBoolean()).isFalse();
        assertThat(jolokia("exec", "pauseIngress").path("status").asInt()).isEqualTo(200);
        assertThat(jolokia("read", "IngressPaused").path("value").asBoolean()).isTrue();
        assertThat(postOrder("ord-k1").statusCode()).isEqualTo(503);
        jolokia("exec", "resumeIngress");
        assertThat(postOrder("ord-k2").statusCode()).isEqualTo(202);

        assertThat(jolokia("read", "PublisherStats").path("value").path("orders-express").path("published").asLong())
                .isPositive();
        deadLetter("ord-k2", "jolokia-test");
        JsonNode peeked = jolokia("exec", "peekDeadLetters/orders-express/10").path("value");
        assertThat(peeked.findValuesAsText("messageId")).contains("ord-k2");
        assertThat(peeked.findValuesAsText("reason")).contains("jolokia-test");
    }

    private static JsonNode jolokia(String kind, String target) throws Exception {
        HttpResponse<String> response = bridge.send(HttpRequest.newBuilder(
                Observe.uri(bridge, JOLOKIA_BRIDGE.formatted(kind, target))).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void deadLetter(String messageId, String reason) {
        try (ServiceBusReceiverClient receiver = emulator.client().receiver().queueName("orders-express")
                .disableAutoComplete().buildClient()) {
            while (true) {
                ServiceBusReceivedMessage message = receiver.receiveMessages(1, Duration.ofSeconds(10)).iterator().next();
                if (message.getMessageId().equals(messageId)) {
                    receiver.deadLetter(message, new DeadLetterOptions().setDeadLetterReason(reason));
                    return;
                }
                receiver.complete(message);
            }
        }
    }

    private static HttpResponse<String> postOrder(String orderId) {
        return bridge.post("/v1/events", """
                {"type":"order.created","orderId":"%s","customerId":"c-2","priority":"high","items":[{"sku":"a","quantity":1}]}"""
                .formatted(orderId));
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
