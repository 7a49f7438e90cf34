package dev.dgmbench.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * An engine whose calls are timed: the seconds spent inside it and its models, so a run can tell its engine's
 * share of its time from the host's (noise, energies, sample metrics). Computes exactly what the engine computes.
 * Like the engines it wraps, it serves one thread at a time.
 */
public final class MeteredEngine implements Engine {
    /** What an engine hands out, timed in turn: models, groups, classifiers and checkpoints. */
    private static final Set<Class<?>> TIMED = Set.of(VaeModel.class, VaeGroup.class, RatioClassifier.class,
            ImageClassifier.class, VaeModel.Checkpoint.class);

    private final Engine engine;
    private final LongSupplier clock;
    private long insideNanos;

    /** {@code engine} timed by {@code clock} (nanoseconds; tests pass their own). */
    MeteredEngine(Engine engine, LongSupplier clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** {@code engine}, timed (itself if it already is). */
    public static MeteredEngine of(Engine engine) {
        return engine instanceof MeteredEngine m ? m : new MeteredEngine(engine, System::nanoTime);
    }

    /** Seconds spent inside the engine's calls so far. */
    public double insideSeconds() {
        return insideNanos / 1e9;
    }

    /** {@code target} behind a proxy of {@code type} that times each call and wraps what the call hands out. */
    private <T> T timed(Class<T> type, T target) {
        if (Proxy.isProxyClass(target.getClass()) && Proxy.getInvocationHandler(target) instanceof Timer) return target;
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, new Timer(target)));
    }

    /** Times a call on the wrapped object; models and checkpoints it returns are timed too. */
    private final class Timer implements java.lang.reflect.InvocationHandler {
        private final Object target;

        Timer(Object target) {
            this.target = target;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) return method.invoke(target, args);
            long t0 = clock.getAsLong();
            Object out;
            try {
                out = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                insideNanos += clock.getAsLong() - t0;
            }
            Class<?> returned = method.getReturnType();
            return out != null && TIMED.contains(returned) ? timed((Class) returned, out) : out;
        }
    }

    @Override
    public String name() {
        return engine.name();
    }

    /** A model made by the engine (making it counts: a GPU engine uploads its weights), timed from then on. */
    private <T> T made(Class<T> type, Supplier<T> make) {
        long t0 = clock.getAsLong();
        try {
            T made = make.get();
            return made == null ? null : timed(type, made);
        } finally {
            insideNanos += clock.getAsLong() - t0;
        }
    }

    @Override
    public VaeModel vae(VaeShape shape, VaeWeights weights) {
        return made(VaeModel.class, () -> engine.vae(shape, weights));
    }

    @Override
    public RatioClassifier ratioClassifier(MlpWeights weights) {
        return made(RatioClassifier.class, () -> engine.ratioClassifier(weights));
    }

    @Override
    public ImageClassifier imageClassifier(MlpWeights weights) {
        return made(ImageClassifier.class, () -> engine.imageClassifier(weights));
    }

    @Override
    public boolean trainsGroups() {
        return engine.trainsGroups();
    }

    @Override
    public Optional<VaeGroup> vaeGroup(List<VaeShape> shapes, List<VaeWeights> weights) {
        return Optional.ofNullable(made(VaeGroup.class, () -> engine.vaeGroup(shapes, weights).orElse(null)));
    }

    @Override
    public Map<String, String> provenance() {
        return engine.provenance();
    }
}
