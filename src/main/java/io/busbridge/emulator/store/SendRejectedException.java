package io.busbridge.emulator.store;

/** A send the entity refuses; the condition is the AMQP error condition the client gets in Rejected. */
public final class SendRejectedException extends RuntimeException {
    private final String condition;

    public SendRejectedException(String condition, String description) {
        super(description);
        this.condition = condition;
    }

    public String condition() {
        return condition;
    }
}
