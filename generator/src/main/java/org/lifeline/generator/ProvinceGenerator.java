package org.lifeline.generator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.lifeline.fact.Activity;
import org.lifeline.fact.ActivityContent;
import org.lifeline.fact.ActivityKind;
import org.lifeline.fact.Cadre;
import org.lifeline.fact.CadreRole;
import org.lifeline.fact.Enterprise;
import org.lifeline.fact.EnterpriseTier;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FeeAuthority;
import org.lifeline.fact.FeeManager;
import org.lifeline.fact.FeePayment;
import org.lifeline.fact.Level;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Ownership;
import org.lifeline.fact.PaymentChannel;
import org.lifeline.fact.Purpose;
import org.lifeline.fact.Sector;
import org.lifeline.fact.Submission;
import org.lifeline.fact.SubmissionKind;
import org.lifeline.fact.Transfer;
import org.lifeline.fact.TransferStatus;
import org.lifeline.fact.TwoNewLedgerEntry;

/**
 * A synthetic province (fictional names, no real people): the 21 cities with counties, townships and streets,
 * schools, organs, enterprises and two-new organisations, members with reports, numbers, graduates and transfers,
 * cadres, dues, submissions and activities, with defect rates chosen so that every rule fires somewhere while
 * most organisations are clean. Seeded and deterministic: the same seed and scale give the same facts in the same
 * order. Scale 1.0 is about 5,200,000 members, 250,000 organisations, 412,000 graduates and, for August to
 * November, about 10.8 million fee payments.
 *
 * <p>Contract v2 cases are made on purpose: graduates' admission transfers from earlier years, moves between branches
 * of one school, graduates who stay at their school, faculty-level schoolOrgIds, township organs (level TOWNSHIP),
 * departments' work committees nested below the organs' work committee, members of new civil servants' branches
 * whose unit has an organisation, organisations without any cadre, graduate counts without a number, fee managers
 * and administrators naming no cadre, municipal universities, a group enterprise's organisation outside 省属企业团工委,
 * October and November dues and members who joined in October.
 *
 * <p>Facts are handed to a sink as they are made, so that a whole province can be written to CSV without being
 * held in memory.
 */
public final class ProvinceGenerator {

    /** The 21 prefecture-level cities of the province. */
    public static final List<String> CITIES = List.of("广州", "深圳", "珠海", "汕头", "佛山", "韶关", "河源", "梅州", "惠州",
            "汕尾", "东莞", "中山", "江门", "阳江", "湛江", "茂名", "肇庆", "清远", "潮州", "揭阳", "云浮");
    private static final ActivityContent[] ALL = ActivityContent.values();

    private final double scale;
    private final Random rnd;
    private final Consumer<Fact> sink;
    private long seq;
    private long memberSeq;
    private long count;
    private final int membersPerBranch;
    private final List<Organization> municipalUniversities = new ArrayList<>();
    /** Counties at scale 1.0 (with 23 members per branch: the 5,000,000 members, 250,000 organisations). */
    private static final int COUNTIES = 195;

    private ProvinceGenerator(double scale, long seed, Consumer<Fact> sink) {
        this.scale = scale;
        this.rnd = new Random(seed);
        this.sink = sink;
        this.membersPerBranch = 23;
    }

    /** Generates a province into the sink; returns how many facts were made. */
    public static long generate(double scale, long seed, Consumer<Fact> sink) {
        ProvinceGenerator g = new ProvinceGenerator(scale, seed, sink);
        g.province();
        return g.count;
    }

    /** A province as a list (for small scales). */
    public static List<Fact> generate(double scale, long seed) {
        List<Fact> out = new ArrayList<>();
        generate(scale, seed, out::add);
        return out;
    }

    /** How many units of a kind: grows linearly with the scale. */
    private int n(double base, int min) {
        return Math.max(min, (int) Math.round(base * scale));
    }

    /**
     * How big a unit is inside. Where the number of units of a kind is held up by its minimum (every city has a
     * county, there are at least 3 universities…), {@code fill} (below 1) shrinks one inner dimension in
     * proportion, so that the number of members stays proportional to the scale (from about scale 0.05 up).
     * Below scale 0.01 every unit shrinks too: that is the small sample province of a few thousand members.
     */
    private int inner(double base, int min, double fill) {
        return Math.max(min, (int) Math.round(base * fill * Math.min(1.0, scale / 0.01)));
    }

    /** The fill of a kind whose count is {@code n(base, min)}. */
    private double fill(double base, int min) {
        return Math.min(1.0, base * scale / min);
    }

    private boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    private String id(String prefix) {
        return prefix + (++seq);
    }

    private void emit(Fact f) {
        count++;
        sink.accept(f);
    }

    private Organization org(String id, String name, String parent, OrgType type, Sector sector, Level level, String region,
                             boolean provincial, Purpose purpose, Integer gradClass, String unitId) {
        Organization o = new Organization(id, name, parent, type, sector, level, region, provincial, purpose, gradClass,
                unitId, LocalDate.of(2017, 1, 1).plusDays(rnd.nextInt(450)));
        emit(o);
        return o;
    }

    // ------------------------------------------------------------------ the province

    private void province() {
        org("GD", "团省委", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL, Level.PROVINCE, null, false, null, null, null);
        List<Organization> tops = new ArrayList<>();
        for (int c = 0; c < CITIES.size(); c++) {
            tops.add(city(c));
        }
        for (Organization u : municipalUniversities) {
            if (!chance(0.3)) {
                emit(new Submission(id("SUB"), u.id(), SubmissionKind.REWARD_PUNISHMENT_ENTRY,
                        LocalDate.of(2018, 10, 8).plusDays(rnd.nextInt(16)), null));
            }
        }
        // provincial systems
        Organization organs = org("P-JG", "省直机关团工委", "GD", OrgType.WORK_COMMITTEE, Sector.PARTY_GOVERNMENT_ORGAN,
                Level.PROVINCE, null, false, null, null, null);
        tops.add(organs);
        cadres(organs, false);
        branch(organs, "省直机关新入职公职人员临时团支部", Sector.PARTY_GOVERNMENT_ORGAN, Purpose.NEW_CIVIL_SERVANTS, null, null);
        for (int i = 0; i < n(400, 3); i++) {
            Organization dept = org(id("PJ"), "示例省直单位" + i + "机关团委", organs.id(), OrgType.COMMITTEE,
                    Sector.PARTY_GOVERNMENT_ORGAN, Level.PROVINCE, null, false, null, null, null);
            cadres(dept, false);
            for (int b = 0; b < inner(4, 1, 1); b++) {
                populated(branch(dept, dept.name() + "第" + (b + 1) + "团支部", Sector.PARTY_GOVERNMENT_ORGAN, null, null, null), 0.04);
            }
        }
        tops.add(enterprises());
        Organization finance = org("P-JR", "省金融团工委", "GD", OrgType.WORK_COMMITTEE, Sector.FINANCIAL, Level.PROVINCE,
                null, false, null, null, null);
        tops.add(finance);
        for (int i = 0; i < n(300, 2); i++) {
            Organization bank = org(id("JR"), "示例金融机构" + i + "团委", finance.id(), OrgType.COMMITTEE, Sector.FINANCIAL,
                    Level.PROVINCE, null, false, null, null, null);
            cadres(bank, false);
            for (int b = 0; b < inner(5, 1, 1); b++) {
                populated(branch(bank, bank.name() + "第" + (b + 1) + "团支部", Sector.FINANCIAL, null, null, null), 0.04);
            }
        }
        Organization geo = org("P-DZ", "省地质局团委", "GD", OrgType.COMMITTEE, Sector.PUBLIC_INSTITUTION, Level.PROVINCE,
                null, false, null, null, null);
        tops.add(geo);
        cadres(geo, false);
        for (int b = 0; b < n(200, 2); b++) {
            populated(branch(geo, "示例地质队" + b + "团支部", Sector.PUBLIC_INSTITUTION, null, null, null), 0.04);
        }
        for (int u = 0; u < n(80, 3); u++) {
            tops.add(school("P-U" + u, "示例大学" + u + "团委", "GD", Sector.UNIVERSITY, null, true, inner(25, 2, fill(80, 3)), inner(25, 2, 1)));
        }
        for (int s = 0; s < n(30, 2); s++) {
            tops.add(school("P-S" + s, "示例省属中学" + s + "团委", "GD", Sector.MIDDLE_SCHOOL, null, true, 1, inner(20, 3, fill(30, 2))));
        }
        for (Organization t : tops) {
            topUnitDuties(t);
        }
        proxyPayments();
    }

    /** The fill of the counties' contents. */
    private double countyFill() {
        return Math.min(1.0, COUNTIES * scale / countiesTotal());
    }

    /** Counties of the whole province: {@value #COUNTIES} at scale 1.0, at least one per city. */
    private int countiesTotal() {
        return Math.max(CITIES.size(), (int) Math.round(COUNTIES * scale));
    }

    private Organization city(int c) {
        String region = CITIES.get(c);
        String cityId = "C" + (c + 1);
        Organization city = org(cityId, region + "市团委", "GD", OrgType.CITY_COMMITTEE, Sector.REGIONAL, Level.CITY, region,
                false, null, null, null);
        cadres(city, false);
        Organization organs = org(cityId + "-JG", region + "市直属机关团工委", cityId, OrgType.WORK_COMMITTEE,
                Sector.PARTY_GOVERNMENT_ORGAN, Level.CITY, region, false, null, null, null);
        cadres(organs, false);
        Organization newServants = chance(0.1) ? null
                : branch(organs, region + "市新入职公职人员临时团支部", Sector.PARTY_GOVERNMENT_ORGAN, Purpose.NEW_CIVIL_SERVANTS, null, null);
        for (int b = 0; b < n(200, 2); b++) {
            populated(branch(organs, region + "市示例局" + b + "团支部", Sector.PARTY_GOVERNMENT_ORGAN, null, null, null), 0.05);
        }
        // a department's own work committee below the organs' work committee (T03 does not ask it for a branch)
        Organization police = org(cityId + "-JG-GA", region + "市示例公安局团工委", organs.id(), OrgType.WORK_COMMITTEE,
                Sector.PARTY_GOVERNMENT_ORGAN, Level.CITY, region, false, null, null, null);
        cadres(police, false);
        for (int b = 0; b < n(20, 1); b++) {
            populated(branch(police, police.name().replace("团工委", "第" + (b + 1) + "团支部"), Sector.PARTY_GOVERNMENT_ORGAN,
                    null, null, null), 0.05);
        }
        Organization pe = org(cityId + "-QY", region + "市示例国企团委", cityId, OrgType.COMMITTEE, Sector.PUBLIC_ENTERPRISE,
                Level.CITY, region, false, null, null, "UNIT-" + cityId + "-QY");
        cadres(pe, false);
        for (int b = 0; b < n(100, 1); b++) {
            populated(branch(pe, pe.name() + "第" + (b + 1) + "团支部", Sector.PUBLIC_ENTERPRISE, null, null, null), 0.05);
        }
        if (newServants != null) {
            // new civil servants waiting for a branch of their own unit; some of them misplaced (T03.MEMBER_MISPLACED):
            // their unit has an organisation, or three of them share a unit
            members(newServants, 1 + rnd.nextInt(2), 0.0, "UNIT-" + cityId + "-NEW" + rnd.nextInt(1000));
            if (c % 5 == 0 || chance(0.15)) {
                members(newServants, 1, 0.0, pe.unitId());
            }
            if (c % 7 == 0 || chance(0.1)) {
                members(newServants, 3, 0.0, "UNIT-" + cityId + "-DEPT");
            }
        }
        if (c < 2 || chance(0.1)) { // a municipal university (高校团委 not managed by the province)
            school(cityId + "-U", region + "市示例城市学院团委", cityId, Sector.UNIVERSITY, region, false, 2, inner(10, 2, 1));
        }
        List<String> twoNewOrgs = new ArrayList<>();
        List<Organization> floating = new ArrayList<>();
        int counties = countiesTotal() / CITIES.size() + (c < countiesTotal() % CITIES.size() ? 1 : 0);
        for (int k = 0; k < counties; k++) {
            county(city, k, twoNewOrgs, floating);
        }
        // the two-new ledger and its registration
        if (c != 19 && !chance(0.1)) { // 揭阳 never submits: every rule fires somewhere, even in the small sample
            emit(new Submission(id("SUB"), cityId, SubmissionKind.TWO_NEW_LEDGER, LocalDate.of(2018, 6, 15 + rnd.nextInt(12)), null));
        }
        double registered = 0.6 + rnd.nextDouble() * 0.45;
        int entries = Math.max(4, twoNewOrgs.size() + n(60, 2));
        for (int i = 0; i < entries; i++) {
            String reg = i < twoNewOrgs.size() && rnd.nextDouble() < registered ? twoNewOrgs.get(i) : null;
            emit(new TwoNewLedgerEntry(id("L"), cityId, region + "示例两新组织" + i,
                    chance(0.95) ? LocalDate.of(2018, 6, 10 + rnd.nextInt(12)) : null, reg));
        }
        // floating-member branches receive a few members whose unit does have an organisation
        if (!floating.isEmpty() && !twoNewOrgs.isEmpty()) {
            Organization f = floating.get(rnd.nextInt(floating.size()));
            members(f, 2, 0, "U-" + twoNewOrgs.get(0));
        }
        return city;
    }

    private void county(Organization city, int k, List<String> twoNewOrgs, List<Organization> floating) {
        String region = city.region();
        Organization county = org(city.id() + "-X" + k, region + "示例县区" + k + "团委", city.id(), OrgType.COUNTY_COMMITTEE,
                Sector.REGIONAL, Level.COUNTY, region, false, null, null, null);
        cadres(county, false);
        Organization organs = org(county.id() + "-JG", county.name().replace("团委", "直属机关团工委"), county.id(),
                OrgType.WORK_COMMITTEE, Sector.PARTY_GOVERNMENT_ORGAN, Level.COUNTY, region, false, null, null, null);
        cadres(organs, false);
        if (!chance(0.1)) {
            branch(organs, county.name().replace("团委", "新入职公职人员临时团支部"), Sector.PARTY_GOVERNMENT_ORGAN,
                    Purpose.NEW_CIVIL_SERVANTS, null, null);
        }
        for (int b = 0; b < inner(20, 1, countyFill()); b++) {
            populated(branch(organs, county.name() + "示例机关" + b + "团支部", Sector.PARTY_GOVERNMENT_ORGAN, null, null, null), 0.05);
        }
        for (int t = 0; t < inner(8, 1, countyFill()); t++) {
            floating.addAll(localArea(county, OrgType.TOWNSHIP_COMMITTEE, "镇", t, inner(70, 2, 1)));
        }
        for (int t = 0; t < inner(3, 1, countyFill()); t++) {
            floating.addAll(localArea(county, OrgType.STREET_WORK_COMMITTEE, "街道", t, inner(60, 2, 1)));
        }
        for (int s = 0; s < inner(4, 1, countyFill()); s++) {
            school(county.id() + "-S" + s, county.name().replace("团委", "第" + (s + 1) + "中学团委"), county.id(),
                    Sector.MIDDLE_SCHOOL, region, false, 1, inner(20, 2, 1));
        }
        if (k == 0 || chance(0.3)) {
            school(county.id() + "-V", county.name().replace("团委", "职业技术学校团委"), county.id(), Sector.VOCATIONAL_SCHOOL,
                    region, false, 1, inner(30, 2, countyFill()));
        }
        for (int b = 0; b < inner(60, 2, countyFill()); b++) {
            Organization tn = branch(county, region + "示例两新组织" + b + "团支部", Sector.TWO_NEW, null, null, null);
            populated(tn, 0.0);
            twoNewOrgs.add(tn.id());
        }
        if (chance(0.3)) {
            // a general branch with nothing below it: a hollow committee
            org(id("GB"), county.name() + "示例团总支", county.id(), OrgType.GENERAL_BRANCH, Sector.REGIONAL, null, region,
                    false, null, null, null);
        }
    }

    /** A township or street with its floating-member branch (5% have none) and its village/community branches. */
    private List<Organization> localArea(Organization county, OrgType type, String kind, int t, int branches) {
        Organization area = org(county.id() + (type == OrgType.TOWNSHIP_COMMITTEE ? "-T" : "-J") + t,
                county.name().replace("团委", "示例" + kind + t + (type == OrgType.TOWNSHIP_COMMITTEE ? "团委" : "团工委")),
                county.id(), type, Sector.REGIONAL, null, county.region(), false, null, null, null);
        cadres(area, false);
        List<Organization> floating = new ArrayList<>();
        if (!chance(0.05) || area.id().endsWith("-X0-T0")) { // transfers from schools point to X0-T0's
            // one street in every province files its floating-member branch under the county instead of directly
            // under itself, so that T02.NO_FLOATING_MEMBER_BRANCH (直属) has a case whatever the 5% draw gives; the
            // draws are the same, so the rest of the province does not change
            Organization under = area.id().equals("C1-X0-J0") ? county : area;
            Organization f = branch(under, area.name().replaceAll("团(工)?委$", "流动团员团支部"), Sector.REGIONAL,
                    Purpose.FLOATING_MEMBERS, null, null);
            members(f, rnd.nextInt(4), 0, null);
            floating.add(f);
        }
        for (int b = 0; b < branches; b++) {
            populated(branch(area, area.name() + "示例村居" + b + "团支部", Sector.VILLAGE_COMMUNITY, null, null, null), 0.0);
        }
        if (type == OrgType.TOWNSHIP_COMMITTEE && chance(0.5)) {
            // the township's own organs: level TOWNSHIP, out of task 6's scope (省、市、县三级) however they report
            Organization organs = org(area.id() + "-JG", area.name().replace("团委", "机关团支部"), area.id(), OrgType.BRANCH,
                    Sector.PARTY_GOVERNMENT_ORGAN, Level.TOWNSHIP, county.region(), false, null, null, null);
            emit(new Cadre(id("K"), null, organs.id(), CadreRole.SECRETARY, onboarded(0.5)));
            members(organs, 3 + rnd.nextInt(8), 0.3, null);
        }
        return floating;
    }

    /** A school: its committee, faculties (universities), ordinary branches, 2018 graduating branches, graduates. */
    private Organization school(String id, String name, String parent, Sector sector, String region, boolean provincial,
                                int faculties, int branches) {
        Organization school = org(id, name, parent, OrgType.COMMITTEE, sector, null, region, provincial, null, null, null);
        cadres(school, true);
        if (sector == Sector.UNIVERSITY && !provincial) {
            municipalUniversities.add(school);
        }
        List<Organization> gradBranches = new ArrayList<>();
        for (int f = 0; f < faculties; f++) {
            Organization holder = school;
            if (sector == Sector.UNIVERSITY) {
                holder = org(id + "-F" + f, name.replace("团委", "第" + (f + 1) + "学院团委"), id, OrgType.COMMITTEE, sector,
                        null, region, provincial, null, null, null);
                if (provincial || f != 1) { // a municipal university's second faculty has entered no cadre yet
                    cadres(holder, true);
                }
            }
            for (int b = 0; b < branches; b++) {
                boolean graduating = b % 7 < 2;
                Organization br = branch(holder, holder.name().replace("团委", (graduating ? "2018届" : "") + (b + 1) + "班团支部"),
                        sector, null, graduating ? 2018 : null, null);
                if (graduating) {
                    gradBranches.add(br);
                } else {
                    populated(br, 0.05);
                }
            }
        }
        // graduates, their transfers, the graduates' theme days and the graduate count
        double transferRate = 0.2 + rnd.nextDouble() * 0.85;
        boolean dumping = chance(0.04);
        int graduates = 0;
        List<String> floatingTargets = new ArrayList<>();
        for (Organization br : gradBranches) {
            int size = 8 + rnd.nextInt(membersPerBranch);
            // graduates of a university name their faculty half of the time (it belongs to the school)
            String schoolOrg = sector == Sector.UNIVERSITY && chance(0.5) ? br.parentId() : id;
            for (int i = 0; i < size; i++) {
                String mid = "M" + (++memberSeq);
                boolean done = rnd.nextDouble() < transferRate;
                boolean stays = chance(0.05); // postgraduate study or work at the school: no transfer needed
                LocalDate joined = LocalDate.of(2014, 9, 1).plusDays(rnd.nextInt(600));
                emit(new Member(mid, br.id(), joined, number(), reported(0.03), null, 2018, schoolOrg, personKey(),
                        stays ? Boolean.TRUE : null));
                graduates++;
                if (chance(0.3)) { // the transfer that brought the student in: not a transfer out
                    emit(new Transfer(id("TR"), mid, receiving(region), br.id(), joined.minusDays(10), joined.minusDays(3),
                            TransferStatus.COMPLETED));
                }
                if (chance(0.03)) { // a move between two organisations of the school: not a transfer out either
                    emit(new Transfer(id("TR"), mid, br.id(), br.parentId(), LocalDate.of(2018, 3, 1), LocalDate.of(2018, 3, 8),
                            TransferStatus.COMPLETED));
                }
                if (stays) {
                    continue;
                }
                if (done || chance(0.2)) {
                    String to = dumping && chance(0.7) ? "FLOATING" : "ELSEWHERE";
                    floatingTargets.add(to);
                    emit(new Transfer(id("TR"), mid, br.id(), to.equals("FLOATING") ? floatingOf(region) : receiving(region),
                            LocalDate.of(2018, 6, 20).plusDays(rnd.nextInt(30)),
                            done ? LocalDate.of(2018, 7, 1).plusDays(rnd.nextInt(80)) : null,
                            done ? TransferStatus.COMPLETED : TransferStatus.PENDING));
                }
            }
            emit(new Cadre(id("K"), null, br.id(), CadreRole.SECRETARY, onboarded(0.05)));
            if (!chance(0.12)) {
                List<ActivityContent> covers = chance(0.1) ? List.of(ALL[0], ALL[1]) : List.of(ALL);
                emit(new Activity(id("A"), br.id(), LocalDate.of(2018, 6, 10).plusDays(rnd.nextInt(25)),
                        ActivityKind.GRADUATE_THEME_DAY, covers));
            }
        }
        if (!chance(0.1)) {
            Double reported = chance(0.03) ? null : chance(0.05) ? graduates * 1.5 + 3 : (double) graduates; // null: no number
            emit(new Submission(id("SUB"), id, SubmissionKind.GRADUATE_COUNT, LocalDate.of(2018, 6, 12 + rnd.nextInt(14)), reported));
        }
        return school;
    }

    private String floatingOf(String region) {
        int c = region == null ? rnd.nextInt(CITIES.size()) : CITIES.indexOf(region);
        return "C" + (c + 1) + "-X0-T0-F";
    }

    private String receiving(String region) {
        int c = region == null ? rnd.nextInt(CITIES.size()) : CITIES.indexOf(region);
        return "C" + (c + 1) + "-X0-T0-B0";
    }

    /** The provincial enterprise work committee, the registry of enterprises and their organisations. */
    private Organization enterprises() {
        Organization pe = org("P-QY", "省属企业团工委", "GD", OrgType.WORK_COMMITTEE, Sector.PROVINCIAL_ENTERPRISE,
                Level.PROVINCE, null, false, null, null, null);
        cadres(pe, false);
        for (int g = 0; g < n(30, 2); g++) {
            String gid = "E" + g;
            Organization go = org(id("EO"), "示例省属集团" + g + "团委", g == 1 ? "C1" : pe.id(), OrgType.COMMITTEE, Sector.PROVINCIAL_ENTERPRISE,
                    Level.PROVINCE, null, false, null, null, null);
            cadres(go, false);
            populated(branch(go, go.name().replace("团委", "机关团支部"), Sector.PROVINCIAL_ENTERPRISE, null, null, null), 0.05);
            emit(new Enterprise(gid, "示例省属集团" + g, null, EnterpriseTier.GROUP, Ownership.WHOLLY_OWNED, 50 + rnd.nextInt(500), go.id()));
            for (int s = 0; s < inner(12, 2, fill(30, 2)); s++) {
                String sid = gid + "-" + s;
                int staff = g == 0 && s <= 1 ? 12 : rnd.nextInt(40);
                String orgId = null;
                if ((g == 0 && s == 1) || (staff >= 3 && !(g == 0 && s == 0) && !chance(0.1))) {
                    boolean misplaced = (g == 0 && s == 1) || chance(0.05);
                    Organization so = org(id("EO"), "示例省属集团" + g + "二级公司" + s + "团委", misplaced ? pe.id() : go.id(),
                            OrgType.COMMITTEE, Sector.PROVINCIAL_ENTERPRISE, null, null, false, null, null, null);
                    cadres(so, false);
                    populated(branch(so, so.name().replace("团委", "团支部"), Sector.PROVINCIAL_ENTERPRISE, null, null, null), 0.05);
                    orgId = so.id();
                }
                emit(new Enterprise(sid, "示例省属集团" + g + "二级公司" + s, gid, EnterpriseTier.SECOND_LEVEL,
                        chance(0.7) ? Ownership.WHOLLY_OWNED : Ownership.HOLDING, staff, orgId));
            }
        }
        return pe;
    }

    /** Top-unit duties of tasks 9, 13 and 14. */
    private void topUnitDuties(Organization t) {
        String admin = id("K");
        emit(new Cadre(admin, null, t.id(), CadreRole.COMMITTEE_MEMBER, onboarded(0.0)));
        if (!chance(0.15)) {
            // 5% name an administrator who is not entered as a cadre
            emit(new FeeAuthority(id("FA"), t.id(), t.id(), chance(0.05) ? id("K") : admin,
                    LocalDate.of(2018, 6, 25).plusDays(rnd.nextInt(14))));
        }
        int managers = chance(0.1) ? 1 : 2;
        for (int i = 0; i < managers; i++) {
            String manager = admin;
            if (i > 0) {
                manager = id("K");
                if (!chance(0.05)) { // else a manager who is not entered as a cadre: does not count
                    emit(new Cadre(manager, null, t.id(), CadreRole.COMMITTEE_MEMBER, onboarded(0.0)));
                }
            }
            emit(new FeeManager(id("FM"), t.id(), manager, true, !chance(0.05),
                    LocalDate.of(2018, 6, 15).plusDays(rnd.nextInt(12))));
        }
        if (!chance(0.1)) {
            emit(new Submission(id("SUB"), t.id(), SubmissionKind.FEE_PUBLICITY, LocalDate.of(2018, 7, 20).plusDays(rnd.nextInt(24)), null));
        }
        if (!t.id().equals("C6") && !chance(0.1)) { // 韶关 never enters them
            LocalDate due = t.sector() == Sector.UNIVERSITY ? LocalDate.of(2018, 10, 10) : LocalDate.of(2018, 9, 20);
            emit(new Submission(id("SUB"), t.id(), SubmissionKind.REWARD_PUNISHMENT_ENTRY, due.plusDays(rnd.nextInt(15)), null));
        }
    }

    private void proxyPayments() {
        for (int p = 0; p < n(40, 2); p++) {
            String payer = key("payer", rnd.nextLong());
            long first = 1 + (long) rnd.nextInt((int) Math.max(1, memberSeq - 10));
            for (int i = 0; i < 6; i++) {
                emit(new FeePayment(id("P"), "M" + (first + i), YearMonth.of(2018, 10), LocalDate.of(2018, 10, 8),
                        PaymentChannel.ONLINE, 50, payer));
            }
        }
    }

    // ------------------------------------------------------------------ branches and members

    private Organization branch(Organization parent, String name, Sector sector, Purpose purpose, Integer gradClass, String unit) {
        String bid = parent.id() + (purpose == Purpose.FLOATING_MEMBERS ? "-F" : purpose == Purpose.NEW_CIVIL_SERVANTS ? "-N" : "-B" + (seq++));
        if (purpose == null && parent.type() == OrgType.TOWNSHIP_COMMITTEE && name.endsWith("村居0团支部")) {
            bid = parent.id() + "-B0";
        }
        Organization b = org(bid, name, parent.id(), OrgType.BRANCH, sector, null, parent.region(), parent.provinciallyManaged(),
                purpose, gradClass, unit == null && sector == Sector.TWO_NEW ? "U-" + bid : unit);
        if (!chance(0.03) || purpose != null) {
            emit(new Cadre(id("K"), null, bid, CadreRole.SECRETARY, onboarded(0.05)));
        }
        return b;
    }

    /** Fills an ordinary branch: mostly a normal size, 2% hollow, 2% undersized, 1% reported in a burst. */
    private void populated(Organization branch, double unreported) {
        double r = rnd.nextDouble();
        if (r < 0.02) {
            return; // hollow
        }
        int size = r < 0.04 ? 1 + rnd.nextInt(2) : 6 + rnd.nextInt(2 * membersPerBranch - 11);
        boolean burst = size >= 10 && chance(0.01);
        members(branch, size, burst ? -1 : unreported, null);
    }

    private void members(Organization branch, int size, double unreported, String workUnit) {
        LocalDateTime burstStart = LocalDateTime.of(2018, 6, 1 + rnd.nextInt(25), 9 + rnd.nextInt(8), rnd.nextInt(50));
        for (int i = 0; i < size; i++) {
            String mid = "M" + (++memberSeq);
            LocalDateTime reported = unreported < 0
                    ? (i < size * 0.9 ? burstStart.plusSeconds(rnd.nextInt(500)) : burstStart.minusDays(5 + i))
                    : reported(unreported);
            boolean october = chance(0.01); // joined in October: owes no dues for September
            LocalDate joined = october ? LocalDate.of(2018, 10, 1).plusDays(rnd.nextInt(31))
                    : LocalDate.of(2012, 1, 1).plusDays(rnd.nextInt(2300));
            emit(new Member(mid, branch.id(), joined, joined.getYear() >= 2017 && chance(0.04) ? null : number(), reported,
                    workUnit, null, null, personKey(), null));
            payment(mid, october);
        }
    }

    private void payment(String memberId, boolean joinedInOctober) {
        if (!joinedInOctober) {
            if (chance(0.18)) { // August, still offline (线下交团费到2018年8月)
                emit(new FeePayment(id("P"), memberId, YearMonth.of(2018, 8), LocalDate.of(2018, 8, 1).plusDays(rnd.nextInt(30)),
                        PaymentChannel.OFFLINE, 50, null));
            }
            monthlyDues(memberId, YearMonth.of(2018, 9), 0.86);
        }
        monthlyDues(memberId, YearMonth.of(2018, 10), 0.84);
        if (chance(0.1)) { // November: the early payers (a run as of late November sees the rest as missing)
            emit(new FeePayment(id("P"), memberId, YearMonth.of(2018, 11), LocalDate.of(2018, 11, 1).plusDays(rnd.nextInt(10)),
                    PaymentChannel.ONLINE, 50, "acct-" + memberId));
        }
    }

    /** One month's dues: online on time with probability {@code onTime}, else now and then offline or late. */
    private void monthlyDues(String memberId, YearMonth month, double onTime) {
        double r = rnd.nextDouble();
        LocalDate first = month.atDay(1);
        if (r < onTime) {
            emit(new FeePayment(id("P"), memberId, month, first.plusDays(rnd.nextInt(month.lengthOfMonth() - 1)),
                    PaymentChannel.ONLINE, 50, "acct-" + memberId));
        } else if (r < onTime + 0.01) {
            emit(new FeePayment(id("P"), memberId, month, first.plusDays(4), PaymentChannel.OFFLINE, 50, null));
        } else if (r < onTime + 0.04) {
            emit(new FeePayment(id("P"), memberId, month, month.plusMonths(1).atDay(3), PaymentChannel.ONLINE, 50, "acct-" + memberId));
        }
    }

    private void cadres(Organization o, boolean school) {
        if (chance(0.02)) {
            return; // no cadre entered at all (T05/T06.NO_CADRE_ENTERED)
        }
        emit(new Cadre(id("K"), null, o.id(), CadreRole.SECRETARY, onboarded(0.03)));
        emit(new Cadre(id("K"), null, o.id(), CadreRole.DEPUTY_SECRETARY, onboarded(school ? 0.08 : 0.05)));
    }

    private LocalDateTime reported(double missing) {
        if (chance(missing)) {
            return null;
        }
        return LocalDateTime.of(2018, 3, 1, 8, 0).plusMinutes(rnd.nextInt(120 * 24 * 60));
    }

    private LocalDateTime onboarded(double missing) {
        return chance(missing) ? null : LocalDateTime.of(2018, 4, 1, 8, 0).plusMinutes(rnd.nextInt(85 * 24 * 60));
    }

    private String number() {
        if (chance(0.0005) && memberSeq > 2) {
            return "440" + String.format("%09d", memberSeq - 1);
        }
        return "440" + String.format("%09d", memberSeq);
    }

    private String personKey() {
        if (chance(0.0005) && memberSeq > 2) {
            return key("pk", (memberSeq - 1) * 0x9E3779B97F4A7C15L);
        }
        return key("pk", memberSeq * 0x9E3779B97F4A7C15L);
    }

    /** A one-way-looking key in groups of four hex digits (never a long run of digits that could read as a phone number). */
    private static String key(String prefix, long value) {
        String hex = String.format("%016x", value);
        return prefix + "-" + hex.substring(0, 4) + "-" + hex.substring(4, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12);
    }
}
