package dev.dgmbench.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** The one place an engine is chosen: by name, among the providers on the class path. */
public final class Engines {
    private Engines() {
    }

    /** The engine of this name; an unknown or absent one is an error that lists what is available. */
    public static Engine create(String name) {
        for (EngineProvider p : providers()) if (p.names().contains(name)) return p.create(name);
        throw new UnknownEngineException(name, available());
    }

    /**
     * Why the named engine cannot run here, or empty when it can: absent from the class path, or refused by its
     * provider's machine check.
     */
    public static java.util.Optional<String> unavailable(String name) {
        for (EngineProvider p : providers()) if (p.names().contains(name)) return p.unavailable(name);
        return java.util.Optional.of(new UnknownEngineException(name, available()).getMessage());
    }

    /** Names of the engines this JVM can make. */
    public static List<String> available() {
        TreeSet<String> names = new TreeSet<>();
        for (EngineProvider p : providers()) names.addAll(p.names());
        return new ArrayList<>(names);
    }

    private static Iterable<EngineProvider> providers() {
        return ServiceLoader.load(EngineProvider.class, Engines.class.getClassLoader());
    }

    /** The engine is not on this class path (its module or native libraries are missing). */
    public static final class UnknownEngineException extends IllegalStateException {
        UnknownEngineException(String name, List<String> available) {
            super("engine '" + name + "' is not available in this JVM (available: " + String.join(", ", available)
                    + "); its module is not on the class path");
        }
    }
}
