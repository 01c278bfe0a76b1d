package org.lifeline.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The allow-list of what untrusted rule files may use, read from {@code rule-allowlist.yaml} next to this class
 * (the data policy staff read). {@link RuleGuard} asks it about every type, method and constructor a rule names.
 */
final class RuleAllowList {

    static final String RESOURCE = "rule-allowlist.yaml";
    private static final RuleAllowList INSTANCE = load();

    private final Set<String> types;
    private final Set<Class<?>> sealedRoots = new HashSet<>();
    private final Set<String> enumPackages;
    private final Map<String, Set<String>> readOnly;
    private final Set<String> deniedMethods;
    private final Set<String> constructible;
    private final Set<String> accumulateFunctions;
    private final Set<String> actions;
    private final Set<String> droolsArgumentOf;
    private final Set<String> operators;
    private final Set<String> attributes;
    private final Set<String> packages = new HashSet<>();

    private RuleAllowList(Map<String, Object> data) {
        types = Set.copyOf(strings(data, "types"));
        enumPackages = Set.copyOf(strings(data, "enumPackages"));
        Map<String, Set<String>> ro = new LinkedHashMap<>();
        Object r = data.get("readOnlyTypes");
        if (r instanceof Map<?, ?> m) {
            m.forEach((k, v) -> ro.put(String.valueOf(k), Set.copyOf(listOf(v, "readOnlyTypes." + k))));
        }
        readOnly = Map.copyOf(ro);
        deniedMethods = Set.copyOf(strings(data, "deniedMethods"));
        constructible = Set.copyOf(strings(data, "constructible"));
        accumulateFunctions = Set.copyOf(strings(data, "accumulateFunctions"));
        actions = Set.copyOf(strings(data, "actions"));
        droolsArgumentOf = Set.copyOf(strings(data, "droolsArgumentOf"));
        operators = Set.copyOf(strings(data, "operators"));
        attributes = Set.copyOf(strings(data, "attributes"));
        ClassLoader loader = RuleAllowList.class.getClassLoader();
        for (String t : types) {
            try {
                Class<?> c = Class.forName(t, false, loader);
                if (c.isSealed()) {
                    sealedRoots.add(c);
                }
                packages.add(c.getPackageName());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(RESOURCE + ": no such type " + t, e);
            }
        }
        readOnly.keySet().forEach(t -> packages.add(t.substring(0, t.lastIndexOf('.'))));
        packages.addAll(enumPackages);
    }

    static RuleAllowList get() {
        return INSTANCE;
    }

    private static RuleAllowList load() {
        try (InputStream in = RuleAllowList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Object data = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(data instanceof Map<?, ?> m)) {
                throw new IllegalStateException(RESOURCE + " is not a map");
            }
            Map<String, Object> map = new HashMap<>();
            m.forEach((k, v) -> map.put(String.valueOf(k), v));
            return new RuleAllowList(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(Map<String, Object> data, String key) {
        return listOf(data.get(key), key);
    }

    private static List<String> listOf(Object v, String key) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalStateException(RESOURCE + ": " + key + " is not a list");
        }
        List<String> out = new ArrayList<>();
        l.forEach(o -> out.add(String.valueOf(o)));
        return out;
    }

    /** True for primitives, the types listed, the records a listed sealed interface permits, listed enums' packages. */
    boolean allowedType(Class<?> c) {
        if (c.isPrimitive()) {
            return c != void.class;
        }
        if (c.isArray()) {
            return allowedType(c.getComponentType());
        }
        if (types.contains(c.getName()) || readOnly.containsKey(c.getName())) {
            return true;
        }
        if (c.isEnum() && enumPackages.contains(c.getPackageName())) {
            return true;
        }
        for (Class<?> root : sealedRoots) {
            if (permits(root, c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean permits(Class<?> root, Class<?> c) {
        Class<?>[] sub = root.getPermittedSubclasses();
        if (sub == null) {
            return false;
        }
        for (Class<?> s : sub) {
            if (s == c || s.isSealed() && permits(s, c)) {
                return true;
            }
        }
        return false;
    }

    /** A result rule code may hold: void, a primitive, an allowed type or an array of them (Object counts). */
    boolean allowedResult(Class<?> c) {
        return c == void.class || allowedType(c);
    }

    /** Packages where allowed types live (a wildcard import of any other package is refused). */
    boolean allowedPackage(String pkg) {
        return packages.contains(pkg);
    }

    /**
     * Whether {@code m}, called on a value (or the type) whose static type is {@code owner}, is allowed: the owner
     * is allowed, the method is public, not denied, listed for a read-only type, and its result is allowed.
     */
    boolean allowedMethod(Class<?> owner, Method m) {
        if (!allowedType(owner) || !Modifier.isPublic(m.getModifiers()) || deniedMethods.contains(m.getName())) {
            return false;
        }
        Set<String> ro = readOnly.get(owner.getName());
        if (ro != null && !ro.contains(m.getName())) {
            return false;
        }
        return allowedResult(m.getReturnType());
    }

    boolean constructible(Class<?> c) {
        return constructible.contains(c.getName());
    }

    boolean accumulateFunction(String name) {
        return accumulateFunctions.contains(name);
    }

    boolean action(String name) {
        return actions.contains(name);
    }

    /** Whether {@code drools} may be passed to {@code owner.method}. */
    boolean droolsArgumentOf(Class<?> owner, String method) {
        return droolsArgumentOf.contains(owner.getName() + "." + method);
    }

    boolean operator(String op) {
        return operators.contains(op);
    }

    boolean attribute(String name) {
        return attributes.contains(name);
    }
}
