package org.lifeline.sample.spring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;
import org.lifeline.engine.Evaluation;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactKind;
import org.lifeline.spring.LifelineService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Loads the facts at start (the CSV export in {@code sample.facts}, or the sample province bundled in this jar) and
 * evaluates them as of {@code sample.as-of} through {@link LifelineService}, which times it for the metrics and keeps
 * it for the health component. A bad export fails the start-up with the file, line and field.
 */
@Component
class SampleProvince implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SampleProvince.class);

    private final LifelineService lifeline;
    private final Path facts;
    private final LocalDate asOf;
    private volatile Evaluation evaluation;

    SampleProvince(LifelineService lifeline, @Value("${sample.facts:}") String facts,
                   @Value("${sample.as-of:2018-09-26}") LocalDate asOf) {
        this.lifeline = lifeline;
        this.facts = facts.isBlank() ? null : Path.of(facts);
        this.asOf = asOf;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Path dir = facts != null ? facts : extractBundled();
        try {
            CsvFacts.Loaded loaded = CsvFacts.read(dir, "auto", (file, rows) -> { });
            evaluation = lifeline.evaluate(loaded.facts(), asOf);
            LOG.info("{} facts from {} evaluated as of {}: {} violation(s) {}, rules version {}",
                    loaded.facts().size(), facts != null ? facts : "the bundled sample", asOf,
                    evaluation.violations().size(), evaluation.countBySeverity(), evaluation.rulesVersion());
        } finally {
            if (facts == null) {
                delete(dir);
            }
        }
    }

    /** The last evaluation; null until the start-up evaluation is done. */
    Evaluation evaluation() {
        return evaluation;
    }

    /** The sample province, copied out of the classpath ({@code sample/*.csv}) into a temporary directory. */
    private static Path extractBundled() throws IOException {
        Path dir = Files.createTempDirectory("lifeline-sample");
        int found = 0;
        for (FactKind k : FactKind.values()) {
            try (InputStream in = SampleProvince.class.getClassLoader().getResourceAsStream("sample/" + k.key() + ".csv")) {
                if (in != null) {
                    Files.copy(in, dir.resolve(k.key() + ".csv"));
                    found++;
                }
            }
        }
        if (found == 0) {
            throw new FactException("the sample province is missing from the classpath (sample/*.csv)");
        }
        return dir;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
