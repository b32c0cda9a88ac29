package io.busbridge.publish;

/** Service Bus refused the message and retrying cannot help: the message goes to the dead-letter channel. */
public final class PermanentPublishException extends RuntimeException {

    private final transient PublishFailure failure;

    public PermanentPublishException(String entity, PublishFailure failure, Throwable cause) {
        super("Service Bus refused the message for '" + entity + "': " + failure.reason(), cause);
        this.failure = failure;
    }

    public PublishFailure failure() {
        return failure;
    }
}
