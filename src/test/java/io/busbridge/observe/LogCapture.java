package io.busbridge.observe;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** A Log4j2 appender that keeps every line as the container would print it (the configured JSON layout). */
final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture(LoggerContext logging) {
        super("capture", null, logging.getConfiguration().getAppender("json").getLayout(), true, Property.EMPTY_ARRAY);
    }

    static LogCapture attach() {
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        LogCapture capture = new LogCapture(logging);
        capture.start();
        logging.getConfiguration().getRootLogger().addAppender(capture, null, null);
        logging.updateLoggers();
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        lines.add(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8).strip());
    }

    List<String> lines() {
        return lines;
    }

    @Override
    public void close() {
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        logging.getConfiguration().getRootLogger().removeAppender(getName());
        logging.updateLoggers();
        stop();
    }
}
