package dev.dgmbench.engine;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place an engine is chosen: by name, among the {@link EngineProvider}s on the class path, and those on a
 * class path of their own that the launcher names in a system property
 * {@code dgmbench.engine.<label>.classpath} (an engine whose jars cannot share this JVM's class path: it is known
 * here by name and traits, and made only in worker JVMs of its class path). An engine whose jars are absent is
 * simply not offered.
 */
public final class Engines {
    /** The engine of a run that does not name one ({@code model.engine}'s default). */
    public static final String DEFAULT = "fused";

    private static final String PROPERTY_PREFIX = "dgmbench.engine.", PROPERTY_SUFFIX = ".classpath";
    /** Providers found on each named class path, by class path: loading them once is enough. */
    private static final Map<String, List<EngineProvider>> NAMED = new ConcurrentHashMap<>();

    private Engines() {
    }

    /** The engine of this name; an unknown or absent one is an error that lists what is available. */
    public static Engine create(String name) {
        Found f = find(name);
        if (f.classpath().isPresent()) {
            throw new IllegalStateException("engine '" + name + "' runs in JVMs of its own class path ("
                    + f.classpath().get() + "), not in this one");
        }
        return f.provider().create(name);
    }

    /** What the suite needs to know about the engine of this name; an unknown one is an error listing the available. */
    public static EngineTraits traits(String name) {
        return find(name).provider().traits(name);
    }

    /**
     * Why the named engine cannot run here, or empty when it can: absent from the class path, or refused by its
     * provider's machine check. Only for engines of this JVM's class path ({@link #ownClasspath} empty).
     */
    public static Optional<String> unavailable(String name) {
        Optional<Found> f = lookUp(name);
        if (f.isEmpty()) return Optional.of(new UnknownEngineException(name, available()).getMessage());
        if (f.get().classpath().isPresent()) throw new IllegalStateException("engine '" + name + "' is checked in a JVM of its class path");
        return f.get().provider().unavailable(name);
    }

    /** The class path the launcher names for an engine this JVM does not carry; empty for one it carries. */
    public static Optional<String> ownClasspath(String name) {
        return find(name).classpath();
    }

    /**
     * The engine that runs a model asking for {@code asked} on the backend of this name: the backend's own engine
     * (one that declares it in {@link EngineTraits#ownBackends}) when the model asks for the {@link #DEFAULT}, else
     * the one asked for. Whether that engine runs on the backend is the caller's check ({@link EngineTraits#runsOn}).
     */
    public static String engineOn(String asked, String backend) {
        if (!asked.equals(DEFAULT)) return asked;
        TreeSet<String> own = new TreeSet<>();
        for (Found f : all()) {
            for (String n : f.provider().names()) if (f.provider().traits(n).owns(backend)) own.add(n);
        }
        if (own.size() > 1) {
            throw new IllegalStateException("engines " + String.join(", ", own) + " each declare backend " + backend
                    + " their own; one backend has at most one engine of its own");
        }
        return own.isEmpty() ? asked : own.first();
    }

    /** The system property in which a launcher names the class path of engines this JVM does not carry. */
    public static String classpathProperty(String label) {
        return PROPERTY_PREFIX + label + PROPERTY_SUFFIX;
    }

    /** Names of the engines this JVM can make or run in workers of their class path. */
    public static List<String> available() {
        TreeSet<String> names = new TreeSet<>();
        for (Found f : all()) names.addAll(f.provider().names());
        return new ArrayList<>(names);
    }

    /** A provider and the named class path it came from (empty: this JVM's). */
    private record Found(EngineProvider provider, Optional<String> classpath) {
    }

    private static Found find(String name) {
        return lookUp(name).orElseThrow(() -> new UnknownEngineException(name, available()));
    }

    private static Optional<Found> lookUp(String name) {
        for (Found f : all()) if (f.provider().names().contains(name)) return Optional.of(f);
        return Optional.empty();
    }

    /** This JVM's providers first, so an engine it carries is made here even where a class path is named for it. */
    private static List<Found> all() {
        List<Found> out = new ArrayList<>();
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class, Engines.class.getClassLoader())) {
            out.add(new Found(p, Optional.empty()));
        }
        for (String cp : namedClasspaths()) {
            for (EngineProvider p : NAMED.computeIfAbsent(cp, Engines::providersOn)) out.add(new Found(p, Optional.of(cp)));
        }
        return out;
    }

    private static List<String> namedClasspaths() {
        List<String> out = new ArrayList<>();
        for (String key : new TreeSet<>(System.getProperties().stringPropertyNames())) {
            if (!key.startsWith(PROPERTY_PREFIX) || !key.endsWith(PROPERTY_SUFFIX)) continue;
            String cp = System.getProperty(key);
            if (cp != null && !cp.isBlank()) out.add(cp);
        }
        return out;
    }

    /**
     * The providers that only {@code classpath} carries. They are loaded (never run) in a loader over it whose parent
     * is this JVM's, so they implement this JVM's {@link EngineProvider}; reading their names and traits touches none
     * of their native libraries. The loader stays open: the providers' classes may load more classes later.
     */
    @SuppressWarnings("resource")
    private static List<EngineProvider> providersOn(String classpath) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            try {
                urls.add(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("engine class path entry '" + entry + "' is not a path", e);
            }
        }
        ClassLoader own = Engines.class.getClassLoader();
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), own);
        List<EngineProvider> out = new ArrayList<>();
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class, loader)) {
            if (p.getClass().getClassLoader() == loader) out.add(p);
        }
        return List.copyOf(out);
    }

    /** The engine is not on this class path (its module or native libraries are missing). */
    public static final class UnknownEngineException extends IllegalStateException {
        UnknownEngineException(String name, List<String> available) {
            super("engine '" + name + "' is not available in this JVM (available: " + String.join(", ", available)
                    + "); its module is not on the class path");
        }
    }
}
