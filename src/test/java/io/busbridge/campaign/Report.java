package io.busbridge.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures the campaign prints as it goes, and the invariants that failed. */
final class Report {

    private final List<String> failures = new ArrayList<>();
    private double recoverySeconds;

    void figure(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /** Records an invariant; prints FAIL and remembers it when it does not hold. */
    void check(boolean holds, String format, Object... args) {
        if (!holds) {
            String what = String.format(Locale.ROOT, format, args);
            failures.add(what);
            figure("FAIL %s", what);
        }
    }

    void recovery(double seconds) {
        recoverySeconds = Math.max(recoverySeconds, seconds);
    }

    double recoverySeconds() {
        return recoverySeconds;
    }

    List<String> failures() {
        return failures;
    }
}
