package io.jconcurrent.cli;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** {@code -r}: input records whose values are all empty or blanks are skipped, as parallel skips them. */
final class BlankSkipper implements Iterator<List<String>> {

    private final Iterator<List<String>> records;
    private List<String> next;

    BlankSkipper(Iterator<List<String>> records) {
        this.records = records;
    }

    @Override
    public boolean hasNext() {
        while (next == null && records.hasNext()) {
            List<String> r = records.next();
            if (!r.stream().allMatch(String::isBlank)) {
                next = r;
            }
        }
        return next != null;
    }

    @Override
    public List<String> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<String> r = next;
        next = null;
        return r;
    }
}
