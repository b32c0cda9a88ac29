package io.busbridge.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures the campaign prints as it goes, and the invariants that failed. */
final class Report {

    private final List<String> failures = new ArrayList<>();
    private final boolean enforceTiming;
    private double recoverySeconds;

    /** @param enforceTiming whether a missed time limit fails the run (the full run) or is only reported (quick) */
    Report(boolean enforceTiming) {
        this.enforceTiming = enforceTiming;
    }

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

    /**
     * A time limit. The quick run is CI's, on shared machines whose load the bridge does not control: there a
     * missed limit is printed, not failed, as the data invariants (nothing lost, nothing duplicated, no 5xx) are.
     */
    void checkTiming(boolean holds, String format, Object... args) {
        if (enforceTiming) {
            check(holds, format, args);
        } else if (!holds) {
            figure("MISSED (time limit, enforced in the full run) %s", String.format(Locale.ROOT, format, args));
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
