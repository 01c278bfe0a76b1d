package org.lifeline.flink;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.lifeline.fact.Cadre;
import org.lifeline.fact.Enterprise;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.FeeAuthority;
import org.lifeline.fact.FeeManager;
import org.lifeline.fact.FeePayment;
import org.lifeline.fact.Member;
import org.lifeline.fact.Organization;
import org.lifeline.fact.PaymentChannel;
import org.lifeline.fact.Submission;
import org.lifeline.fact.Activity;
import org.lifeline.fact.Transfer;
import org.lifeline.fact.TwoNewLedgerEntry;

/**
 * Which top units' keys each fact goes to, so that every key holds every fact the findings it owns depend on. These
 * are the decisions of the job's routing stages ({@link RoutingStages}), made here in one pass over a whole fact set
 * without Flink: the specification the tests hold the stages to ({@code FlinkRoutingTest}).
 *
 * <p>A key is a top unit (the organisation directly below a 团省委), or {@link #ROOT_KEY} for the findings with no top
 * unit (the 团省委 itself, an organisation whose ancestor is not in force yet). A key owns the findings whose
 * {@code topUnitId} is its top unit and keeps only those; the union over all keys is then the single-machine result.
 * Top units are those of the tree as of the evaluation date (an organisation created later is not in it), as the
 * engine derives them.
 *
 * <ul>
 *   <li><b>Organisations</b> go to the key of their own top unit (a key's subtree is complete), and to every key that
 *       holds a fact naming them, with their chain of parents up to the root; the roots and the city committees go to
 *       every key ({@link Placement}, {@link OrgNeeds}). A key never holds the whole tree.</li>
 *   <li><b>Local facts</b> go to the key of the organisation they name: submissions, activities, fee managers
 *       ({@code orgId}), fee authorities ({@code topUnitId}), ledger entries ({@code cityOrgId}), cadres and members
 *       ({@code orgId}, their home), payments (their member's home).</li>
 *   <li><b>Members</b> also go to the key of their school ({@code schoolOrgId}: T01/T12 shares, A.TRANSFER_DUMPING,
 *       A.GRADUATE_COUNT_MISMATCH count a school's graduates wherever they now are), to the key of the receiving
 *       organisation of each of their transfers (T12.TRANSFER_IN_PENDING), and wherever a cadre naming them goes;
 *       a member's transfers go wherever the member goes.</li>
 *   <li><b>Cadres</b> also go to the key of a fee manager or fee authority naming them (T13.FEE_MANAGERS_MISSING,
 *       T09.FEE_AUTHORITY_NOT_DESIGNATED look the cadre up by id).</li>
 *   <li><b>Shared keys</b> (A.DUPLICATE_PERSON by person key, A.DUPLICATE_MEMBER_NUMBER by member number,
 *       A.PROXY_PAYMENT by paying account and month): when the members sharing one key live in several top units,
 *       the whole group (members, and for a paying account its payments) goes to each of them, so each sees the
 *       same complete group and the finding's subject (the smallest member id) is owned by exactly one.</li>
 *   <li><b>Enterprises</b> (T07) go to the key of their own province's 省属企业团工委 (the top unit of their findings:
 *       {@link Placement#enterpriseKeys}), with the enterprises above them.</li>
 * </ul>
 */
final class Routing {

    /** The key of the findings with no top unit. */
    static final String ROOT_KEY = "-";

    private final Placement tree;

    private Routing(Placement tree) {
        this.tree = tree;
    }

    /**
     * The facts routed to their keys, as rows: each fact once per key it goes to, in the input's order kind by kind.
     */
    static List<FactRow> route(FactSet facts, LocalDate asOf) {
        Routing r = new Routing(new Placement(facts.all(Organization.class), asOf));
        return r.rows(facts);
    }

    private String keyOf(String orgId) {
        return tree.keyOf(orgId);
    }

    private List<FactRow> rows(FactSet facts) {
        Map<String, Set<String>> memberKeys = new HashMap<>();
        Map<String, Set<String>> cadreKeys = new HashMap<>();
        Map<String, Set<String>> paymentKeys = new HashMap<>();
        Map<String, Member> members = new HashMap<>();
        for (Member m : facts.all(Member.class)) {
            members.put(m.id(), m);
            Set<String> k = keysOf(memberKeys, m.id());
            k.add(keyOf(m.orgId()));
            if (m.schoolOrgId() != null) {
                k.add(keyOf(m.schoolOrgId()));
            }
        }
        for (Transfer t : facts.all(Transfer.class)) {
            keysOf(memberKeys, t.memberId()).add(keyOf(t.toOrgId()));
        }
        for (Cadre c : facts.all(Cadre.class)) {
            keysOf(cadreKeys, c.id()).add(keyOf(c.orgId()));
        }
        for (FeeManager fm : facts.all(FeeManager.class)) {
            if (fm.cadreId() != null && cadreKeys.containsKey(fm.cadreId())) {
                cadreKeys.get(fm.cadreId()).add(keyOf(fm.orgId()));
            }
        }
        for (FeeAuthority fa : facts.all(FeeAuthority.class)) {
            if (fa.administratorId() != null && cadreKeys.containsKey(fa.administratorId())) {
                cadreKeys.get(fa.administratorId()).add(keyOf(fa.topUnitId()));
            }
        }
        for (Cadre c : facts.all(Cadre.class)) {
            if (c.memberId() != null) {
                keysOf(memberKeys, c.memberId()).addAll(cadreKeys.get(c.id()));
            }
        }
        for (FeePayment p : facts.all(FeePayment.class)) {
            Member m = members.get(p.memberId());
            keysOf(paymentKeys, p.id()).add(keyOf(m == null ? null : m.orgId()));
        }
        // shared keys whose members live in several top units: the whole group to each of them
        Function<String, String> home = id -> {
            Member m = members.get(id);
            return keyOf(m == null ? null : m.orgId());
        };
        spread(groups(facts.all(Member.class), Member::personKey, Member::id), home, memberKeys);
        spread(groups(facts.all(Member.class), Member::memberNumber, Member::id), home, memberKeys);
        Map<String, List<FeePayment>> byPayerMonth = new HashMap<>();
        for (FeePayment p : facts.all(FeePayment.class)) {
            if (p.channel() == PaymentChannel.ONLINE && p.payerKey() != null) {
                byPayerMonth.computeIfAbsent(p.payerKey() + "@" + p.month(), k -> new ArrayList<>()).add(p);
            }
        }
        for (List<FeePayment> group : byPayerMonth.values()) {
            Set<String> involved = new TreeSet<>();
            group.forEach(p -> involved.add(home.apply(p.memberId())));
            if (involved.size() > 1) {
                for (FeePayment p : group) {
                    keysOf(paymentKeys, p.id()).addAll(involved);
                    keysOf(memberKeys, p.memberId()).addAll(involved);
                }
            }
        }

        Map<String, Set<String>> enterpriseKeys = tree.enterpriseKeys(facts.all(Enterprise.class));

        // the organisations each key needs: those its facts name, with their chains (OrgNeeds)
        OrgNeeds needs = new OrgNeeds(tree);
        Map<FactKind, List<Collection<String>>> destinations = new java.util.EnumMap<>(FactKind.class);
        for (FactKind kind : FactKind.values()) {
            if (kind == FactKind.ORGANIZATIONS) {
                continue;
            }
            List<Collection<String>> to = new ArrayList<>();
            for (Fact f : facts.all(kind)) {
                Collection<String> keys = destinations(f, memberKeys, cadreKeys, paymentKeys, enterpriseKeys);
                to.add(keys);
                for (String key : keys) {
                    needs.referencedBy(f, key);
                }
            }
            destinations.put(kind, to);
        }

        List<FactRow> out = new ArrayList<>();
        long seq = 0;
        for (FactKind kind : FactKind.values()) {
            List<Collection<String>> to = destinations.get(kind);
            int i = 0;
            for (Fact f : facts.all(kind)) {
                Collection<String> keys = kind == FactKind.ORGANIZATIONS ? needs.keysOf(f.id()) : to.get(i++);
                String origin = kind == FactKind.ORGANIZATIONS ? facts.origin(f) : null;
                for (String key : keys) {
                    out.add(FactRow.of(key, f, seq, origin));
                }
                seq++;
            }
        }
        return out;
    }

    private Collection<String> destinations(Fact f, Map<String, Set<String>> memberKeys,
                                            Map<String, Set<String>> cadreKeys, Map<String, Set<String>> paymentKeys,
                                            Map<String, Set<String>> enterpriseKeys) {
        if (f instanceof Member m) {
            return memberKeys.get(m.id());
        } else if (f instanceof Cadre c) {
            return cadreKeys.get(c.id());
        } else if (f instanceof Transfer t) {
            return memberKeys.getOrDefault(t.memberId(), Set.of(keyOf(t.toOrgId())));
        } else if (f instanceof FeePayment p) {
            return paymentKeys.get(p.id());
        } else if (f instanceof Submission s) {
            return Set.of(keyOf(s.orgId()));
        } else if (f instanceof FeeAuthority a) {
            return Set.of(keyOf(a.topUnitId()));
        } else if (f instanceof FeeManager m) {
            return Set.of(keyOf(m.orgId()));
        } else if (f instanceof Activity a) {
            return Set.of(keyOf(a.orgId()));
        } else if (f instanceof Enterprise e) {
            return enterpriseKeys.get(e.id());
        } else if (f instanceof TwoNewLedgerEntry e) {
            return Set.of(keyOf(e.cityOrgId()));
        }
        throw new IllegalArgumentException("not a Lifeline fact other than an organisation: " + f.getClass());
    }

    private static <T> Collection<List<String>> groups(Collection<T> facts, Function<T, String> by,
                                                       Function<T, String> id) {
        Map<String, List<String>> groups = new HashMap<>();
        for (T f : facts) {
            String k = by.apply(f);
            if (k != null) {
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(id.apply(f));
            }
        }
        return groups.values();
    }

    private static void spread(Collection<List<String>> groups, Function<String, String> home,
                               Map<String, Set<String>> memberKeys) {
        for (List<String> group : groups) {
            if (group.size() < 2) {
                continue;
            }
            Set<String> involved = new TreeSet<>();
            group.forEach(id -> involved.add(home.apply(id)));
            if (involved.size() > 1) {
                group.forEach(id -> keysOf(memberKeys, id).addAll(involved));
            }
        }
    }

    private static Set<String> keysOf(Map<String, Set<String>> keys, String id) {
        return keys.computeIfAbsent(id, k -> new LinkedHashSet<>());
    }
}
