package io.busbridge.emulator.amqp;

import io.busbridge.emulator.auth.PutTokenVerifier;
import io.busbridge.emulator.store.Broker;
import java.time.Clock;

/** What every connection shares: the entities, token checks, faults and limits. */
public record BrokerServices(Broker broker, PutTokenVerifier tokenVerifier, FaultState faults,
                             int maxMessageSizeBytes, Clock clock) {
}
