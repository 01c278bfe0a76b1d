package org.lifeline.generator;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.lifeline.excel.ColumnMap;
import org.lifeline.excel.FactWorkbook;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactKind;

/**
 * Writes a synthetic province as a CSV export: {@code Generate --scale 0.1 --seed 7 --out DIR}, or as one workbook
 * with a sheet per kind and the Chinese headers of the default column map: {@code --format xlsx --out FILE.xlsx}.
 * Scale 1.0 is about 5,000,000 members. {@code --provinces N} makes a nation of N such provinces instead
 * ({@link NationalGenerator}: a forest, ids prefixed {@code P01-}…). Facts stream to the files; memory stays small
 * whatever the scale.
 */
public final class Generate {

    private Generate() {
    }

    public static void main(String[] args) throws Exception {
        double scale = 0.01;
        long seed = 20180620L;
        Path out = Path.of("province");
        String format = "csv";
        int provinces = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--format" -> format = args[++i];
                case "--provinces" -> provinces = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: Generate [--scale S] [--seed N] [--provinces N] [--format csv|xlsx] [--out DIR|FILE.xlsx]");
                    System.exit(2);
                }
            }
        }
        long started = System.nanoTime();
        Map<FactKind, Long> counts = new EnumMap<>(FactKind.class);
        if (!format.equals("csv") && !format.equals("xlsx")) {
            System.err.println("Generate: --format csv or xlsx");
            System.exit(2);
        }
        try (AutoCloseable closing = format.equals("xlsx") ? new FactWorkbook(out, ColumnMap.defaults())
                : new CsvFacts.Writer(out)) {
            java.util.function.Consumer<Fact> w = format.equals("xlsx") ? (FactWorkbook) closing : (CsvFacts.Writer) closing;
            java.util.function.Consumer<Fact> counted = f -> {
                counts.merge(FactKind.of(f), 1L, Long::sum);
                w.accept(f);
            };
            if (provinces > 0) {
                NationalGenerator.generate(provinces, scale, seed, counted);
            } else {
                ProvinceGenerator.generate(scale, seed, counted);
            }
        }
        System.out.printf("scale %s seed %d -> %s in %.1f s: %s%n", scale, seed, out,
                (System.nanoTime() - started) / 1e9, counts);
    }
}
