package io.jconcurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Finds worker JVMs among a process's descendants, and checks that processes are gone (killing leftovers). */
final class WorkerProcesses {

    private static final String MAIN = "io.jconcurrent.internal.worker.WorkerMain";

    private WorkerProcesses() {
    }

    /** The live worker JVMs below {@code parent}. */
    static List<ProcessHandle> workersOf(ProcessHandle parent) {
        return parent.descendants().filter(WorkerProcesses::isWorker).toList();
    }

    static boolean isWorker(ProcessHandle h) {
        return h.isAlive() && h.info().commandLine().map(c -> c.contains(MAIN)).orElse(false);
    }

    /** Polls every 20 ms until {@code condition} holds or {@code limit} passes; returns whether it held. */
    static boolean await(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(20_000_000);
        }
        return true;
    }

    /** Asserts that every process in {@code handles} is gone within {@code limit}; kills survivors first. */
    static void assertAllGone(Collection<ProcessHandle> handles, Duration limit) {
        boolean gone = await(limit, () -> handles.stream().noneMatch(ProcessHandle::isAlive));
        List<Long> survivors = handles.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
        handles.forEach(ProcessHandle::destroyForcibly);
        assertThat(gone).as("processes still alive: %s", survivors).isTrue();
    }

    /** Asserts that this JVM has no worker JVMs left (polling briefly); kills any it finds. */
    static void assertNoWorkersLeft() {
        boolean none = await(Duration.ofSeconds(5), () -> workersOf(ProcessHandle.current()).isEmpty());
        List<ProcessHandle> left = workersOf(ProcessHandle.current());
        left.forEach(ProcessHandle::destroyForcibly);
        assertThat(none).as("worker JVMs left running: %s", left.stream().map(ProcessHandle::pid).toList()).isTrue();
    }
}
