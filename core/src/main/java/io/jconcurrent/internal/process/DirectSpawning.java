package io.jconcurrent.internal.process;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM's one {@link DirectSpawner}, loaded once: binding its C functions takes about 0.1 s, so a
 * short-lived program starts that early on a background thread ({@link #loadInBackground}), and
 * until it is done, tasks are started through the JDK's launcher instead of waiting for it.
 */
final class DirectSpawning {

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CompletableFuture<Optional<DirectSpawner>> LOADED = new CompletableFuture<>();

    private DirectSpawning() {
    }

    /** Starts loading on a daemon thread, unless loading has started already. */
    static void loadInBackground() {
        if (STARTED.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("jconcurrent-prepare").start(DirectSpawning::load);
        }
    }

    /** The spawner, or null where it cannot be used; loads it here, or waits for the background load. */
    static DirectSpawner get() {
        if (STARTED.compareAndSet(false, true)) {
            load();
        }
        return LOADED.join().orElse(null);
    }

    /**
     * How many tasks of this JVM may start through the JDK's launcher while the binding is under way
     * (see {@code CommandLauncher.spawnerFor}): enough for a short run's tasks not to wait.
     */
    static final int JDK_STARTS_WHILE_BINDING = 4;
    private static final AtomicInteger JDK_STARTS = new AtomicInteger();

    /** Takes one of the {@link #JDK_STARTS_WHILE_BINDING}; false when they are used up. */
    static boolean takeJdkStartWhileBinding() {
        return JDK_STARTS.getAndIncrement() < JDK_STARTS_WHILE_BINDING;
    }

    /** Whether a background load has started and not finished ({@link #get} would wait). */
    static boolean isLoading() {
        return STARTED.get() && !LOADED.isDone();
    }

    private static void load() {
        DirectSpawner spawner = null;
        try {
            spawner = DirectSpawner.loadIfUsable();
        } finally {
            LOADED.complete(Optional.ofNullable(spawner));
        }
        if (spawner != null) {
            Thread.ofPlatform().daemon().name("jconcurrent-warm-up").start(new WarmUp(spawner));
        }
    }

    /** The spawner's warm-up, off the caller's path (a class, not a lambda: its first use is cheaper). */
    private record WarmUp(DirectSpawner spawner) implements Runnable {
        @Override
        public void run() {
            spawner.warmUp();
        }
    }
}
