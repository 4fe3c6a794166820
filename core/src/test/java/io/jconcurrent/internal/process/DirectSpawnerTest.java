package io.jconcurrent.internal.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.jconcurrent.Work;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which way tasks are started, and that the choice can be forced. */
class DirectSpawnerTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(DirectSpawner.PROPERTY);
    }

    @Test
    void onJava22WithNativeAccessTasksAreSpawnedDirectly() {
        // The build runs tests on Java 22+ with --enable-native-access (see core/pom.xml).
        assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(22);
        assertThat(DirectSpawner.loadIfUsable()).isNotNull();
        assertThat(new CommandLauncher(new Work.Command(java.util.List.of("/bin/true")), null, null, Platform.current()).spawnsDirectly()).isTrue();
    }

    @Test
    void theJdkLauncherCanBeForced() {
        System.setProperty(DirectSpawner.PROPERTY, "jdk");
        assertThat(new CommandLauncher(new Work.Command(java.util.List.of("/bin/true")), null, null, Platform.current()).spawnsDirectly()).isFalse();
    }
}
