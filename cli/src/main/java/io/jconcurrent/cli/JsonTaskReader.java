package io.jconcurrent.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * <p>A key is a string or an integer and must be unique. An arg is a string, a number, a boolean, an
 * array of those (one command argument per element), null or absent (nothing is added to the
 * command); an object arg is passed as its JSON text. Blank lines are skipped.
 */
final class JsonTaskReader {

    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param name the input's name for messages ({@code -} for stdin)
     * @throws UsageException for a line that is not such an object, or a repeated key
     */
    List<TaskInput> read(BufferedReader reader, String name) throws UsageException {
        List<TaskInput> tasks = new ArrayList<>();
        Map<Object, Integer> seen = new HashMap<>();
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
                Integer first = seen.putIfAbsent(task.key(), lineNo);
                if (first != null) {
                    throw new UsageException(where + ":" + lineNo + ": duplicate key " + mapper.writeValueAsString(
                            task.key()) + " (first on line " + first + ")");
                }
                tasks.add(task);
            }
        } catch (IOException e) {
            throw new UsageException("cannot read " + where + ": " + e.getMessage(), e);
        }
        return tasks;
    }

    private TaskInput parse(String line, long seq, String where) throws UsageException {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JacksonException e) {
            throw new UsageException(where + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new UsageException(where + ": expected a JSON object like {\"key\": \"a\", \"arg\": \"x\"}");
        }
        JsonNode key = node.get("key");
        if (key == null || key.isNull()) {
            throw new UsageException(where + ": missing \"key\"");
        }
        Object keyValue;
        if (key.isTextual()) {
            keyValue = key.textValue();
        } else if (key.isIntegralNumber() && key.canConvertToLong()) {
            keyValue = key.longValue();
        } else {
            throw new UsageException(where + ": \"key\" must be a string or an integer, got " + key);
        }
        JsonNode arg = node.get("arg");
        Object argValue = arg == null ? null : toArg(arg, where);
        return new TaskInput(seq, keyValue, argValue);
    }

    private Object toArg(JsonNode arg, String where) throws UsageException {
        if (arg.isArray()) {
            List<Object> elements = new ArrayList<>();
            for (JsonNode e : arg) {
                if (e.isContainerNode()) {
                    throw new UsageException(where + ": \"arg\" array elements must be strings or numbers");
                }
                elements.add(scalar(e));
            }
            return List.copyOf(elements.stream().map(e -> e == null ? "" : e).toList());
        }
        if (arg.isObject()) {
            return arg.toString();
        }
        return scalar(arg);
    }

    private static Object scalar(JsonNode n) {
        if (n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.numberValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n.asText();
    }
}
