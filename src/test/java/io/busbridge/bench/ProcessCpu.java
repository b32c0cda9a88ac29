package io.busbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process has used, read from /proc/PID/stat (utime + stime, in clock ticks). */
record ProcessCpu(long pid, long clockTicksPerSecond) {

    /** @return user + system CPU seconds used so far */
    double seconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name in (...) may hold spaces; the fields after it are fixed: state is 3rd, utime 14th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
            return (double) ticks / clockTicksPerSecond;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
        }
    }
}
