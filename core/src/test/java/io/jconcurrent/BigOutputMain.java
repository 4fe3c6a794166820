package io.jconcurrent;

import java.util.List;

/** Run in a small-heap JVM by {@link OutputTest}: 200 MB through the default capture cap. */
public final class BigOutputMain {

    private BigOutputMain() {
    }

    public static void main(String[] args) throws Exception {
        List<ProcResult> results = ProcRunMp.builder().command("/usr/bin/head", "/dev/zero", "-c")
                .tasks(Task.pairs(1, 200_000_000)).build().runAll();
        ProcResult r = results.getFirst();
        System.out.println("success=" + r.success() + " truncated=" + r.stdoutTruncated() + " returncode="
                + r.returnCode() + " length=" + r.stdout().length());
        System.exit(r.success() ? 0 : 1);
    }
}
