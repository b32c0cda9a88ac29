package io.busbridge.http;

/** Thrown by the edge checks when a request is refused; carries the 4xx answer to give. */
public final class RequestRejectedException extends RuntimeException {

    private final transient Problem problem;

    public RequestRejectedException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
