package io.jconcurrent.internal.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How the unbounded head of a {@link HeadTailBuffer} is chunked and joined. */
class HeadTailBufferChunkTest {

    @Test
    void chunkSizesArePowersOfTwoLessAnArrayHeaderUpToTheCap() {
        assertThat(HeadTailBuffer.nextChunkSize(0)).isEqualTo((8 << 10) - 16);
        assertThat(HeadTailBuffer.nextChunkSize(100_000)).isEqualTo((128 << 10) - 16);
        assertThat(HeadTailBuffer.nextChunkSize(3L << 20)).isEqualTo((4 << 20) - 16);
        assertThat(HeadTailBuffer.nextChunkSize(1L << 40)).isEqualTo((8 << 20) - 16);
        for (long kept = 0; kept < (64L << 20); kept += 777_777) {
            int size = HeadTailBuffer.nextChunkSize(kept);
            assertThat(Integer.bitCount(size + 16)).as("size %d for %d kept", size, kept).isEqualTo(1);
        }
    }

    @Test
    void manyChunksJoinBackIntoTheExactTextAndCanBeReadTwice() {
        HeadTailBuffer buffer = new HeadTailBuffer(Long.MAX_VALUE);
        StringBuilder expected = new StringBuilder();
        byte[] piece = new byte[65_536 + 7];
        for (int round = 0; round < 300; round++) {
            for (int i = 0; i < piece.length; i++) {
                piece[i] = (byte) ('a' + (round + i) % 26);
            }
            buffer.write(piece, 0, piece.length);
            expected.append(new String(piece, StandardCharsets.US_ASCII));
        }
        String first = buffer.text();
        assertThat(first.length()).isEqualTo(expected.length());
        assertThat(first).isEqualTo(expected.toString());
        assertThat(buffer.text()).isEqualTo(first);
        assertThat(buffer.truncated()).isFalse();
    }

    @Test
    void aMultiByteCharacterSplitAcrossChunksSurvives() {
        HeadTailBuffer buffer = new HeadTailBuffer(Long.MAX_VALUE);
        byte[] filler = new byte[(8 << 10) - 17];
        java.util.Arrays.fill(filler, (byte) 'x');
        buffer.write(filler, 0, filler.length);
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // 3 bytes, crossing the first chunk's end
        buffer.write(euro, 0, euro.length);
        assertThat(buffer.text()).endsWith("x€").hasSize(filler.length + 1);
    }
}
