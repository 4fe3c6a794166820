package io.jconcurrent.cli;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * The input records of a run, made from its sources as GNU parallel makes them: the cross product of
 * the sources, the first source varying slowest ({@code ::: a b ::: 1 2} is {@code a 1, a 2, b 1,
 * b 2}); a linked source ({@code :::+}) paired with the one before it, up to the shorter of them; with
 * {@code --link}, all sources paired, the shorter ones repeated to the longest. With a column
 * separator, each value is split into columns, and a record is all of its values' columns.
 *
 * <p>Records are made one at a time as they are asked for. The first group of sources is read as it
 * goes (so an endless stdin works when it is the only source, or the first); the sources after it are
 * read whole first, since each of their records is used once per record of the first.
 */
final class InputRecords implements Iterator<List<String>> {

    private final Iterator<List<String>> first;
    private final List<List<List<String>>> rest;
    private final Pattern colsep;
    private List<String> firstTuple;
    private int[] indexes;
    private boolean empty;

    private InputRecords(Iterator<List<String>> first, List<List<List<String>>> rest, Pattern colsep) {
        this.first = first;
        this.rest = rest;
        this.colsep = colsep;
        this.indexes = new int[rest.size()];
        boolean anyEmpty = false;
        for (List<List<String>> r : rest) {
            anyEmpty |= r.isEmpty();
        }
        this.empty = anyEmpty;
    }

    /**
     * Opens the sources and combines them.
     *
     * @param linkAll  {@code --link}: pair every source, repeating the shorter ones
     * @param colsep   the column separator, or null
     * @throws UsageException if a file cannot be opened
     */
    static InputRecords of(List<InputSource> sources, boolean linkAll, Pattern colsep, InputStream stdin,
            byte delimiter) throws UsageException {
        List<List<InputSource>> groups = new ArrayList<>();
        for (InputSource s : sources) {
            if (groups.isEmpty() || !(linkAll || s.linked())) {
                groups.add(new ArrayList<>());
            }
            groups.getLast().add(s);
        }
        List<Iterator<List<String>>> opened = new ArrayList<>();
        for (List<InputSource> g : groups) {
            List<Iterator<String>> its = new ArrayList<>();
            for (InputSource s : g) {
                Iterator<String> it = s.open(stdin, delimiter);
                its.add(sources.size() > 1 && !linkAll ? oneEmptyIfNone(it) : it);
            }
            opened.add(linkAll ? wrapped(its) : zipped(its));
        }
        List<List<List<String>>> rest = new ArrayList<>();
        for (int i = 1; i < opened.size(); i++) {
            List<List<String>> all = new ArrayList<>();
            for (Iterator<List<String>> it = opened.get(i); it.hasNext(); ) {
                all.add(it.next());
            }
            rest.add(all);
        }
        return new InputRecords(opened.getFirst(), rest, colsep);
    }

    /** How many records the sources make, if all of them are known now; else -1. */
    static long knownCount(List<InputSource> sources, boolean linkAll) {
        long count = -1;
        long groupSize = -1;
        List<Long> groupSizes = new ArrayList<>();
        for (InputSource s : sources) {
            List<String> known = s.known();
            if (known == null) {
                return -1;
            }
            long size = sources.size() > 1 && !linkAll ? Math.max(1, known.size()) : known.size();
            if (groupSize < 0 || !(linkAll || s.linked())) {
                if (groupSize >= 0) {
                    groupSizes.add(groupSize);
                }
                groupSize = size;
            } else {
                groupSize = linkAll ? Math.max(groupSize, size) : Math.min(groupSize, size);
            }
        }
        if (groupSize >= 0) {
            groupSizes.add(groupSize);
            count = 1;
            for (long g : groupSizes) {
                count = Math.multiplyExact(count, g);
            }
        }
        return count;
    }

    @Override
    public boolean hasNext() {
        if (empty) {
            return false;
        }
        if (firstTuple != null) {
            return true;
        }
        return first.hasNext();
    }

    @Override
    public List<String> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (firstTuple == null) {
            firstTuple = first.next();
        }
        List<String> values = new ArrayList<>(firstTuple);
        for (int g = 0; g < rest.size(); g++) {
            values.addAll(rest.get(g).get(indexes[g]));
        }
        // Advance the odometer: the last source fastest; when it wraps to the start, the first moves on.
        int g = rest.size() - 1;
        while (g >= 0) {
            indexes[g]++;
            if (indexes[g] < rest.get(g).size()) {
                break;
            }
            indexes[g] = 0;
            g--;
        }
        if (g < 0) {
            firstTuple = null;
        }
        return colsep == null ? values : columns(values);
    }

    private List<String> columns(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String c : colsep.split(v, -1)) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * A source as one of several: when it has no values it gives one empty value, as in parallel, so
     * that {@code ::: a b :::: empty.txt} runs {@code a} and {@code b} rather than nothing.
     */
    private static Iterator<String> oneEmptyIfNone(Iterator<String> it) {
        return new Iterator<>() {
            private boolean started;
            private boolean filler;

            @Override
            public boolean hasNext() {
                if (!started) {
                    started = true;
                    filler = !it.hasNext();
                }
                return filler || it.hasNext();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (filler) {
                    filler = false;
                    return "";
                }
                return it.next();
            }
        };
    }

    /** Sources paired record by record, up to the shortest (:::+). */
    private static Iterator<List<String>> zipped(List<Iterator<String>> its) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                for (Iterator<String> it : its) {
                    if (!it.hasNext()) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public List<String> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<String> tuple = new ArrayList<>(its.size());
                for (Iterator<String> it : its) {
                    tuple.add(it.next());
                }
                return tuple;
            }
        };
    }

    /** Sources paired record by record, the shorter ones repeated up to the longest (--link). */
    private static Iterator<List<String>> wrapped(List<Iterator<String>> its) {
        List<List<String>> all = new ArrayList<>();
        int longest = 0;
        for (Iterator<String> it : its) {
            List<String> values = new ArrayList<>();
            while (it.hasNext()) {
                values.add(it.next());
            }
            all.add(values);
            longest = Math.max(longest, values.size());
        }
        List<List<String>> tuples = new ArrayList<>();
        boolean anyEmpty = false;
        for (List<String> values : all) {
            anyEmpty |= values.isEmpty();
        }
        for (int i = 0; i < longest && !anyEmpty; i++) {
            List<String> tuple = new ArrayList<>(all.size());
            for (List<String> values : all) {
                tuple.add(values.get(i % values.size()));
            }
            tuples.add(tuple);
        }
        return tuples.iterator();
    }
}
