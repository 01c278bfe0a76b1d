package org.lifeline.flink;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Violation;
import org.lifeline.fact.Cadre;
import org.lifeline.fact.CadreRole;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.FeeManager;
import org.lifeline.fact.FeePayment;
import org.lifeline.fact.Member;
import org.lifeline.fact.PaymentChannel;
import org.lifeline.fact.Transfer;
import org.lifeline.fact.TransferStatus;
import org.lifeline.fact.TwoNewLedgerEntry;

/** The facts of the equality tests: the sample province, and the sample with facts that cross top units. */
final class Fixtures {

    static final Path SAMPLE = Path.of("..", "examples", "src", "main", "resources", "sample");

    /** The bundled rules, built once for the in-process tests. */
    static final Lifeline RULES = Lifeline.bundled();

    private Fixtures() {
    }

    static FactSet sample() {
        CsvFacts.Loaded loaded = CsvFacts.read(SAMPLE, "UTF-8", null);
        if (!loaded.rejected().isEmpty()) {
            throw new IllegalStateException("the sample has rejected rows: " + loaded.rejected().get(0));
        }
        return loaded.facts();
    }

    /**
     * The sample plus one case of each cross-unit rule, across the cities C1 (广州), C2 (深圳) and C3 (珠海):
     * a person and a member number in two cities, one account paying five members' dues in three cities, a transfer
     * from 广州 waiting in 深圳, a 广州 university graduate now in 深圳, and a 广州 cadre named as the second fee manager of 惠州 (C5, which has one), members of a floating-member branch and of a
     * new civil servants' branch of 深圳 whose work units have organisations in 广州, and a ledger entry of 深圳 naming an
     * organisation of 广州.
     */
    static FactSet crossUnit() {
        List<Fact> facts = new ArrayList<>(sample().stream().toList());
        facts.add(member("MX1", "C1-JG-B4").personKey("pk-cross-1").memberNumber("449900000001").build());
        facts.add(member("MX2", "C2-JG-B1137").personKey("pk-cross-1").build());
        facts.add(member("MX3", "C3-JG-B2189").memberNumber("449900000001").build());
        facts.add(member("MX4", "C2-JG-B1137").build());
        facts.add(member("MX5", "C3-JG-B2189").build());
        facts.add(member("MX6", "C1-JG-B4").build());
        facts.add(member("MX7", "C2-JG-B1137").graduationYear(2018).schoolOrgId("C1-U-F0-B157").build());
        for (int i = 1; i <= 5; i++) {
            facts.add(FeePayment.builder("PX" + i).memberId("MX" + i).month(YearMonth.of(2018, 9))
                    .paidOn(LocalDate.of(2018, 9, 10)).channel(PaymentChannel.ONLINE).amountCents(50)
                    .payerKey("acct-cross").build());
        }
        facts.add(Transfer.builder("TX1").memberId("MX6").fromOrgId("C1-JG-B4").toOrgId("C2-JG-B1137")
                .appliedOn(LocalDate.of(2018, 6, 1)).status(TransferStatus.PENDING).build());
        facts.add(Transfer.builder("TX2").memberId("MX7").fromOrgId("C1-U-F0-B157").toOrgId("C2-JG-B1137")
                .appliedOn(LocalDate.of(2018, 6, 20)).completedOn(LocalDate.of(2018, 7, 2))
                .status(TransferStatus.COMPLETED).build());
        // members of receiving branches of 深圳 whose work units have organisations in 广州 (T02/T03.MEMBER_MISPLACED)
        facts.add(member("MX8", "C2-X0-T0-F").workUnitId("U-C1-X0-B1006").build());
        facts.add(member("MX9", "C2-JG-N").workUnitId("UNIT-C1-QY").build());
        // a two-new organisation of 深圳's ledger registered under 广州 (T10.REGISTRATION_SHARE)
        facts.add(new TwoNewLedgerEntry("LX1", "C2", "示例两新组织X", LocalDate.of(2018, 6, 12), "C1-X0-B1052"));
        facts.add(Cadre.builder("KX1").memberId("MX1").orgId("C1-JG-B4").role(CadreRole.DEPUTY_SECRETARY).build());
        facts.add(FeeManager.builder("FMX1").orgId("C5").cadreId("KX1").official(true).idCopySubmitted(true)
                .designatedOn(LocalDate.of(2018, 6, 10)).build());
        return FactSet.of(facts);
    }

    /** The fields that name a fact, a unit, a region, a person, a number or a paying account. */
    private static final java.util.Set<String> NAMES = java.util.Set.of("id", "parentId", "orgId", "memberId",
            "schoolOrgId", "fromOrgId", "toOrgId", "cadreId", "administratorId", "topUnitId", "cityOrgId",
            "registeredOrgId", "leagueOrgId", "parentEnterpriseId", "unitId", "workUnitId", "region", "personKey",
            "payerKey");

    /**
     * Two provinces in one input (a forest: two 团省委): the sample, and a copy of it whose ids, units, person keys and
     * paying accounts are prefixed {@code P2-} and whose member numbers start 45 instead of 44; the regions stay
     * (two provinces may name a region alike: the engine finds a region's city within a province). Each has its
     * enterprises and its 省属企业团工委. Besides: the root of a third province with one organisation and no
     * 省属企业团工委, and enterprises whose chains cross provinces: {@code X-G}, a group with no League organisation
     * (placed in no province: the root's key); {@code X-T}, a subsidiary of the first province's group E0 with its
     * organisation in the second (its key, which then holds E0 too), and {@code X-U} below it with none (placed by
     * X-T); {@code X-V}, a subsidiary of E1 whose organisation is a city's enterprise committee (misaffiliated, top
     * unit the first province's committee, which its organisation's chain does not name), with {@code X-Z} below it
     * in the third province (the root's key, which must then place X-V as the engine does).
     */
    static FactSet twoProvinces() {
        FactSet sample = sample();
        List<Fact> facts = new ArrayList<>(sample.stream().toList());
        for (org.lifeline.fact.FactKind kind : org.lifeline.fact.FactKind.values()) {
            for (Fact f : sample.all(kind)) {
                Map<String, String> row = new java.util.LinkedHashMap<>(org.lifeline.fact.FactParser.format(f));
                row.replaceAll((field, v) -> v.isEmpty() || field.equals("region") ? v
                        : NAMES.contains(field) ? "P2-" + v
                        : field.equals("memberNumber") ? "45" + v.substring(2) : v);
                facts.add(org.lifeline.fact.FactParser.parse(kind, row, null));
            }
        }
        facts.add(org.lifeline.fact.Organization.builder("P3-GD").name("示例第三省团省委")
                .type(org.lifeline.fact.OrgType.PROVINCIAL_COMMITTEE).sector(org.lifeline.fact.Sector.REGIONAL).build());
        facts.add(org.lifeline.fact.Organization.builder("P3-O1").name("示例第三省企业团委").parentId("P3-GD")
                .type(org.lifeline.fact.OrgType.COMMITTEE).sector(org.lifeline.fact.Sector.PROVINCIAL_ENTERPRISE).build());
        facts.add(enterprise("X-G", null, org.lifeline.fact.EnterpriseTier.GROUP, null));
        facts.add(enterprise("X-T", "E0", org.lifeline.fact.EnterpriseTier.SECOND_LEVEL, "P2-EO22785"));
        facts.add(enterprise("X-U", "X-T", org.lifeline.fact.EnterpriseTier.THIRD_LEVEL, null));
        facts.add(enterprise("X-V", "E1", org.lifeline.fact.EnterpriseTier.SECOND_LEVEL, "C1-QY"));
        facts.add(enterprise("X-Z", "X-V", org.lifeline.fact.EnterpriseTier.THIRD_LEVEL, "P3-O1"));
        return FactSet.of(facts);
    }

    private static org.lifeline.fact.Enterprise enterprise(String id, String parent, org.lifeline.fact.EnterpriseTier tier,
                                                           String leagueOrgId) {
        return org.lifeline.fact.Enterprise.builder(id).name("示例跨省企业" + id).parentEnterpriseId(parent).tier(tier)
                .ownership(org.lifeline.fact.Ownership.HOLDING).memberCount(10).leagueOrgId(leagueOrgId).build();
    }

    private static Member.Builder member(String id, String orgId) {
        return Member.builder(id).orgId(orgId).joinedOn(LocalDate.of(2017, 3, 1))
                .reportedAt(LocalDateTime.of(2018, 6, 1, 9, 0));
    }

    /** Each key evaluated on its own (no Flink), the keys' findings together, in {@link Violation#ORDER}. */
    static List<Violation> byKeys(FactSet facts, LocalDate asOf) {
        return mergedByKeys(facts, asOf, RULES).violations();
    }

    /** Each key evaluated on its own (no Flink) with these rules and their waivers, the keys' results merged. */
    static Evaluation mergedByKeys(FactSet facts, LocalDate asOf, Lifeline rules) {
        Map<String, List<FactRow>> byKey = rowsByKey(facts, asOf);
        return KeyResults.evaluate(asOf, rules.waivers().list(), without -> keyResults(byKey, asOf, rules, without));
    }

    /** Each key evaluated on its own (no Flink), these rules taken out of every key. */
    static List<KeyResult> keyResults(Map<String, List<FactRow>> byKey, LocalDate asOf, Lifeline rules,
                                      java.util.Set<String> without) {
        EvaluateTopUnit f = new EvaluateTopUnit(asOf, null, null, without).withRules(rules);
        List<KeyResult> out = new ArrayList<>();
        byKey.forEach((key, rows) -> out.add(f.evaluate(key, new ArrayList<>(rows))));
        return out;
    }

    /** The facts each key holds, by key. */
    static Map<String, FactSet> factsByKey(FactSet facts, LocalDate asOf) {
        Map<String, FactSet> out = new TreeMap<>();
        rowsByKey(facts, asOf).forEach((key, rows) -> {
            FactSet.Builder b = FactSet.builder();
            rows.forEach(r -> b.add(r.fact(), r.where()));
            out.put(key, b.build());
        });
        return out;
    }

    private static Map<String, List<FactRow>> rowsByKey(FactSet facts, LocalDate asOf) {
        Map<String, List<FactRow>> byKey = new TreeMap<>();
        for (FactRow r : Routing.route(facts, asOf)) {
            byKey.computeIfAbsent(r.key, k -> new ArrayList<>()).add(r);
        }
        return byKey;
    }
}
