package io.busbridge.http;

/** No route accepts this event type (thrown from the ingress route's otherwise branch): a 422. */
public final class NoRouteException extends RuntimeException {

    public NoRouteException(String message) {
        super(message, null, false, false);
    }
}
