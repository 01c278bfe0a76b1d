package org.lifeline.history;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactSet;

/**
 * An order-independent digest of a fact set: per fact, a 64-bit hash of its kind and every field's value; the
 * facts' hashes summed (two ways). The same facts, in any order and in any JVM, give the same text: values are
 * hashed by content only (texts by {@link String#hashCode}, which Java specifies; enums by name; dates by their
 * fields), never by identity. It tells a re-run of the same export from new data; it is not a cryptographic hash.
 */
final class InputHash {

    private static final Map<Class<?>, Method[]> ACCESSORS = new ConcurrentHashMap<>();

    private InputHash() {
    }

    static String of(FactSet facts) {
        long[] sums = facts.stream().parallel().map(InputHash::hash)
                .collect(() -> new long[2], (a, h) -> {
                    a[0] += mix(h);
                    a[1] += mix(h ^ 0x5bd1e995L);
                }, (a, b) -> {
                    a[0] += b[0];
                    a[1] += b[1];
                });
        return String.format("%016x%016x-%d", sums[0], sums[1], facts.size());
    }

    static long hash(Fact f) {
        long h = FactKind.of(f).ordinal() + 1;
        for (Method m : accessors(f.getClass())) {
            try {
                h = h * 0x100000001b3L + value(m.invoke(f));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + m, e);
            }
        }
        return h;
    }

    private static long value(Object v) {
        if (v == null) {
            return 0x9e3779b97f4a7c15L;
        }
        if (v instanceof Enum<?> e) {
            return e.name().hashCode();
        }
        if (v instanceof Collection<?> c) {
            long h = 17;
            for (Object o : c) {
                h = h * 31 + value(o);
            }
            return h;
        }
        return v.hashCode(); // String, Integer, Long, Double, Boolean, LocalDate, LocalDateTime, YearMonth: by content
    }

    private static Method[] accessors(Class<?> type) {
        return ACCESSORS.computeIfAbsent(type, t -> {
            RecordComponent[] rc = t.getRecordComponents();
            if (rc == null) {
                throw new IllegalArgumentException(t + " is not a record");
            }
            Method[] out = new Method[rc.length];
            for (int i = 0; i < rc.length; i++) {
                out[i] = rc[i].getAccessor();
                out[i].setAccessible(true);
            }
            return out;
        });
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
