package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import org.jolokia.server.core.restrictor.RestrictorFactory;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


/**
 * Jolokia on the management port is private by default: the shipped policy admits loopback callers only and
 * refuses the operations that dump memory or write files.
 */
class JolokiaAccessTest {

    @RegisterExtension
    static final RunningBridge BRIDGE = RunningBridge.onEmulator();

    @Test
    void policyAdmitsLoopbackCallersOnly() throws Exception {
        PolicyRestrictor policy = shippedPolicy();

        assertThat(policy.isRemoteAccessAllowed("127.0.0.1")).isTrue();
        assertThat(policy.isRemoteAccessAllowed("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(policy.isRemoteAccessAllowed("192.0.2.2")).isFalse();
        assertThat(policy.isRemoteAccessAllowed("10.1.2.3", "pod-10-1-2-3.cluster.local")).isFalse();
    }

    @Test
    void policyRefusesDumpsAndDiagnosticsButAllowsCamelMBeans() throws Exception {
        PolicyRestrictor policy = shippedPolicy();

        assertThat(policy.isOperationAllowed(new ObjectName("com.sun.management:type=HotSpotDiagnostic"), "dumpHeap"))
                .isFalse();
        assertThat(policy.isOperationAllowed(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "vmSystemProperties")).isFalse();
        assertThat(policy.isOperationAllowed(new ObjectName("org.apache.camel:context=busbridge,type=routes,name=\"ingress\""),
                "stop")).isTrue();
    }

    @Test
    void loopbackCallerReadsMBeansButCannotRunDiagnosticCommands() {
        JsonNode uptime = jolokia("/read/java.lang:type=Runtime/Uptime");
        JsonNode properties = jolokia("/exec/com.sun.management:type=DiagnosticCommand/vmSystemProperties");

        assertThat(uptime.get("status").asInt()).isEqualTo(200);
        assertThat(properties.get("status").asInt()).isEqualTo(403);
        assertThat(properties.has("value")).isFalse();
    }

    /** The same lookup camel-platform-http-jolokia does at start. */
    private static PolicyRestrictor shippedPolicy() throws IOException {
        return RestrictorFactory.lookupPolicyRestrictor("classpath:/jolokia-access.xml");
    }

    private static JsonNode jolokia(String path) {
        String port = BRIDGE.camelContext().getPropertiesComponent().resolveProperty("camel.management.port").orElseThrow();
        HttpResponse<String> response = BRIDGE.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/observe/jolokia" + path)).GET().build());
        return Examples.json(response.body());
    }
}
