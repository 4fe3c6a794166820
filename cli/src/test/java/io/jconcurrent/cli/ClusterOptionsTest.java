package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Mistakes in the cluster options are usage errors (status 2) that name them, before anything starts. */
class ClusterOptionsTest {

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("--cluster-include-local", "echo", ":::", "a"), "need --cluster"),
                Arguments.of(List.of("--secret-file", "/x", "echo", ":::", "a"), "need --cluster"),
                Arguments.of(List.of("--cluster", "nohost", "echo", ":::", "a"), "not host:port"),
                Arguments.of(List.of("--cluster", "127.0.0.1:1", "--print-results", "echo", ":::", "a"),
                        "--print-results"),
                Arguments.of(List.of("--cluster", "10.1.2.3:5701", "echo", ":::", "a"), "secret is required"),
                Arguments.of(List.of("--cluster", "127.0.0.1:5701", "--secret-file", "/no/such/file", "echo", ":::",
                        "a"), "/no/such/file"),
                Arguments.of(List.of("--serve", "--port", "x"), "--port"),
                Arguments.of(List.of("--serve", "echo"), "takes no command"),
                Arguments.of(List.of("--serve", "--bind", "10.1.2.3"), "secret is required"),
                Arguments.of(List.of("--serve", "--join", "10.1.2.3:5701"), "secret is required"),
                Arguments.of(List.of("--serve", "--secret-file", "/no/such/file"), "/no/such/file"),
                Arguments.of(List.of("--serve", "--classpath", "/no/such.jar"), "/no/such.jar"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void clusterOptionMistakeIsAUsageErrorNamingIt(List<String> args, String named) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(named);
    }
}
