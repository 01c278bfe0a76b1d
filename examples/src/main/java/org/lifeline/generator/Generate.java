package org.lifeline.generator;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.FactKind;

/**
 * Writes a synthetic province as a CSV export: {@code Generate --scale 0.1 --seed 7 --out DIR}. Scale 1.0 is about
 * 5,000,000 members. Facts stream to the files; memory stays small whatever the scale.
 */
public final class Generate {

    private Generate() {
    }

    public static void main(String[] args) throws Exception {
        double scale = 0.01;
        long seed = 20180620L;
        Path out = Path.of("province");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: Generate [--scale S] [--seed N] [--out DIR]");
                    System.exit(2);
                }
            }
        }
        long started = System.nanoTime();
        Map<FactKind, Long> counts = new EnumMap<>(FactKind.class);
        try (CsvFacts.Writer w = new CsvFacts.Writer(out)) {
            ProvinceGenerator.generate(scale, seed, f -> {
                counts.merge(FactKind.of(f), 1L, Long::sum);
                w.accept(f);
            });
        }
        System.out.printf("scale %s seed %d -> %s in %.1f s: %s%n", scale, seed, out,
                (System.nanoTime() - started) / 1e9, counts);
    }
}
