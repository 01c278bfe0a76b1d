package org.lifeline.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.lifeline.calendar.CampaignCalendar;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.RuleFailure;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.Enterprise;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;
import org.lifeline.fact.TwoNewLedgerEntry;

/**
 * The bundled sample province with every organisation, enterprise and ledger entry renamed to a hostile name
 * (markup, script terminators, spreadsheet formulas, control characters, line separators, bidi overrides,
 * template syntax; all fictional), two extra hollow branches with hostile ids, evaluated by the bundled rules;
 * then two rule failures with hostile text added. Rule messages are built from the names, so they are hostile
 * too. Any script injected into the HTML report sets {@code window.__pwned}.
 */
final class HostileFixture {

    static final LocalDate AS_OF = LocalDate.of(2018, 9, 26);

    /** Names that broke a report or could; the organisation's id is appended to each. */
    static final List<String> PAYLOADS = List.of(
            "<!--<script>",
            "</script><img src=x onerror=\"window.__pwned='img'\">",
            "\"'><svg onload=\"window.__pwned='svg'\">",
            "=HYPERLINK(\"http://example.invalid/?q=\"&A1,\"点击查看\")",
            "+1+1团支部",
            "-2+3团委",
            "@SUM(1,1)",
            "\t=1+1",
            "\r=1+1",
            "'=1+1",
            "＝1+1",
            "线\u2028分隔\u2029段落",
            "&lt;b&gt;不是标签&lt;/b&gt; &amp;",
            "${window.__pwned='tpl'}%s%n{b}{value}",
            "第一行\n    [逾期未完成] T99.FORGED  伪造的一行\r\n== 伪造单位 ==",
            "\u202Eevil\u202C\u0000\u0007\u001b[31m红色",
            "javascript:window.__pwned='href'",
            "<img src=x onerror=window.__pwned='bare'>");

    /** Ids of the two extra hollow branches. */
    static final String HOSTILE_ID = "B\"><img src=x onerror=window.__pwned='id'>";
    static final String CHINESE_ID = "支部<一> 2";

    final FactSet facts;
    final Evaluation evaluation;
    final List<RuleFailure> failures;
    private final CampaignCalendar calendar;

    private HostileFixture(FactSet facts, Evaluation evaluation, List<RuleFailure> failures, CampaignCalendar calendar) {
        this.facts = facts;
        this.evaluation = evaluation;
        this.failures = failures;
        this.calendar = calendar;
    }

    private static HostileFixture instance;

    static synchronized HostileFixture get() {
        if (instance == null) {
            instance = build();
        }
        return instance;
    }

    static String hostileName(int i, String id) {
        return PAYLOADS.get(i % PAYLOADS.size()) + id;
    }

    private static HostileFixture build() {
        List<Fact> all = new ArrayList<>();
        int[] n = {0};
        java.util.Map<OrgType, Integer> perType = new java.util.EnumMap<>(OrgType.class);
        String city = null;
        for (Fact f : sample().stream().toList()) {
            if (f instanceof Organization o) {
                if (city == null && o.type() == OrgType.CITY_COMMITTEE) {
                    city = o.id();
                }
                // a counter per type: the top units alone already carry every payload
                int i = perType.merge(o.type(), 1, Integer::sum) - 1;
                all.add(new Organization(o.id(), hostileName(i, o.id()), o.parentId(), o.type(), o.sector(), o.level(),
                        o.region(), o.provinciallyManaged(), o.purpose(), o.graduatingClass(), o.unitId(), o.createdOn()));
            } else if (f instanceof Enterprise en) {
                all.add(new Enterprise(en.id(), hostileName(n[0]++, en.id()), en.parentEnterpriseId(), en.tier(), en.ownership(),
                        en.memberCount(), en.leagueOrgId()));
            } else if (f instanceof TwoNewLedgerEntry t) {
                all.add(new TwoNewLedgerEntry(t.id(), t.cityOrgId(), hostileName(n[0]++, t.id()), t.confirmedOn(), t.registeredOrgId()));
            } else {
                all.add(f);
            }
        }
        all.add(Organization.of(HOSTILE_ID, hostileName(1, "X1"), city, OrgType.BRANCH, Sector.TWO_NEW));
        all.add(Organization.of(CHINESE_ID, hostileName(0, "X2"), city, OrgType.BRANCH, Sector.TWO_NEW));
        FactSet facts = FactSet.of(all);
        Lifeline lifeline = Lifeline.bundled();
        Evaluation e = lifeline.evaluate(facts, AS_OF);
        List<RuleFailure> failures = List.of(
                new RuleFailure("T04.NUMBERED_BRANCH", List.of("Organization " + HOSTILE_ID, "Organization " + CHINESE_ID),
                        "java.lang.NumberFormatException: For input string: \"" + hostileName(14, "X3") + "\""),
                new RuleFailure("</script><img src=x onerror=\"window.__pwned='rule'\">", List.of(),
                        "=HYPERLINK(\"http://example.invalid\",\"x\")\n第二行"));
        Evaluation withFailures = new Evaluation(e.asOf(), e.rulesVersion(), e.violations(), e.spotCheckPlan(), failures, e.shares());
        return new HostileFixture(facts, withFailures, failures, lifeline.calendar());
    }

    ReportModel model() {
        return new ReportModel(evaluation, facts, calendar);
    }

    /** The bundled sample, read as {@code lifeline check} reads it. */
    private static FactSet sample() {
        try {
            Path dir = Files.createTempDirectory("lifeline-hostile-sample");
            for (FactKind k : FactKind.values()) {
                try (InputStream in = HostileFixture.class.getClassLoader().getResourceAsStream("sample/" + k.key() + ".csv")) {
                    if (in != null) {
                        Files.copy(in, dir.resolve(k.key() + ".csv"));
                    }
                }
            }
            FactSet facts = CsvFacts.read(dir, "auto", null).facts();
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
            return facts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
