package org.lifeline.host;

// README begin: this region is the README's "Embedding it" example, word for word (ReadmeTest checks it)
import java.time.LocalDate;
import java.util.List;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Monitor;
import org.lifeline.engine.Violation;
import org.lifeline.engine.ViolationListener;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;

/** A host's first program: the rules over two organisations as of a date, then the same facts live. */
public class ReadmeHost {
    public static void main(String[] args) {
        Lifeline lifeline = Lifeline.bundled();                 // loads the rules compiled at build time; immutable, share it
        FactSet facts = FactSet.of(List.of(
                Organization.builder("GD").name("团省委").type(OrgType.PROVINCIAL_COMMITTEE).sector(Sector.REGIONAL).build(),
                Organization.builder("B1").name("示例团支部").parentId("GD").type(OrgType.BRANCH).sector(Sector.TWO_NEW).build()));

        // snapshot: the same facts and date always give the same list, in the same order
        Evaluation e = lifeline.evaluate(facts, LocalDate.of(2018, 7, 1));
        e.violations().forEach(v -> System.out.println(v.severity() + " " + v.ruleId() + " " + v.subjectId()));

        // live: callbacks as facts and the date change
        try (Monitor live = lifeline.monitor(LocalDate.of(2018, 6, 25), new ViolationListener() {
            public void raised(Violation v) {
                System.out.println("raised " + v.severity() + " " + v.ruleId() + " " + v.subjectId());
            }
            public void resolved(Violation v) {
                System.out.println("resolved " + v.ruleId() + " " + v.subjectId());
            }
            public void changed(Violation before, Violation after) {
                System.out.println("changed " + after.ruleId() + " " + before.severity() + " -> " + after.severity());
            }
        })) {
            live.insertAll(facts.stream().toList());
            live.setAsOf(LocalDate.of(2018, 7, 1));
            live.insert(Member.builder("M1").orgId("B1").build());
        }
    }
}
// README end
