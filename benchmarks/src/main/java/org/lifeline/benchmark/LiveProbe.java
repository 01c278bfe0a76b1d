package org.lifeline.benchmark;

import java.nio.file.Path;
import java.time.LocalDate;
import org.lifeline.engine.Lifeline;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.FactSet;

/**
 * Live changes alone, on an existing export: {@code LiveProbe EXPORT_DIR [--changes N] [--as-of DATE] [--per-rule] [--rules ID,ID…]}.
 * Prints median, p99 and max per kind of change, CPU time and allocation per change (see {@link LiveChanges}). With
 * {@code --per-rule}, a monitor per rule (with its measuring rule), each loaded and changed alone: which rules the
 * changes cost.
 */
public final class LiveProbe {

    private LiveProbe() {
    }

    public static void main(String[] args) {
        int changes = 10_000;
        boolean perRule = false;
        java.util.Set<String> only = null;
        LocalDate asOf = LocalDate.of(2018, 10, 1);
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--changes" -> changes = Integer.parseInt(args[++i]);
                case "--as-of" -> asOf = LocalDate.parse(args[++i]);
                case "--per-rule" -> perRule = true;
                case "--rules" -> only = new java.util.HashSet<>(java.util.List.of(args[++i].split(",")));
                default -> throw new IllegalArgumentException("usage: LiveProbe EXPORT_DIR [--changes N] [--as-of DATE]");
            }
        }
        FactSet facts = CsvFacts.read(Path.of(args[0]), "UTF-8", null).facts();
        if (!perRule) {
            Lifeline rules = only == null ? Lifeline.bundled() : Lifeline.builder().onlyRules(only).build();
            LiveChanges.Run r = LiveChanges.run(rules, new FactSet[] {facts}, asOf, changes);
            System.out.print(r.summary());
            return;
        }
        System.out.println("| rule | CPU ms/change | KB allocated/change | median ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|");
        for (String id : Lifeline.bundled().ruleIds()) {
            Lifeline one = Lifeline.builder().onlyRules(new java.util.HashSet<>(java.util.List.of(id,
                    id.replaceFirst("_(BEHIND|BELOW_TARGET)$", "_SHARE")))).build();
            System.gc();
            LiveChanges.Run r = LiveChanges.run(one, new FactSet[] {facts}, asOf, changes);
            double[] s = r.medianP99Max();
            System.out.printf(java.util.Locale.ROOT, "| %s | %.3f | %.1f | %.3f | %.3f | %.1f |%n", id,
                    r.cpuNanos() / 1e6 / changes, r.allocated() / 1024.0 / changes, s[0], s[1], s[2]);
        }
    }
}
