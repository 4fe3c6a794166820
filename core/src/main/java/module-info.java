/**
 * jconcurrent's library: run a batch of tasks (subprocesses or Java functions) concurrently. Only the
 * API package is exported; the engine's packages are not reachable from outside. For direct spawning
 * on the module path, run with {@code --enable-native-access=io.jconcurrent}.
 */
module io.jconcurrent {
    exports io.jconcurrent;
    // Flight Recorder events (io.jconcurrent.internal.events); their classes load only while a recording is on.
    requires jdk.jfr;
}
