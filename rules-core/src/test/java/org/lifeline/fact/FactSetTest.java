package org.lifeline.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactSetTest {

    private static Organization org(String id, String parent, OrgType type) {
        return Organization.of(id, id, parent, type, Sector.REGIONAL);
    }

    @Test
    void aSoundTreeBuilds() {
        FactSet set = FactSet.of(List.of(org("GD", null, OrgType.PROVINCIAL_COMMITTEE),
                org("GZ", "GD", OrgType.CITY_COMMITTEE), Member.of("M1", "GZ")));
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.all(Member.class)).containsExactly(Member.of("M1", "GZ"));
    }

    @Test
    void aSetOutlivesItsBuilderAddingMoreFacts() {
        FactSet.Builder b = FactSet.builder().add(org("GD", null, OrgType.PROVINCIAL_COMMITTEE))
                .add(org("GZ", "GD", OrgType.CITY_COMMITTEE));
        FactSet first = b.build(); // the set takes the builder's maps over: the builder must not change them after
        b.add(Member.of("M1", "GZ"));
        FactSet second = b.build();
        assertThat(first.size()).isEqualTo(2);
        assertThat(first.all(Member.class)).isEmpty();
        assertThat(second.size()).isEqualTo(3);
        assertThat(b.build().size()).isEqualTo(3);
    }

    @Test
    void everyProblemIsReportedWithItsOrigin() {
        FactSet.Builder b = FactSet.builder()
                .add(org("GD", null, OrgType.PROVINCIAL_COMMITTEE), "organizations.csv:2")
                .add(org("GZ", "GD", OrgType.CITY_COMMITTEE), "organizations.csv:3")
                .add(org("GZ", "GD", OrgType.CITY_COMMITTEE), "organizations.csv:4")
                .add(org("X1", "NOPE", OrgType.BRANCH), "organizations.csv:5")
                .add(org("Y1", null, OrgType.BRANCH), "organizations.csv:6")
                .add(org("C1", "C2", OrgType.COMMITTEE), "organizations.csv:7")
                .add(org("C2", "C1", OrgType.COMMITTEE), "organizations.csv:8");
        FactException e = catchThrowableOfType(FactException.class, b::build);
        assertThat(e.problems()).containsExactly(
                "organizations.csv:4: Organization GZ: field 'id': duplicate id (first at organizations.csv:3)",
                "organizations.csv:5: Organization X1: field 'parentId': no organisation 'NOPE'",
                "organizations.csv:6: Organization Y1: field 'parentId' is missing; only the PROVINCIAL_COMMITTEE (团省委) may have no parent",
                "organizations.csv:7: Organization C1: field 'parentId': the tree has a cycle through 'C1'",
                "organizations.csv:8: Organization C2: field 'parentId': the tree has a cycle through 'C2'");
    }

    private static final LocalDate D = LocalDate.of(2018, 6, 1);

    private static FeePayment payment(String id, String memberId) {
        return FeePayment.builder(id).memberId(memberId).month(YearMonth.of(2018, 9)).paidOn(D).channel(PaymentChannel.ONLINE)
                .amountCents(50).build();
    }

    private static Enterprise.Builder enterprise(String id, String parentId, EnterpriseTier tier) {
        return Enterprise.builder(id).name("示例企业" + id).parentEnterpriseId(parentId).tier(tier).ownership(Ownership.HOLDING)
                .memberCount(1);
    }

    /** A tree GD > GZ > B1, a member M1 in B1 (line 2 of members.csv) and more rows naming things. */
    private static FactSet.Builder withDanglingRows(boolean lenient) {
        return FactSet.builder().lenient(lenient)
                .add(org("GD", null, OrgType.PROVINCIAL_COMMITTEE), "organizations.csv", 2)
                .add(org("GZ", "GD", OrgType.CITY_COMMITTEE), "organizations.csv", 3)
                .add(org("B1", "GZ", OrgType.BRANCH), "organizations.csv", 4)
                .add(Member.of("M1", "B1"), "members.csv", 2)
                .add(Member.of("M7", "NOPE"), "members.csv", 3)
                .add(Member.builder("M8").orgId("B1").joinedOn(D).workUnitId("U-NOT-AN-ORG").graduationYear(2018).schoolOrgId("GONE").build(), "members.csv", 4)
                .add(payment("P1", "M1"), "feePayments.csv", 2)
                .add(payment("P2", "M7"), "feePayments.csv", 3)
                .add(Cadre.builder("K1").memberId("M7").orgId("B1").role(CadreRole.SECRETARY).build(), "cadres.csv", 2)
                .add(Cadre.builder("K2").orgId("B1").role(CadreRole.SECRETARY).build(), "cadres.csv", 3)
                .add(Transfer.builder("T1").memberId("M1").fromOrgId("B1").toOrgId("ELSEWHERE").appliedOn(D)
                        .status(TransferStatus.PENDING).build(), "transfers.csv", 2)
                .add(Submission.builder("S1").orgId("GZX").kind(SubmissionKind.TWO_NEW_LEDGER).submittedOn(D).build(), "submissions.csv", 2)
                .add(FeeAuthority.builder("FA1").orgId("GZ").topUnitId("GZ").administratorId("NO-CADRE").reportedOn(D).build(), "feeAuthorities.csv", 2)
                .add(FeeManager.builder("FM1").orgId("GZ").cadreId("NO-CADRE").official(true).idCopySubmitted(true)
                        .designatedOn(D).build(), "feeManagers.csv", 2)
                .add(Activity.builder("A1").orgId("B9").heldOn(D).kind(ActivityKind.GRADUATE_THEME_DAY).build(), "activities.csv", 2)
                // E3 names E2, which names E1, which names nothing; E3 comes first, so the cascade runs backwards
                .add(enterprise("E3", "E2", EnterpriseTier.THIRD_LEVEL).build(), "enterprises.csv", 2)
                .add(enterprise("E2", "E1", EnterpriseTier.SECOND_LEVEL).build(), "enterprises.csv", 3)
                .add(enterprise("E1", "E0", EnterpriseTier.GROUP).leagueOrgId("NOT-YET").build(), "enterprises.csv", 4)
                .add(enterprise("E9", null, EnterpriseTier.GROUP).build(), "enterprises.csv", 5)
                .add(TwoNewLedgerEntry.builder("L1").cityOrgId("C404").name("x").build(), "twoNewLedger.csv", 2)
                .add(TwoNewLedgerEntry.builder("L2").cityOrgId("GZ").name("y").registeredOrgId("NOT-REGISTERED").build(), "twoNewLedger.csv", 3);
    }

    @Test
    void aReferenceThatNamesNothingRefusesTheSet() {
        FactException e = catchThrowableOfType(FactException.class, () -> withDanglingRows(false).build());
        assertThat(e.problems()).containsExactly(
                "members.csv:3: Member M7: field 'orgId': no organisation with this id",
                "members.csv:4: Member M8: field 'schoolOrgId': no organisation with this id",
                "transfers.csv:2: Transfer T1: field 'toOrgId': no organisation with this id",
                "submissions.csv:2: Submission S1: field 'orgId': no organisation with this id",
                "activities.csv:2: Activity A1: field 'orgId': no organisation with this id",
                "enterprises.csv:4: Enterprise E1: field 'parentEnterpriseId': no enterprise with this id",
                "twoNewLedger.csv:2: TwoNewLedgerEntry L1: field 'cityOrgId': no organisation with this id");
        // the references a rule judges (leagueOrgId, registeredOrgId, administratorId, cadreId) and workUnitId are not
        // checked; a host's facts without origin are named by kind and id
        assertThatThrownBy(() -> FactSet.of(List.of(org("GD", null, OrgType.PROVINCIAL_COMMITTEE), Member.of("M1", "GZ"))))
                .hasMessage("Member M1: field 'orgId': no organisation with this id");
        // dates do not matter: a member who joins after the evaluation date still names its organisation
        assertThat(FactSet.of(List.of(org("GD", null, OrgType.PROVINCIAL_COMMITTEE),
                Member.builder("M1").orgId("GD").joinedOn(LocalDate.of(2100, 1, 1)).build())).size()).isEqualTo(2);
    }

    @Test
    void aLenientLoadLeavesOutAndListsEveryDanglingRowAndWhatNamesIt() {
        FactSet set = withDanglingRows(true).build();
        assertThat(set.rejected()).extracting(FactSet.Rejected::line).containsExactly(
                "members.csv:3: Member M7: field 'orgId': no organisation with this id",
                "members.csv:4: Member M8: field 'schoolOrgId': no organisation with this id",
                "cadres.csv:2: Cadre K1: field 'memberId': the member it names was rejected (members.csv:3)",
                "transfers.csv:2: Transfer T1: field 'toOrgId': no organisation with this id",
                "feePayments.csv:3: FeePayment P2: field 'memberId': the member it names was rejected (members.csv:3)",
                "submissions.csv:2: Submission S1: field 'orgId': no organisation with this id",
                "activities.csv:2: Activity A1: field 'orgId': no organisation with this id",
                "enterprises.csv:2: Enterprise E3: field 'parentEnterpriseId': the enterprise it names was rejected (enterprises.csv:3)",
                "enterprises.csv:3: Enterprise E2: field 'parentEnterpriseId': the enterprise it names was rejected (enterprises.csv:4)",
                "enterprises.csv:4: Enterprise E1: field 'parentEnterpriseId': no enterprise with this id",
                "twoNewLedger.csv:2: TwoNewLedgerEntry L1: field 'cityOrgId': no organisation with this id");
        assertThat(set.rejected().get(0)).isEqualTo(new FactSet.Rejected("members.csv:3", FactKind.MEMBERS, "M7", "orgId",
                "no organisation with this id"));
        // nothing else changes: every other row is kept, the references rules judge included
        assertThat(set.byId(FactKind.MEMBERS).keySet()).containsExactly("M1");
        assertThat(set.byId(FactKind.FEE_PAYMENTS).keySet()).containsExactly("P1");
        assertThat(set.byId(FactKind.CADRES).keySet()).containsExactly("K2");
        assertThat(set.byId(FactKind.ENTERPRISES).keySet()).containsExactly("E9");
        assertThat(set.byId(FactKind.FEE_MANAGERS).keySet()).containsExactly("FM1");
        assertThat(set.byId(FactKind.FEE_AUTHORITIES).keySet()).containsExactly("FA1");
        assertThat(set.byId(FactKind.TWO_NEW_LEDGER).keySet()).containsExactly("L2");
        assertThat(set.size() + set.rejected().size()).isEqualTo(21);
        // a strict set has none; a lenient one does not pass other problems
        assertThat(FactSet.of(List.of(org("GD", null, OrgType.PROVINCIAL_COMMITTEE))).rejected()).isEmpty();
        assertThatThrownBy(() -> withDanglingRows(true).add(Member.of("M1", "GZ"), "members.csv", 9).build())
                .hasMessage("members.csv:9: Member M1: field 'id': duplicate id");
    }

    @Test
    void aMillionDeepChainIsCheckedInLinearTime() {
        int n = 1_000_000;
        List<Organization> orgs = new ArrayList<>(n + 1);
        orgs.add(org("O0", null, OrgType.PROVINCIAL_COMMITTEE));
        for (int i = 1; i <= n; i++) {
            orgs.add(org("O" + i, "O" + (i - 1), OrgType.COMMITTEE));
        }
        Map<String, Organization> all = new HashMap<>();
        orgs.forEach(o -> all.put(o.id(), o));
        List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> FactSet.checkTree(all, orgs, Map.of()));
        assertThat(problems).containsExactly("Organization O501: field 'parentId': it lies 501 levels below the top of "
                + "the tree; at most 500 are allowed");
        // checked from the bottom up as well, and a cycle of a million
        List<Organization> reversed = new ArrayList<>(orgs);
        java.util.Collections.reverse(reversed);
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> FactSet.checkTree(all, reversed, Map.of())))
                .hasSize(1);
        all.put("O0", org("O0", "O" + n, OrgType.COMMITTEE));
        List<String> cycle = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> FactSet.checkTree(all, List.of(all.get("O5"), all.get("O0")), Map.of()));
        assertThat(cycle).containsExactly("Organization O5: field 'parentId': the tree has a cycle through 'O5'",
                "Organization O0: field 'parentId': the tree has a cycle through 'O0'");
    }

    @Test
    void aTreeAtTheDepthLimitBuildsAndBelowACycleTheEntryIsNamed() {
        List<Fact> facts = new ArrayList<>();
        facts.add(org("O0", null, OrgType.PROVINCIAL_COMMITTEE));
        for (int i = 1; i <= FactSet.MAX_DEPTH; i++) {
            facts.add(org("O" + i, "O" + (i - 1), OrgType.COMMITTEE));
        }
        assertThat(FactSet.of(facts).size()).isEqualTo(FactSet.MAX_DEPTH + 1);
        assertThat(catchThrowableOfType(FactException.class, () -> FactSet.of(List.of(org("GD", null, OrgType.PROVINCIAL_COMMITTEE),
                org("X", "C1", OrgType.BRANCH), org("C1", "C2", OrgType.COMMITTEE), org("C2", "C1", OrgType.COMMITTEE),
                org("Y", "X", OrgType.BRANCH)))).problems()).containsExactly(
                "Organization X: field 'parentId': the tree has a cycle through 'C1'",
                "Organization C1: field 'parentId': the tree has a cycle through 'C1'",
                "Organization C2: field 'parentId': the tree has a cycle through 'C2'",
                "Organization Y: field 'parentId': the tree has a cycle through 'C1'");
    }

    @Test
    void recordsRefuseMissingRequiredFields() {
        assertThatThrownBy(() -> Member.of("M1", null)).hasMessage("Member M1: missing required field 'orgId'");
    }
}
