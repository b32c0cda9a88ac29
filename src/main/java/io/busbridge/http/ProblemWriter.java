package io.busbridge.http;

import java.nio.ByteBuffer;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Writes the {@link Problem} in the message body as the HTTP answer. Request headers are dropped
 * first: platform-http would otherwise echo them (Authorization included) as response headers. The access
 * log took the request line (method, path) when the request arrived.
 */
public final class ProblemWriter implements Processor {

    private final ProblemJson json;

    public ProblemWriter(ProblemJson json) {
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Problem problem = message.getBody(Problem.class);
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        message.setHeader(Exchange.CONTENT_TYPE, ProblemJson.MEDIA_TYPE);
        if (problem.retryAfterSeconds() != null) {
            message.setHeader("Retry-After", problem.retryAfterSeconds());
        }
        if (problem.status() == 405) {
            message.setHeader("Allow", "POST");
        }
        // a ByteBuffer is written at once; platform-http pumps other bodies out through a worker thread
        message.setBody(ByteBuffer.wrap(json.render(problem)));
    }
}
