package io.jconcurrent.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code --tasks} input: JSON Lines of {@code {"key": ..., "arg": ...}}, all of it before
 * anything runs, so that a bad line is a usage error that names its line and nothing has started.
 *
 * <p>A key is a string or an integer and must be unique, and two keys that print alike ({@code 1} and
 * {@code "1"}) are the same key: the joblog, {@code --json} and {@code --resume} could not tell them
 * apart. An arg is a string, a number (kept as written: {@link JsonNumber}), a boolean, an array of
 * those (one command argument per element), null or absent (nothing is added to the command); an
 * object arg is passed as its JSON text, as written. Each line holds one object: anything after it is
 * an error. Blank lines are skipped.
 */
final class JsonTaskReader {

    private final JsonFactory factory = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * @param name the input's name for messages ({@code -} for stdin)
     * @throws UsageException for a line that is not such an object, or a repeated key
     */
    List<TaskInput> read(BufferedReader reader, String name) throws UsageException {
        List<TaskInput> tasks = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Object> firstKeys = new HashMap<>();
        String where = name.equals("-") ? "stdin" : name;
        int lineNo = 0;
        try (reader) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                TaskInput task = parse(line, tasks.size() + 1, where + ":" + lineNo);
                String printed = String.valueOf(task.key());
                Integer first = seen.putIfAbsent(printed, lineNo);
                if (first != null) {
                    Object earlier = firstKeys.get(printed);
                    String alike = earlier.equals(task.key()) ? "" : " (the key " + json(earlier)
                            + " there prints alike)";
                    throw new UsageException(where + ":" + lineNo + ": duplicate key " + json(task.key())
                            + " (first on line " + first + ")" + alike);
                }
                firstKeys.put(printed, task.key());
                tasks.add(task);
            }
        } catch (IOException e) {
            throw new UsageException("cannot read " + where + ": " + e.getMessage(), e);
        }
        return tasks;
    }

    private static String json(Object key) {
        return key instanceof String s ? "\"" + s + "\"" : String.valueOf(key);
    }

    private TaskInput parse(String line, long seq, String where) throws UsageException {
        try (JsonParser p = factory.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new UsageException(where + ": expected a JSON object like {\"key\": \"a\", \"arg\": \"x\"}");
            }
            Object key = null;
            Object arg = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "key" -> key = key(p, value, where);
                    case "arg" -> arg = arg(p, value, line, where);
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new UsageException(where + ": not valid JSON");
            }
            if (p.nextToken() != null) {
                throw new UsageException(where + ": more than one JSON value on the line; put each task on a"
                        + " line of its own");
            }
            if (key == null) {
                throw new UsageException(where + ": missing \"key\"");
            }
            return new TaskInput(seq, key, arg);
        } catch (JacksonException e) {
            throw new UsageException(where + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageException(where + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static Object key(JsonParser p, JsonToken t, String where) throws IOException, UsageException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        String text = t.isStructStart() ? t.asString() : p.getText();
        throw new UsageException(where + ": \"key\" must be a string or an integer, got " + text);
    }

    private static Object arg(JsonParser p, JsonToken t, String line, String where) throws IOException, UsageException {
        if (t == JsonToken.START_ARRAY) {
            List<Object> elements = new ArrayList<>();
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                if (e.isStructStart()) {
                    throw new UsageException(where + ": \"arg\" array elements must be strings or numbers");
                }
                Object v = scalar(p, e);
                elements.add(v == null ? "" : v);
            }
            return List.copyOf(elements);
        }
        if (t == JsonToken.START_OBJECT) {
            int from = (int) p.currentTokenLocation().getCharOffset();
            p.skipChildren();
            int to = (int) p.currentLocation().getCharOffset();
            return line.substring(from, to);
        }
        return scalar(p, t);
    }

    private static Object scalar(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new JsonNumber(p.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> p.getText();
        };
    }
}
