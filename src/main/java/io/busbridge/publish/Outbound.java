package io.busbridge.publish;

import com.azure.messaging.servicebus.ServiceBusMessage;

/** A message ready to publish, with the target it is meant for. */
public record Outbound(Target target, ServiceBusMessage message) {
}
