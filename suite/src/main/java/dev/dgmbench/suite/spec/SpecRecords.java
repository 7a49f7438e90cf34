package dev.dgmbench.suite.spec;

import dev.dgmbench.models.sampling.ChainLength;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the {@link StudySpec} section records to and from plain data generically: a component {@code learningRate}
 * is the spec key {@code learning_rate}, an enum is its lower-case name, a nested record a mapping, and a null
 * component (a sampler that is off, absent IDX test files) no key. So the keys are written once, in {@link Schema},
 * and a test checks that every record has exactly the schema's keys.
 */
final class SpecRecords {
    /** How {@code steps: auto} of Langevin and MALA is spelled; bound to {@link ChainLength#AUTO} (no valid step count). */
    static final String AUTO = "auto";

    private SpecRecords() {
    }

    static Map<String, Object> toMap(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = get(c, r);
            if (v != null) m.put(key(c.getName()), c.getName().equals("steps") && v.equals(ChainLength.AUTO) ? AUTO : plain(v));
        }
        return m;
    }

    private static Object plain(Object v) {
        if (v instanceof StudySpec.Section section) return section.toMap();
        if (v instanceof Record rec) return toMap(rec);
        if (v instanceof Enum<?> e) return spelled(e);
        if (v instanceof List<?> l) return new ArrayList<>(l);
        return v;
    }

    /** The record of {@code type} from its section's plain data (as bound and defaulted by the loader). */
    static <R extends Record> R from(Class<R> type, Map<String, Object> m) {
        // the samplers section is keyed by the sampler catalogue, not by record components
        if (type == StudySpec.Samplers.class) return type.cast(StudySpec.Samplers.fromMap(m));
        RecordComponent[] cs = type.getRecordComponents();
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
            types[i] = cs[i].getType();
            args[i] = typed(types[i], m.get(key(cs[i].getName())));
        }
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " cannot be built from spec data", e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object typed(Class<?> t, Object v) {
        if (v == null) return null;
        if (t == int.class) return AUTO.equals(v) ? ChainLength.AUTO : ((Number) v).intValue();
        // an optional count whose keyword (auto, bound to 0) is its absence
        if (t == Integer.class) return AUTO.equals(v) || Integer.valueOf(0).equals(v) ? null : ((Number) v).intValue();
        if (t == long.class) return ((Number) v).longValue();
        if (t == double.class) return ((Number) v).doubleValue();
        if (t == boolean.class || t == String.class) return v;
        if (t.isEnum()) return Enum.valueOf((Class<Enum>) t, String.valueOf(v).toUpperCase(Locale.ROOT).replace('-', '_'));
        if (t.isRecord()) return from((Class<Record>) t, (Map<String, Object>) v);
        if (t == List.class) return ((List<?>) v).stream().map(x -> ((Number) x).intValue()).toList();
        throw new IllegalStateException("no spec mapping for " + t);
    }

    /** An enum constant as specs spell it: {@code AGGREGATE_POSTERIOR} -> {@code aggregate-posterior}. */
    static String spelled(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A value of an enum field as specs spell it, whether still the YAML string or already the constant. */
    static String spelled(Object v) {
        return v instanceof Enum<?> e ? spelled(e) : String.valueOf(v).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code learningRate} -> {@code learning_rate}. */
    static String key(String component) {
        return component.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private static Object get(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
