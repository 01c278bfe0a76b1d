package org.lifeline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.RuleError;

/**
 * The bundled rules pass the allow-list guard like any untrusted folder: a copy of them (what the office runs
 * with {@code --rules}) validates without a single error.
 */
class BundledRulesGuardTest {

    @TempDir
    Path copy;

    @Test
    void aCopyOfTheBundledRulesValidates() throws IOException {
        Path bundled = Path.of("src/main/resources/lifeline");
        try (Stream<Path> all = Files.walk(bundled)) {
            for (Path p : all.toList()) {
                Path target = copy.resolve(bundled.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        List<RuleError> errors = Lifeline.validate(copy);
        assertThat(errors).isEmpty();
        assertThat(Lifeline.fromDirectory(copy).ruleIds()).isNotEmpty();
    }
}
