package io.jconcurrent.internal.process;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

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
