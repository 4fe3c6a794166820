package io.jconcurrent.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What one job's command is made from: its number, its slot, and its input records, each a list of
 * values (raw strings, {@link RawText}): one per input source, or per column with {@code --colsep}.
 * A job has one record, or several with {@code -N}, {@code -X} and {@code -m}.
 *
 * @param seq     the job's sequence number, from 1
 * @param slot    the job slot it runs in, from 1; 0 when not known (a dry run, a log)
 * @param records its input records, in input order
 * @param current the record that {@code {}} and its forms stand for in a word repeated per record
 *                ({@code -X}, {@code -N}), or -1 for all of them
 */
record JobArgs(long seq, int slot, List<List<String>> records, int current) {

    JobArgs {
        records = List.copyOf(records);
    }

    JobArgs(long seq, int slot, List<List<String>> records) {
        this(seq, slot, records, -1);
    }

    /** What {@code {}} stands for: the current record's values, or every value. */
    List<String> values() {
        return current >= 0 ? records.get(current) : positions();
    }

    /** Every value of every record, in order: what {@code {}} stands for, and {@code {n}} picks from. */
    List<String> positions() {
        if (records.size() == 1) {
            return records.getFirst();
        }
        List<String> all = new ArrayList<>();
        for (List<String> r : records) {
            all.addAll(r);
        }
        return all;
    }

    /**
     * This job with {@code {}} standing for its {@code i}-th record only, for a word repeated per record
     * ({@code {1}}, {@code {2}} ... still pick from all of the job's values, as in parallel).
     */
    JobArgs record(int i) {
        return new JobArgs(seq, slot, records, i);
    }
}
