package org.lifeline.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "Embedding it" example is a real program: its Java block is {@link ReadmeHost} word for word (so the
 * README cannot drift from code that compiles), and running it prints exactly the block the README shows after it.
 */
class ReadmeHostTest {

    private static final Path README = Path.of("../README.md");
    private static final Path SOURCE = Path.of("src/main/java/org/lifeline/host/ReadmeHost.java");

    @Test
    void theReadmesJavaExampleIsReadmeHostWordForWord() throws IOException {
        List<String> source = Files.readAllLines(SOURCE, StandardCharsets.UTF_8);
        int begin = indexStarting(source, "// README begin", 0);
        int end = indexStarting(source, "// README end", begin);
        assertThat(String.join("\n", block("java")))
                .isEqualTo(String.join("\n", source.subList(begin + 1, end)));
    }

    @Test
    void readmeHostPrintsWhatTheReadmeSaysItPrints() throws IOException {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream to = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(to);
            ReadmeHost.main(new String[0]);
        } finally {
            System.setOut(stdout);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).lines().toList()).isEqualTo(block("text"));
    }

    /** The first fenced block of this language in the README's "Embedding it" section. */
    private static List<String> block(String language) throws IOException {
        List<String> readme = Files.readAllLines(README, StandardCharsets.UTF_8);
        int section = indexStarting(readme, "## Embedding it", 0);
        int open = indexStarting(readme, "```" + language, section);
        int close = indexStarting(readme, "```", open + 1);
        assertThat(indexStarting(readme, "## ", section + 1)).as("the block lies inside the section").isGreaterThan(close);
        return readme.subList(open + 1, close);
    }

    private static int indexStarting(List<String> lines, String prefix, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' after line " + from);
    }
}
