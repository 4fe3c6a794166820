package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;

/**
 * docs/cli.md's table of every GNU parallel option says what jconcurrent does with each: this checks it
 * against the CLI, so the table cannot drift from the code.
 */
class DocsOptionTableTest {

    private static final Pattern OPTION = Pattern.compile("`(--?[A-Za-z0-9][A-Za-z0-9-]*)`");

    /** Each row of the table: its options, and whether they are marked not supported. */
    private static List<Object[]> rows() throws Exception {
        List<String> lines = Files.readAllLines(Cli.LAUNCHER.getParent().getParent().resolve("docs/cli.md"));
        int start = lines.indexOf("## Every GNU parallel option");
        assertThat(start).as("the table's heading").isPositive();
        List<Object[]> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("| ") || line.startsWith("| Option") || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.split(" \\| ", 2);
            Matcher m = OPTION.matcher(cells[0]);
            List<String> options = new ArrayList<>();
            while (m.find()) {
                options.add(m.group(1));
            }
            rows.add(new Object[] {options, cells[1].startsWith("not supported")});
        }
        return rows;
    }

    @Test
    void everyOptionMarkedSameOrDifferentIsAccepted() throws Exception {
        Options options = CliOptions.options();
        int checked = 0;
        for (Object[] row : rows()) {
            if (!(Boolean) row[1]) {
                for (Object o : (List<?>) row[0]) {
                    String name = ((String) o).replaceFirst("^--?", "");
                    assertThat(options.hasOption(name)).as(o + " is accepted").isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void everyOptionMarkedNotSupportedIsRefusedWithAReason() throws Exception {
        int checked = 0;
        for (Object[] row : rows()) {
            if ((Boolean) row[1]) {
                for (Object o : (List<?>) row[0]) {
                    String option = (String) o;
                    assertThatThrownBy(() -> JconcurrentCommand.parse(new String[] {option, "echo", ":::", "a"}))
                            .as(option).isInstanceOf(UsageException.class).hasMessageContaining("not supported")
                            .hasMessageContaining(option);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(80);
    }
}
