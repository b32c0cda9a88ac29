package io.busbridge.emulator.store;

import org.apache.qpid.proton.message.Message;

/** A message as a client sent it, with its encoded size (which counts towards the entity's size cap). */
public record IncomingMessage(Message message, int size) {
}
