package io.jconcurrent.cluster;

import java.io.Serializable;

/**
 * A submitter's challenge and a member's answer: the member proves it holds the secret (its answer is
 * sealed) and that it is the member asked (it repeats the nonce), and says what it offers.
 *
 * @param nonce    random bytes chosen by the submitter
 * @param member   the member's Hazelcast UUID, as text (empty in the challenge)
 * @param workers  how many tasks the member runs at once (0 in the challenge)
 * @param host     the member's address as {@code host:port} (empty in the challenge)
 */
record Hello(byte[] nonce, String member, int workers, String host) implements Serializable {
}
