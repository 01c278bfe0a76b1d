package org.lifeline.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.lifeline.engine.Lifeline;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.FactSet;

/**
 * Profiling aid: evaluates each rule alone over an export and prints its time and peak heap, to find the rules
 * that cost the most. {@code RuleCost EXPORT_DIR [DATE [RULE,RULE…]]} (all rules when none are named).
 */
public final class RuleCost {

    private RuleCost() {
    }

    public static void main(String[] args) throws Exception {
        FactSet facts = CsvFacts.read(Path.of(args[0]), "UTF-8", null).facts();
        LocalDate asOf = args.length > 1 ? LocalDate.parse(args[1]) : LocalDate.of(2018, 10, 1);
        List<String> ids = args.length > 2 ? List.of(args[2].split(",")) : Lifeline.bundled().ruleIds();
        System.out.printf("%d facts; per rule, alone:%n| rule | evaluate s | peak heap MB | violations |%n|---|---|---|---|%n", facts.size());
        // one untimed evaluation first, so that the first rule timed does not pay for warming the JVM up
        Lifeline.builder().onlyRules(new java.util.HashSet<>(List.of(ids.get(0)))).build().evaluate(facts, asOf);
        for (String id : ids) {
            // a milestone rule reads its measuring rule's shares: keep both
            Lifeline one = Lifeline.builder().onlyRules(new java.util.HashSet<>(List.of(id,
                    id.replaceFirst("_(BEHIND|BELOW_TARGET)$", "_SHARE")))).build();
            System.gc();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                p.resetPeakUsage();
            }
            long t0 = System.nanoTime();
            int n = one.evaluate(facts, asOf).violations().size();
            long t1 = System.nanoTime();
            long peak = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    peak += p.getPeakUsage().getUsed();
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %.2f | %,d | %,d |%n", id, (t1 - t0) / 1e9, peak >> 20, n);
        }
    }
}
