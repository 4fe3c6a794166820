package io.jconcurrent.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Groups input records into jobs, numbered from 1: one record per job by default; {@code n} per job
 * with {@code -N n} (the last job may have fewer; {@code -N 0} runs each job with no values); with
 * {@code -X} or {@code -m}, as many as fit in the command line's length limit; as in parallel, once
 * the input ends before a job is full, that job's records are spread evenly over the job slots, and no
 * later job gets more than the first of them.
 */
final class JobMaker implements Iterator<TaskInput> {

    /** How records are grouped. */
    record Grouping(int perJob, boolean fill, int maxChars) {
        /** One record per job. */
        static final Grouping ONE = new Grouping(1, false, 0);
    }

    private final Iterator<List<String>> records;
    private final Grouping grouping;
    private final CommandTemplate template;
    private final int jobs;
    /** With -X/-m, the most records a job gets, once the input has ended ({@link #spread}). */
    private int perJobAtMost = Integer.MAX_VALUE;
    private long seq;
    /** Records read but not used yet: they did not fit in the job before, or were spread. */
    private final ArrayDeque<List<String>> pushedBack = new ArrayDeque<>();

    /** @param jobs the number of job slots, for spreading {@code -X}/{@code -m} (0 = no limit: no spreading) */
    JobMaker(Iterator<List<String>> records, Grouping grouping, CommandTemplate template, int jobs) {
        this.records = records;
        this.grouping = grouping;
        this.template = template;
        this.jobs = jobs;
    }

    /** How many jobs {@code records} known records make without -X/-m (else -1: it depends on lengths). */
    static long jobCount(long records, Grouping grouping) {
        if (records < 0 || grouping.fill()) {
            return -1;
        }
        int n = Math.max(1, grouping.perJob());
        return (records + n - 1) / n;
    }

    @Override
    public boolean hasNext() {
        return !pushedBack.isEmpty() || records.hasNext();
    }

    private List<String> nextRecord() {
        return pushedBack.isEmpty() ? records.next() : pushedBack.removeFirst();
    }

    @Override
    public TaskInput next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        seq++;
        List<List<String>> group = new ArrayList<>();
        if (grouping.fill()) {
            fill(group);
        } else if (grouping.perJob() == 0) {
            nextRecord();
            group.add(List.of());
        } else {
            while (group.size() < grouping.perJob() && hasNext()) {
                group.add(nextRecord());
            }
        }
        return TaskInput.ofRecords(seq, group);
    }

    /**
     * Adds records while the command line stays within {@code -s}, counted as parallel counts it: the
     * line's length (words quoted as in {@code --dry-run}) plus one. Each record after the first adds what
     * it adds to a line of the first record alone, so the line is never built more than twice per record.
     */
    private void fill(List<List<String>> group) {
        List<String> first = nextRecord();
        group.add(first);
        long length = template.commandLine(new JobArgs(seq, 0, List.of(first))).length() + 1L;
        int firstAlone = (int) length - 1;
        while (group.size() < perJobAtMost) {
            if (!hasNext()) {
                spread(group);
                return;
            }
            List<String> r = nextRecord();
            int added = template.commandLine(new JobArgs(seq, 0, List.of(first, r))).length() - firstAlone;
            if (length + added > grouping.maxChars()) {
                pushedBack.addFirst(r);
                return;
            }
            group.add(r);
            length += added;
        }
    }

    /**
     * The input ended before this job was full: as parallel does, this job keeps its share of what is
     * left when spread evenly over the job slots, gives the rest back, and no later job gets more.
     */
    private void spread(List<List<String>> group) {
        if (jobs <= 0 || perJobAtMost != Integer.MAX_VALUE) {
            return;
        }
        perJobAtMost = (group.size() + jobs - 1) / jobs;
        while (group.size() > perJobAtMost) {
            pushedBack.addFirst(group.removeLast());
        }
    }
}
