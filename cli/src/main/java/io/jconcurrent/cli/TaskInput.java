package io.jconcurrent.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One task as read from the input, before it runs.
 *
 * @param seq     the task's 1-based position in the input (parallel's job sequence number)
 * @param key     the task's key: {@code seq} itself, or the key a {@code --tasks} line gave
 * @param arg     the task's arg as reports show it: a String, a {@link JsonNumber} or Boolean, a List of
 *                those, or null
 * @param records what the command's replacement strings stand for (raw strings, {@link JobArgs})
 * @param stdin   the file the task reads as its stdin ({@code --pipe}), or null for none
 */
record TaskInput(long seq, Object key, Object arg, List<List<String>> records, Path stdin) {

    TaskInput {
        records = List.copyOf(records);
    }

    TaskInput(long seq, Object key, Object arg, List<List<String>> records) {
        this(seq, key, arg, records, null);
    }

    /**
     * A task whose values come from its arg ({@code --tasks}): a List gives one value per element,
     * null none, anything else one value, its text.
     */
    TaskInput(long seq, Object key, Object arg) {
        this(seq, key, arg, List.of(valuesOf(arg)));
    }

    /** A task made of input records (raw strings); its arg shows as the text of its values. */
    static TaskInput ofRecords(long seq, List<List<String>> records) {
        List<Object> shown = new ArrayList<>();
        for (List<String> r : records) {
            for (String v : r) {
                shown.add(RawText.toText(v));
            }
        }
        Object arg = shown.size() == 1 ? shown.getFirst() : List.copyOf(shown);
        return new TaskInput(seq, seq, arg, records);
    }

    /** The bytes the task gets on its stdin (the joblog's Send column): its --pipe block's size, else 0. */
    long sent() {
        if (stdin == null) {
            return 0;
        }
        try {
            return java.nio.file.Files.size(stdin);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** The job this task is, in a slot. */
    JobArgs job(int slot) {
        return new JobArgs(seq, slot, records);
    }

    private static List<String> valuesOf(Object arg) {
        if (arg == null) {
            return List.of();
        }
        if (arg instanceof List<?> list) {
            List<String> values = new ArrayList<>(list.size());
            for (Object e : list) {
                values.add(RawText.fromText(String.valueOf(e)));
            }
            return values;
        }
        return List.of(RawText.fromText(String.valueOf(arg)));
    }
}
