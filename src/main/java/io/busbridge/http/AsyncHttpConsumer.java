package io.busbridge.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpSupport;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Camel's Vert.x platform-http consumer, with the route run through Camel's asynchronous API, so that no
 * thread waits for a request's answer.
 *
 * <p>Camel 4.17's consumer runs each request's route inside {@code executeBlocking} and holds that Vert.x
 * worker thread until the route has finished. busbridge's routes are asynchronous from the publish on (the
 * publisher returns a future, which Camel's bean component continues when it completes), so the worker only
 * waited there for Service Bus: one thread per request in flight, two thread hand-offs per request.
 *
 * <p>Here the route starts on the event loop that read the request. Its CPU steps (checks, parsing, schema
 * validation, mapping) run there up to the publish, which returns at once, refused or under way; the rest of
 * the route runs where the publish completes (the publisher hands it back to this event loop), and the answer
 * is written on the request's own event loop, as Camel does. Nothing in the routes blocks: the publisher's
 * admission is a {@code tryAcquire} and parking a refused message is a future too. Status, headers, body and
 * {@code muteException} are Camel's own (its response writer), and the unit of work ends after the answer is
 * written, as in Camel. Running the CPU steps on a worker thread instead measured no faster (README,
 * Performance) and adds a hand-off.
 *
 * <p>It serves the endpoint options busbridge uses: no proxy mode, streaming, form fields or file uploads.
 */
class AsyncHttpConsumer extends VertxPlatformHttpConsumer {

    /** Camel's response writer (header filtering, status, muteException); package-private in Camel 4.17. */
    private static final MethodHandle WRITE_RESPONSE = camelResponseWriter();

    private final HeaderFilterStrategy headerFilter;
    private final boolean muteExceptions;

    AsyncHttpConsumer(PlatformHttpEndpoint endpoint, Processor processor, List<Handler<RoutingContext>> handlers,
                      String routerName) {
        super(endpoint, processor, handlers, routerName);
        if (endpoint.isHttpProxy() || endpoint.isUseStreaming() || endpoint.isHandleWriteResponseError()) {
            throw new IllegalArgumentException("platform-http:" + endpoint.getPath()
                    + ": httpProxy, useStreaming and handleWriteResponseError are not supported by busbridge");
        }
        this.headerFilter = endpoint.getHeaderFilterStrategy();
        this.muteExceptions = endpoint.isMuteException();
    }

    /** Runs on the event loop that read the request. */
    @Override
    protected void handleRequest(RoutingContext ctx) {
        Context eventLoop = ctx.vertx().getOrCreateContext();
        Thread eventLoopThread = Thread.currentThread();
        Exchange exchange = createExchange(false);
        exchange.setPattern(ExchangePattern.InOut);
        processHttpRequest(exchange, ctx).onComplete(read -> {
            if (read.failed()) {
                fail(exchange, ctx, read.cause());
            } else {
                route(exchange, ctx, eventLoop, eventLoopThread);
            }
        });
    }

    private void route(Exchange exchange, RoutingContext ctx, Context eventLoop, Thread eventLoopThread) {
        try {
            createUoW(exchange);
        } catch (Exception e) {
            fail(exchange, ctx, e);
            return;
        }
        getAsyncProcessor().process(exchange, doneSync -> {
            if (doneSync || Thread.currentThread() == eventLoopThread) {
                respond(exchange, ctx);
            } else {
                eventLoop.runOnContext(v -> respond(exchange, ctx));
            }
        });
    }

    private void respond(Exchange exchange, RoutingContext ctx) {
        writeResponse(exchange, ctx).onComplete(written -> {
            if (written.succeeded()) {
                finish(exchange);
            } else {
                fail(exchange, ctx, written.cause());
            }
        });
    }

    private void fail(Exchange exchange, RoutingContext ctx, Throwable failure) {
        getExceptionHandler().handleException("Failed handling platform-http endpoint " + getEndpoint().getPath(),
                failure);
        ctx.fail(failure);
        finish(exchange);
    }

    private void finish(Exchange exchange) {
        doneUoW(exchange);
        releaseExchange(exchange, false);
    }

    @SuppressWarnings("unchecked")
    private Future<Void> writeResponse(Exchange exchange, RoutingContext ctx) {
        try {
            return (Future<Void>) WRITE_RESPONSE.invokeExact(ctx, exchange, headerFilter, muteExceptions);
        } catch (Throwable e) {
            return Future.failedFuture(e);
        }
    }

    private static MethodHandle camelResponseWriter() {
        try {
            return MethodHandles.privateLookupIn(VertxPlatformHttpSupport.class, MethodHandles.lookup())
                    .findStatic(VertxPlatformHttpSupport.class, "writeResponse", MethodType.methodType(Future.class,
                            RoutingContext.class, Exchange.class, HeaderFilterStrategy.class, boolean.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
