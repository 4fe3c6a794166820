package io.jconcurrent.cluster;

import io.jconcurrent.TaskFunction;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * A function travels to members as its class name, never as code or as an object: the class must be
 * on every member's class path, named, with a public no-argument constructor and no instance state
 * (which would not travel; pass such values as fixed args).
 */
final class FunctionClass {

    private FunctionClass() {
    }

    /**
     * The name members load, after checking that an instance of this class can be made there from its
     * name alone.
     *
     * @throws IllegalArgumentException naming the class and what is wrong with it
     */
    static String nameOf(TaskFunction fn) {
        Class<?> c = fn.getClass();
        if (c.isSynthetic() || c.isHidden() || c.getName().contains("$$Lambda")) {
            throw new IllegalArgumentException("a lambda or method reference (" + c.getName() + ") cannot run on"
                    + " cluster members: only its class name travels; write a public class that implements"
                    + " TaskFunction, with a public no-argument constructor, and put it on the members' class path");
        }
        if (c.isAnonymousClass() || c.isLocalClass() || c.getCanonicalName() == null) {
            throw new IllegalArgumentException("function class " + c.getName() + " is anonymous or local: members"
                    + " load functions by name; make it a public top-level or static nested class");
        }
        if (c.isMemberClass() && !Modifier.isStatic(c.getModifiers())) {
            throw new IllegalArgumentException("function class " + c.getName() + " is an inner class: make it static");
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                int m = f.getModifiers();
                if (!Modifier.isStatic(m) && !Modifier.isTransient(m)) {
                    throw new IllegalArgumentException("function class " + c.getName() + " has instance field '"
                            + f.getName() + "', which would not reach the members (they make the function from its"
                            + " class name): pass such values as fixed args");
                }
            }
        }
        constructor(c);
        return c.getName();
    }

    /**
     * Loads and makes the function on this machine.
     *
     * @throws IllegalArgumentException naming the class if it is missing, not a {@link TaskFunction}, or
     *                                  cannot be made
     */
    static TaskFunction instantiate(String name, ClassLoader loader) {
        Class<?> c;
        try {
            c = Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("function class " + name + " is not on the class path here"
                    + (e instanceof ClassNotFoundException ? "" : " (" + e + ")"), e);
        }
        if (!TaskFunction.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException("class " + name + " is not a " + TaskFunction.class.getName());
        }
        try {
            return (TaskFunction) constructor(c).newInstance();
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("cannot make function " + name + ": " + cause, cause);
        }
    }

    private static Constructor<?> constructor(Class<?> c) {
        try {
            Constructor<?> k = c.getDeclaredConstructor();
            if (!Modifier.isPublic(k.getModifiers()) || !Modifier.isPublic(c.getModifiers())) {
                throw new IllegalArgumentException("function class " + c.getName()
                        + " and its no-argument constructor must be public, for members to make it");
            }
            return k;
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("function class " + c.getName()
                    + " needs a public no-argument constructor, for members to make it", e);
        }
    }
}
