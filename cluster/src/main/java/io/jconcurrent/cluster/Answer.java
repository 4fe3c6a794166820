package io.jconcurrent.cluster;

import java.io.Serializable;

/**
 * A member's reply to an order that has no other answer: done, or why not.
 *
 * @param error null if done, else what went wrong, in a sentence that names this member
 */
record Answer(String error) implements Serializable {

    static final Answer OK = new Answer(null);
}
