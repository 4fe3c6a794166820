package io.jconcurrent.cli;

/**
 * One task as read from the input, before it runs.
 *
 * @param seq the task's 1-based position in the input (parallel's job sequence number)
 * @param key the task's key: {@code seq} itself, or the key a {@code --tasks} line gave
 * @param arg what replaces {@code {}} in the command, or is appended to it: a String, a
 *            {@link JsonNumber} or Boolean, a List of those (each element one argument), or null (nothing)
 */
record TaskInput(long seq, Object key, Object arg) {
}
