package io.busbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * config/application.properties and the README's configuration tables (key, env var, default, secret?)
 * describe the same settings, and every setting in the file is explained by a comment.
 */
class ConfigurationDocsTest {

    private static final Pattern KEY_LINE = Pattern.compile("^([a-z][a-z0-9.-]*)=");
    /** A row of a four-column table that starts with a key in backquotes. */
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z][a-z0-9.<>-]*)` \\|[^|]*\\|[^|]*\\|[^|]*\\|$");

    @Test
    void everyKeyHasATableRowAndEveryRowAKey() throws IOException {
        List<String> keys = keys();
        Set<String> rows = tableRows();

        assertThat(keys).allSatisfy(key -> assertThat(documented(key, rows)).as(key).isTrue());
        assertThat(rows).allSatisfy(row -> assertThat(keys).as(row)
                .anyMatch(key -> key.equals(row) || key.startsWith(row.replace("<destination>", ""))));
    }

    /** A key may share the comment of the block of keys right above it, but a block starts with a comment. */
    @Test
    void everyKeyIsCommented() throws IOException {
        List<String> uncommented = new ArrayList<>();
        String previous = "";
        for (String line : Files.readAllLines(Path.of("config/application.properties"))) {
            boolean explained = previous.startsWith("# ") || KEY_LINE.matcher(previous).find();
            if (KEY_LINE.matcher(line).find() && !explained) {
                uncommented.add(line);
            }
            previous = line;
        }
        assertThat(uncommented).isEmpty();
    }

    private static boolean documented(String key, Set<String> rows) {
        return rows.contains(key) || rows.stream()
                .anyMatch(row -> row.endsWith(".<destination>") && key.startsWith(row.replace("<destination>", "")));
    }

    private static List<String> keys() throws IOException {
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("config/application.properties"))) {
            Matcher key = KEY_LINE.matcher(line);
            if (key.find()) {
                keys.add(key.group(1));
            }
        }
        return keys;
    }

    private static Set<String> tableRows() throws IOException {
        Set<String> rows = new LinkedHashSet<>();
        boolean configTable = false;
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (line.startsWith("| key | env var | default | secret? |")) {
                configTable = true;
            } else if (!line.startsWith("|")) {
                configTable = false;
            }
            Matcher row = TABLE_ROW.matcher(line);
            if (configTable && row.find()) {
                rows.add(row.group(1));
            }
        }
        return rows;
    }
}
