package io.jconcurrent.internal.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A {@link HeadTailBuffer} whose head outgrows memory goes to a temporary file and comes back whole. */
class HeadTailBufferSpillTest {

    private static final long SPILL_AT = 1000;

    private static long spillFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("jconcurrent-output-")).count();
        }
    }

    private static String writeInPieces(HeadTailBuffer buffer, int total) {
        StringBuilder written = new StringBuilder();
        for (int i = 0; i < total; i += 97) {
            byte[] piece = ("line " + i + "\n").repeat(20).substring(0, Math.min(97, total - i))
                    .getBytes(StandardCharsets.US_ASCII);
            buffer.write(piece, 0, piece.length);
            written.append(new String(piece, StandardCharsets.US_ASCII));
        }
        return written.toString();
    }

    @Test
    void aSpilledHeadComesBackExactlyAndItsFileIsDeleted() throws IOException {
        long before = spillFiles();
        HeadTailBuffer buffer = new HeadTailBuffer(Long.MAX_VALUE, SPILL_AT);

        String written = writeInPieces(buffer, 20_000);
        assertThat(spillFiles()).isEqualTo(before + 1);

        assertThat(buffer.text()).isEqualTo(written);
        assertThat(buffer.text()).isEqualTo(written); // a second read
        assertThat(buffer.truncated()).isFalse();
        assertThat(spillFiles()).isEqualTo(before);
    }

    @Test
    void invalidUtf8InASpilledHeadIsReplaced() {
        HeadTailBuffer buffer = new HeadTailBuffer(Long.MAX_VALUE, SPILL_AT);
        byte[] text = "é".repeat(600).getBytes(StandardCharsets.UTF_8); // 1200 bytes, past the spill point
        buffer.write(text, 0, text.length);
        buffer.write(new byte[] {(byte) 0xff, 'z'}, 0, 2);

        assertThat(buffer.text()).isEqualTo("é".repeat(600) + "\uFFFDz");
    }

    @Test
    void aSpilledHeadWithADroppedMiddleKeepsHeadMarkerAndTail() throws IOException {
        long before = spillFiles();
        HeadTailBuffer buffer = new HeadTailBuffer(4000, SPILL_AT); // head 2000 bytes, tail 2000 bytes

        String written = writeInPieces(buffer, 50_000);

        String text = buffer.text();
        assertThat(buffer.truncated()).isTrue();
        assertThat(text).startsWith(written.substring(0, 1900)).endsWith(written.substring(written.length() - 1900))
                .contains(" bytes omitted]");
        assertThat(spillFiles()).isEqualTo(before);
    }
}
