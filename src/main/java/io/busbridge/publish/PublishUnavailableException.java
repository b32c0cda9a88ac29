package io.busbridge.publish;

/** Service Bus did not acknowledge within the publish deadline; the caller should retry later. */
public final class PublishUnavailableException extends RuntimeException {

    public PublishUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
