package org.lifeline.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Copies a rules directory keeping only the named rules (their blocks, with each file's header). */
final class SubsetRules {

    private static final Pattern BLOCK = Pattern.compile("(?ms)^rule \"([^\"]+)\".*?^end\\s*$");

    private SubsetRules() {
    }

    static Path write(Path from, Set<String> keep, Path to) throws IOException {
        Files.createDirectories(to);
        Files.copy(from.resolve("calendar.yaml"), to.resolve("calendar.yaml"));
        if (Files.exists(from.resolve("liaison-groups.yaml"))) {
            Files.copy(from.resolve("liaison-groups.yaml"), to.resolve("liaison-groups.yaml"));
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                Matcher m = BLOCK.matcher(text);
                int first = -1;
                StringBuilder kept = new StringBuilder();
                while (m.find()) {
                    if (first < 0) {
                        first = m.start();
                    }
                    if (keep.contains(m.group(1))) {
                        kept.append(m.group()).append("\n\n");
                    }
                }
                if (kept.length() > 0) {
                    Files.writeString(to.resolve(f.getFileName()), text.substring(0, first) + kept, StandardCharsets.UTF_8);
                }
            }
        }
        return to;
    }
}
