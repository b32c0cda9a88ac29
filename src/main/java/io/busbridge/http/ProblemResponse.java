package io.busbridge.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Writes a {@link Problem} straight to the Vert.x response: for answers given before any route runs. */
public final class ProblemResponse {

    private ProblemResponse() {
    }

    public static void send(RoutingContext ctx, Problem problem, ProblemJson json) {
        if (ctx.response().headWritten()) {
            ctx.response().end();
            return;
        }
        ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", ProblemJson.MEDIA_TYPE);
        if (problem.retryAfterSeconds() != null) {
            ctx.response().putHeader("Retry-After", String.valueOf(problem.retryAfterSeconds()));
        }
        ctx.response().end(Buffer.buffer(json.render(problem)));
    }
}
