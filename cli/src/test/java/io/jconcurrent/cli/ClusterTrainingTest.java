package io.jconcurrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The training run bin/jconcurrent makes the cluster runs' class cache with: a batch on a member of its own. */
class ClusterTrainingTest {

    @Test
    void trainingRunsABatchOnAMemberOfItsOwnAndSucceeds() {
        assertThat(ClusterTraining.train()).isZero();
    }
}
