package io.busbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.proton.ProtonClient;
import io.vertx.proton.ProtonClientOptions;
import io.vertx.proton.ProtonConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transport details the SDK does not exercise on its own: SASL PLAIN, and heartbeats to a peer that asks for them. */
class ProtocolTest {
    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.withConfig("src/test/resources/emulator/test-entities.json");

    private static Vertx vertx;

    @BeforeAll
    static void startClientVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopClientVertx() {
        vertx.close();
    }

    @Test
    void saslPlainIsAcceptedAndTheConnectionOpens() throws Exception {
        ProtonConnection connection = connect(new ProtonClientOptions().addEnabledSaslMechanism("PLAIN"), "user", "pass");
        assertThat(connection.getRemoteContainer()).isEqualTo("busbridge-servicebus-emulator");
        vertx.runOnContext(v -> connection.close());
    }

    @Test
    void idleConnectionIsKeptAliveByHeartbeats() throws Exception {
        AtomicBoolean lost = new AtomicBoolean();
        // The client closes the connection if it hears nothing for 2 * 500 ms.
        ProtonConnection connection = connect(new ProtonClientOptions().setHeartbeat(500), null, null);
        connection.disconnectHandler(c -> lost.set(true));
        Thread.sleep(3000);
        assertThat(lost).isFalse();
        vertx.runOnContext(v -> connection.close());
    }

    private static ProtonConnection connect(ProtonClientOptions options, String user, String password) throws Exception {
        CompletableFuture<ProtonConnection> opened = new CompletableFuture<>();
        ProtonClient.create(vertx).connect(options, "127.0.0.1", EMULATOR.emulator().port(), user, password, result -> {
            if (result.failed()) {
                opened.completeExceptionally(result.cause());
                return;
            }
            ProtonConnection c = result.result();
            c.openHandler(o -> {
                if (o.succeeded()) {
                    opened.complete(c);
                } else {
                    opened.completeExceptionally(o.cause());
                }
            }).open();
        });
        return opened.get(10, TimeUnit.SECONDS);
    }
}
