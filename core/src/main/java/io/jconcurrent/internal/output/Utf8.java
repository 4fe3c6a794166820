package io.jconcurrent.internal.output;

/** Byte-level UTF-8 boundaries, so that cutting a stream does not split a character. */
final class Utf8 {

    private Utf8() {
    }

    /** The length of the longest prefix of {@code b[0, len)} that does not end inside a character. */
    static int completePrefix(byte[] b, int len) {
        int i = len - 1;
        int continuation = 0;
        while (i >= 0 && continuation < 3 && (b[i] & 0xC0) == 0x80) {
            i--;
            continuation++;
        }
        if (i < 0) {
            return len;
        }
        int lead = b[i] & 0xFF;
        int need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
        return need > continuation ? i : len;
    }

    /** The index of the first byte of {@code b} that does not continue a character (at most 3). */
    static int firstBoundary(byte[] b) {
        int i = 0;
        while (i < b.length && i < 3 && (b[i] & 0xC0) == 0x80) {
            i++;
        }
        return i;
    }
}
