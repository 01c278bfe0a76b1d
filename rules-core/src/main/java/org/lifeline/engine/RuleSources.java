package org.lifeline.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The text of a rule set: every {@code .drl} file of a rules directory (recursively), its
 * {@code calendar.yaml} and, optionally, its {@code liaison-groups.yaml}. The bundled rule set is the
 * classpath folder {@code lifeline/} that rules-definitions ships; a directory given at run time has the
 * same layout.
 */
record RuleSources(String origin, List<Source> drl, Source calendar, Source liaison) {

    static final String CALENDAR = "calendar.yaml";
    static final String LIAISON = "liaison-groups.yaml";
    static final String CLASSPATH_ROOT = "lifeline/";

    /** One file: its path relative to the rules root (with '/') and its text. */
    record Source(String path, String text) {
    }

    private static final java.util.regex.Pattern RULE_BLOCK =
            java.util.regex.Pattern.compile("(?ms)^\\s*rule\\s+\"([^\"]+)\".*?^end\\s*$");

    /** The same sources keeping only the rules whose ids pass (each file's header stays). */
    RuleSources keeping(java.util.function.Predicate<String> keep) {
        List<Source> kept = new ArrayList<>();
        for (Source s : drl) {
            kept.add(new Source(s.path(), RULE_BLOCK.matcher(s.text()).replaceAll(m -> keep.test(m.group(1))
                    ? java.util.regex.Matcher.quoteReplacement(m.group()) : "")));
        }
        return new RuleSources(origin, kept, calendar, liaison);
    }

    static RuleSources fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RuleCompilationException(List.of(new RuleError(dir.toString(), 0, 0, "not a directory")));
        }
        List<Source> drl = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".drl")).sorted().toList()) {
                drl.add(new Source(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8)));
            }
            Path cal = dir.resolve(CALENDAR);
            if (!Files.isRegularFile(cal)) {
                throw new RuleCompilationException(List.of(new RuleError(CALENDAR, 0, 0,
                        "the rules directory " + dir + " has no " + CALENDAR)));
            }
            Path li = dir.resolve(LIAISON);
            return new RuleSources(dir.toString(), drl, new Source(CALENDAR, Files.readString(cal, StandardCharsets.UTF_8)),
                    Files.isRegularFile(li) ? new Source(LIAISON, Files.readString(li, StandardCharsets.UTF_8)) : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The rule set on the classpath under {@code lifeline/} (shipped by rules-definitions). */
    static RuleSources bundled(ClassLoader loader) {
        URL cal = loader.getResource(CLASSPATH_ROOT + CALENDAR);
        if (cal == null) {
            throw new IllegalStateException("no bundled rules: " + CLASSPATH_ROOT + CALENDAR
                    + " is not on the classpath (add the rules-definitions dependency, or load a rules directory)");
        }
        try {
            if ("file".equals(cal.getProtocol())) {
                return fromDirectory(Paths.get(cal.toURI()).getParent());
            }
            if ("jar".equals(cal.getProtocol())) {
                JarURLConnection conn = (JarURLConnection) cal.openConnection();
                conn.setUseCaches(false);
                try (JarFile jar = conn.getJarFile()) {
                    List<Source> drl = new ArrayList<>();
                    Enumeration<JarEntry> entries = jar.entries();
                    List<JarEntry> sorted = new ArrayList<>();
                    while (entries.hasMoreElements()) {
                        JarEntry e = entries.nextElement();
                        if (e.getName().startsWith(CLASSPATH_ROOT) && e.getName().endsWith(".drl")) {
                            sorted.add(e);
                        }
                    }
                    sorted.sort(Comparator.comparing(JarEntry::getName));
                    for (JarEntry e : sorted) {
                        drl.add(new Source(e.getName().substring(CLASSPATH_ROOT.length()), read(jar.getInputStream(e))));
                    }
                    JarEntry li = jar.getJarEntry(CLASSPATH_ROOT + LIAISON);
                    return new RuleSources(jar.getName(), drl,
                            new Source(CALENDAR, read(jar.getInputStream(jar.getJarEntry(CLASSPATH_ROOT + CALENDAR)))),
                            li == null ? null : new Source(LIAISON, read(jar.getInputStream(li))));
                }
            }
            throw new IllegalStateException("cannot list bundled rules at " + cal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
