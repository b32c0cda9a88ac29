package io.busbridge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceContextTest {

    @Test
    void continuesAValidTraceparentWithANewSpan() {
        TraceContext trace = TraceContext.from("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null);
        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.spanId()).hasSize(16).isNotEqualTo("00f067aa0ba902b7");
        assertThat(trace.traceparent()).matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01");
        assertThat(trace.diagnosticId()).isEqualTo(trace.traceparent());
    }

    @Test
    void derivesTheTraceIdFromAnAmznTraceIdWhenThereIsNoTraceparent() {
        TraceContext trace = TraceContext.from(null, "Self=1-67891234-12456789abcdef012345678;Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0");
        assertThat(trace.traceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(trace.flags()).isEqualTo("00");
    }

    @Test
    void startsANewTraceForMissingOrInvalidHeaders() {
        for (String invalid : new String[] {null, "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"}) {
            TraceContext trace = TraceContext.from(invalid, "Root=not-a-root");
            assertThat(trace.traceId()).matches("[0-9a-f]{32}").isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(trace.flags()).isEqualTo("01");
        }
    }
}
