package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerJvmSmokeTest {

    static Outcome pid(Object key, List<Object> args) {
        System.out.println("hello " + key);
        return Outcome.ok(ProcessHandle.current().pid());
    }

    @Test
    void smoke() throws Exception {
        System.err.println("CP=" + System.getProperty("java.class.path"));
        long t0 = System.nanoTime();
        List<ProcResult> rs = ProcRunMp.builder().function(WorkerJvmSmokeTest::pid)
                .tasks(Task.pairs(1, 1, 2, 2, 3, 3)).workers(2).timeout(Duration.ofSeconds(20)).build().runAll();
        System.err.println("took ms " + (System.nanoTime() - t0) / 1e6);
        for (ProcResult r : rs) {
            System.err.println(r);
        }
        assertThat(rs).allMatch(ProcResult::success);
    }
}
