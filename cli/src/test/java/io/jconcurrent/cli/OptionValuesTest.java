package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jconcurrent.Halt;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small values the options are parsed into. */
class OptionValuesTest {

    @Test
    void timeoutAcceptsSecondsDecimalsAndUnits() {
        assertThat(TimeoutSpec.parse("30").fixed()).isEqualTo(Duration.ofSeconds(30));
        assertThat(TimeoutSpec.parse("0.25").fixed()).isEqualTo(Duration.ofMillis(250));
        assertThat(TimeoutSpec.parse("2m").fixed()).isEqualTo(Duration.ofMinutes(2));
        assertThat(TimeoutSpec.parse("1h").fixed()).isEqualTo(Duration.ofHours(1));
        assertThat(TimeoutSpec.parse("1d").fixed()).isEqualTo(Duration.ofDays(1));
        assertThat(TimeoutSpec.parse("0").fixed()).isZero();
    }

    @Test
    void sizesReadUnitsAsParallelDoes() {
        assertThat(ByteSize.parse("1000")).isEqualTo(1000);
        assertThat(ByteSize.parse("64K")).isEqualTo(65_536);
        assertThat(ByteSize.parse("100k")).isEqualTo(100_000);
        assertThat(ByteSize.parse("10m")).isEqualTo(10_000_000);
        assertThat(ByteSize.parse("10M")).isEqualTo(10_485_760);
        assertThat(ByteSize.parse("2Mi")).isEqualTo(2_097_152);
        assertThat(ByteSize.parse("2mi")).isEqualTo(2_097_152);
        assertThat(ByteSize.parse("1G")).isEqualTo(1L << 30);
        assertThat(ByteSize.parse("1g")).isEqualTo(1_000_000_000);
        assertThat(ByteSize.parse("1.5M")).isEqualTo(1_572_864);
        assertThat(ByteSize.parse("0.5k")).isEqualTo(500);
        for (String bad : List.of("", "x", "-1", "5x", "1.2.3", "K", "99999999999P")) {
            assertThatThrownBy(() -> ByteSize.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void timeoutAcceptsAPercentageOfTheMedian() {
        TimeoutSpec t = TimeoutSpec.parse("250%");
        assertThat(t.isPercent()).isTrue();
        assertThat(t.percent()).isEqualTo(250.0);
    }

    @Test
    void timeoutRejectsNonsenseNamingIt() {
        for (String bad : List.of("", "x", "-1", "5x", "%", "-5%", "1.2.3")) {
            assertThatThrownBy(() -> TimeoutSpec.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void haltParsesParallelsFormsIntoTheLibrarysHalt() {
        assertThat(HaltOption.parse("never")).isEqualTo(Halt.never());
        assertThat(HaltOption.parse("now,fail=1")).isEqualTo(Halt.failFast());
        assertThat(HaltOption.parse("now,fail=1").isFailFast()).isTrue();
        assertThat(HaltOption.parse("soon,success=3")).isEqualTo(Halt.soon().afterSuccesses(3));
        assertThat(HaltOption.parse("soon,fail=20%")).isEqualTo(Halt.soon().afterFailurePercent(20));
        assertThat(HaltOption.parse("now,done=25%")).isEqualTo(Halt.now().afterDonePercent(25));
        assertThat(HaltOption.parse("1")).isEqualTo(Halt.soon().afterFailures(1));
        assertThat(HaltOption.parse("2")).isEqualTo(HaltOption.parse("now,fail=1"));
        assertThat(HaltOption.describe(HaltOption.parse("now,done=25%"))).isEqualTo("now,done=25.0%");
    }

    @Test
    void haltRejectsNonsense() {
        for (String bad : List.of("later", "now", "now,fail", "now,fail=0", "now,oops=1", "soon,fail=x", "now,fail=0%",
                "now,fail=101%")) {
            assertThatThrownBy(() -> HaltOption.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void item6_jobsTakeParallelsRelativeAndPercentageForms() {
        assertThat(JobCount.parse("3", 2)).isEqualTo(3);
        assertThat(JobCount.parse("0", 2)).isZero();
        assertThat(JobCount.parse("+2", 2)).isEqualTo(4);
        assertThat(JobCount.parse("-1", 4)).isEqualTo(3);
        assertThat(JobCount.parse("-5", 4)).isEqualTo(1);
        assertThat(JobCount.parse("50%", 4)).isEqualTo(2);
        assertThat(JobCount.parse("10%", 4)).isEqualTo(1);
        assertThat(JobCount.parse("200%", 3)).isEqualTo(6);
        for (String bad : List.of("", "x", "1.5", "+", "-x", "%", "-5%")) {
            assertThatThrownBy(() -> JobCount.parse(bad, 2)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("N%");
        }
    }

    @Test
    void exitStatusCountsFailuresUpTo101() {
        assertThat(ExitCode.forFailures(0)).isZero();
        assertThat(ExitCode.forFailures(7)).isEqualTo(7);
        assertThat(ExitCode.forFailures(5000)).isEqualTo(101);
        assertThat(ExitCode.forSignal(2)).isEqualTo(130);
        assertThat(ExitCode.forSignal(15)).isEqualTo(143);
    }

    @Test
    void progressBarShowsCountsShareAndEta() {
        assertThat(ProgressBar.line(3, 1, 10, 3_000_000_000L)).contains("3/10").contains("30%").contains("1 failed")
                .contains("ETA 0:07");
        assertThat(ProgressBar.line(4, 0, -1, 1)).isEqualTo("4 done");
    }
}
