package io.busbridge.http;

import io.vertx.core.VertxOptions;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/**
 * Sizes the Vert.x instance that Camel's platform-http server creates (it looks up a
 * {@link VertxOptions} bean). In Camel 4.17 the platform-http consumer runs every request on a
 * Vert.x worker thread and holds that thread until the route has finished, acknowledgement from
 * Service Bus included; so the worker pool, 20 threads by default, caps the requests in progress,
 * whatever the publisher could batch. {@code busbridge.http.worker-threads} is meant to be above
 * the publisher's in-flight cap, so that a request beyond the cap still gets a thread and is
 * refused at once (503) rather than waiting in Vert.x's queue for one. Threads are created on
 * demand up to that size.
 */
public class HttpServerConfiguration implements CamelConfiguration {

    @PropertyInject("busbridge.http.worker-threads")
    private int workerThreads;

    @BindToRegistry
    public VertxOptions vertxOptions() {
        return new VertxOptions().setWorkerPoolSize(workerThreads);
    }
}
