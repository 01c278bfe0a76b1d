package org.lifeline.benchmark;

import java.nio.file.Path;
import org.lifeline.fact.CsvFacts;

/** Times {@code CsvFacts.read} of an export four times in one JVM: {@code LoadProbe EXPORT_DIR}. */
public final class LoadProbe {

    private LoadProbe() {
    }

    public static void main(String[] args) {
        for (int i = 0; i < 4; i++) {
            long t = System.nanoTime();
            CsvFacts.Loaded l = CsvFacts.read(Path.of(args[0]), "UTF-8", null);
            System.out.printf("%d facts in %.2f s%n", l.facts().size(), (System.nanoTime() - t) / 1e9);
        }
    }
}
