package org.lifeline.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a rule file's type names resolve, the way the compiler resolves them: explicit imports, the file's own
 * package, wildcard imports, then {@code java.lang}. A name that could mean a type outside the allow-list is
 * refused even when another meaning is allowed. Classes are looked up without being initialised.
 */
final class RuleTypes {

    /** A type name that resolves to a type rule files may not use. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Class<?> MISSING = Void.class;

    private final RuleAllowList allow;
    private final ClassLoader loader;
    private final String filePackage;
    private final Map<String, String> explicit = new HashMap<>();
    private final List<String> wildcards = new ArrayList<>();
    private final Map<String, Class<?>> cache = new HashMap<>();

    RuleTypes(RuleAllowList allow, ClassLoader loader, String filePackage, List<String> imports) {
        this.allow = allow;
        this.loader = loader;
        this.filePackage = filePackage == null ? "" : filePackage;
        for (String i : imports) {
            if (i.endsWith(".*")) {
                wildcards.add(i.substring(0, i.length() - 2));
            } else {
                explicit.put(i.substring(i.lastIndexOf('.') + 1), i);
            }
        }
    }

    /**
     * The allowed type a simple name means, or null when it names no type.
     *
     * @throws Refused when it (also) names a type rule files may not use, or two different types
     */
    Class<?> simple(String name) {
        if (!SEGMENT.matcher(name).matches()) {
            return null;
        }
        Set<Class<?>> found = new LinkedHashSet<>();
        String imported = explicit.get(name);
        if (imported != null) {
            qualifiedLookup(imported).ifPresent(found::add);
        }
        if (!filePackage.isEmpty()) {
            load(filePackage + "." + name).ifPresent(found::add);
        }
        for (String w : wildcards) {
            load(w + "." + name).ifPresent(found::add);
            load(w + "$" + name).ifPresent(found::add);
        }
        load("java.lang." + name).ifPresent(found::add);
        return checked(name, found);
    }

    /**
     * The allowed type a dotted name ({@code java.time.LocalDate}, {@code Map.Entry}) means, or null.
     *
     * @throws Refused when it names a type rule files may not use
     */
    Class<?> qualified(String dotted) {
        if (!dotted.contains(".")) {
            return simple(dotted);
        }
        Set<Class<?>> found = new LinkedHashSet<>();
        qualifiedLookup(dotted).ifPresent(found::add);
        String first = dotted.substring(0, dotted.indexOf('.'));
        Class<?> outer = simple(first);
        if (outer != null) {
            load(outer.getName() + "$" + dotted.substring(first.length() + 1).replace('.', '$')).ifPresent(found::add);
        }
        return checked(dotted, found);
    }

    private Class<?> checked(String name, Set<Class<?>> found) {
        for (Class<?> c : found) {
            if (!allow.allowedType(c)) {
                throw new Refused("the type " + c.getName() + " (" + name + ") is outside what rule files may use");
            }
        }
        if (found.size() > 1) {
            throw new Refused("the name " + name + " is ambiguous: " + found);
        }
        return found.isEmpty() ? null : found.iterator().next();
    }

    /** {@code a.b.C.D}: the class a.b.C.D or the nested class a.b.C$D. */
    private Optional<Class<?>> qualifiedLookup(String dotted) {
        String[] parts = dotted.split("\\.");
        for (String p : parts) {
            if (!SEGMENT.matcher(p).matches()) {
                return Optional.empty();
            }
        }
        for (int split = parts.length; split >= 1; split--) {
            StringBuilder n = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    n.append(i < split ? '.' : '$');
                }
                n.append(parts[i]);
            }
            Optional<Class<?>> c = load(n.toString());
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    private Optional<Class<?>> load(String name) {
        Class<?> c = cache.computeIfAbsent(name, n -> {
            if (n.length() > 500) {
                return MISSING;
            }
            try {
                return Class.forName(n, false, loader);
            } catch (ClassNotFoundException | LinkageError | IllegalArgumentException e) {
                return MISSING;
            }
        });
        return c == MISSING ? Optional.empty() : Optional.of(c);
    }
}
