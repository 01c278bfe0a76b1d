package org.lifeline.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;

/**
 * Start-up in a cold JVM: launches a new JVM {@code --runs} times (5 by default) with this JVM's classpath, each
 * timing {@code Lifeline.bundled()} and the first {@code evaluate} of a small {@link FactSet} (40 facts: six
 * organisations and 34 members), then prints every run and the medians.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" org.lifeline.benchmark.StartupBenchmark [--runs 5]
 * </pre>
 */
public final class StartupBenchmark {

    private static final String CHILD = "--child";
    private static final String RESULT = "startup ";

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(CHILD)) {
            child();
            return;
        }
        int runs = 5;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs") && i + 1 < args.length) {
                runs = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException("usage: StartupBenchmark [--runs N]");
            }
        }
        Result r = run(runs);
        System.out.printf(Locale.ROOT, "%-4s %12.0f %16.0f %14.0f%n", "med", r.bundledMs(), r.firstEvaluationMs(), r.processMs());
    }

    /** The medians of the runs, in milliseconds, and the violations every run found. */
    record Result(double bundledMs, double firstEvaluationMs, double processMs, int violations) {
    }

    /** Launches {@code runs} cold JVMs, printing each run; returns the medians. */
    static Result run(int runs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<double[]> all = new ArrayList<>();
        System.out.printf("%-4s %12s %16s %14s %12s%n", "run", "bundled ms", "first eval ms", "process ms", "violations");
        for (int r = 1; r <= runs; r++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(java, "-cp", cp, StartupBenchmark.class.getName(), CHILD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String line = null;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    if (l.startsWith(RESULT)) {
                        line = l;
                    }
                }
            }
            int exit = p.waitFor();
            double process = (System.nanoTime() - t0) / 1e6;
            if (exit != 0 || line == null) {
                throw new IllegalStateException("run " + r + " failed: exit " + exit);
            }
            String[] f = line.substring(RESULT.length()).split(" ");
            double[] row = {Double.parseDouble(f[0]), Double.parseDouble(f[1]), process, Double.parseDouble(f[2])};
            all.add(row);
            System.out.printf(Locale.ROOT, "%-4d %12.0f %16.0f %14.0f %12.0f%n", r, row[0], row[1], row[2], row[3]);
            if (row[3] != all.get(0)[3]) {
                throw new IllegalStateException("run " + r + " found " + row[3] + " violations, run 1 " + all.get(0)[3]);
            }
        }
        return new Result(median(all, 0), median(all, 1), median(all, 2), (int) all.get(0)[3]);
    }

    private static double median(List<double[]> rows, int col) {
        double[] v = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** One cold run: prints {@code startup BUNDLED_MS FIRST_EVAL_MS VIOLATIONS}. */
    private static void child() throws IOException {
        FactSet facts = smallProvince();
        long t0 = System.nanoTime();
        Lifeline lifeline = Lifeline.bundled();
        long t1 = System.nanoTime();
        Evaluation e = lifeline.evaluate(facts, LocalDate.of(2018, 9, 26));
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%s%.1f %.1f %d%n", RESULT, (t1 - t0) / 1e6, (t2 - t1) / 1e6, e.violations().size());
    }

    /** 40 facts: the 团省委, a city, a county, three branches (one of them hollow) and 34 members. */
    static FactSet smallProvince() {
        List<Fact> facts = new ArrayList<>();
        facts.add(Organization.of("GD", "团省委", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL));
        facts.add(Organization.of("C1", "示例市团委", "GD", OrgType.CITY_COMMITTEE, Sector.REGIONAL));
        facts.add(Organization.of("X1", "示例县团委", "C1", OrgType.COUNTY_COMMITTEE, Sector.REGIONAL));
        facts.add(Organization.of("B1", "示例团支部一", "X1", OrgType.BRANCH, Sector.REGIONAL));
        facts.add(Organization.of("B2", "示例团支部二", "X1", OrgType.BRANCH, Sector.TWO_NEW));
        facts.add(Organization.of("B3", "示例团支部三", "X1", OrgType.BRANCH, Sector.REGIONAL));
        for (int i = 1; i <= 34; i++) {
            facts.add(Member.of("M" + i, i % 2 == 0 ? "B1" : "B2"));
        }
        return FactSet.of(facts);
    }
}
