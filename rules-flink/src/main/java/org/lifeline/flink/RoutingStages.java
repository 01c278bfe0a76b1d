package org.lifeline.flink;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.KeyedStateFunction;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.lifeline.fact.Cadre;
import org.lifeline.fact.Enterprise;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.FeeAuthority;
import org.lifeline.fact.FeeManager;
import org.lifeline.fact.Member;
import org.lifeline.fact.Organization;
import org.lifeline.fact.PaymentChannel;
import org.lifeline.fact.Submission;
import org.lifeline.fact.Activity;
import org.lifeline.fact.Transfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.lifeline.fact.TwoNewLedgerEntry;

/**
 * The routing of {@link Routing} as Flink stages, so that no client holds the fact set. The organisations (about
 * 250 k a province) are broadcast to every routing task, which builds a {@link Placement} from them (top unit of
 * each organisation as of the date, chains, units, cities); everything else is routed by keyed stages, each
 * gathering its key's messages and deciding at the end of its input (a timer at the end of time: in BATCH when the
 * key's records are done, in STREAMING on the final watermark, when the broadcast tree is complete too):
 *
 * <ol>
 *   <li><b>cadres</b>, by cadre id, with the fee managers and fee authorities naming them: a cadre goes to its
 *       organisation's key and to every key of a manager or authority naming it; its member must go there too;</li>
 *   <li><b>homes</b>, by member id, members with their payments: each member's home key; a payment goes home,
 *       or, when online with a paying account, to its payer-month group; each member with a person key or member
 *       number joins that group;</li>
 *   <li><b>groups</b>, by person key, member number, or paying account and month: when the members of a group
 *       live in several top units, every member (and payment) of it goes to each of them;</li>
 *   <li><b>members</b>, by member id, members with their transfers and the extra keys of the stages above: a member
 *       goes home, to its school's key, to each of its transfers' receiving keys and to those extra keys; its
 *       transfers go wherever it goes;</li>
 *   <li><b>local facts</b> (submissions, activities, fee managers and authorities, ledger entries), by kind and id:
 *       to the key of the organisation they name; the enterprises, all in one key (the registry is small, and an
 *       enterprise is placed by those above it): each to its province's 省属企业团工委's key and the keys of the
 *       enterprises below it ({@link Placement#enterpriseKeys});</li>
 *   <li><b>organisations</b>, by id, with the keys' requests: to their own top unit's key, to every key whose facts
 *       name them or an organisation below them, to every key for the roots and the cities, to the root's key for
 *       the chains of the organisations it holds and one branch below each root.</li>
 * </ol>
 * Every stage that routes a fact to a key requests the organisations the fact names (with their chains) for that
 * key. Duplicate ids of organisations, members, cadres and local facts fail the job (as they fail a single
 * machine's load); transfers and payments are checked for duplicates within each key only.
 *
 * <p><b>Live</b> ({@link #routeLive}): the same stages and the same decisions, made again after every change
 * instead of once at the end. A first stage keyed by kind and id holds each fact as it stands and turns an upsert or
 * a delete into the withdrawal of the fact's previous row ({@link Routed#retract}) and the addition of its new one.
 * Every stage then holds its key's messages by content, counted (a message two senders send is held until both
 * withdraw it), and after each message it decides its key again with the same {@code handle} into a list, compares
 * the list with what it sent for the key last time (keyed state) and sends the difference: withdrawals, then
 * additions. Requests for organisations are diffed the same way and counted at the organisation stage, so an
 * organisation leaves a key when no request for it remains. A change of an organisation changes the broadcast tree:
 * the task builds its {@link Placement} again and decides every key of the stage again (cost: the stage's keys on
 * the task, one decision each; the tree is best loaded before the facts that name it).
 */
final class RoutingStages {

    static final MapStateDescriptor<String, FactRow> TREE = new MapStateDescriptor<>("organisations",
            BasicTypeInfo.STRING_TYPE_INFO, TypeInformation.of(FactRow.class));
    private static final TypeInformation<Routed> ROUTED = TypeInformation.of(Routed.class);

    /** Marks a withdrawn organisation on the broadcast tree of a live feed (the row's key is unused there). */
    static final String WITHDRAWN = "\u0000withdrawn";
    private static final Logger LOG = LoggerFactory.getLogger(RoutingStages.class);

    private RoutingStages() {
    }

    /**
     * The live feed's routing: changes of facts in, and out the routed facts' additions and withdrawals
     * ({@link Routed#ROW} messages whose {@code row.key} is the destination key, {@link Routed#retract} set on a
     * withdrawal). Folding them (count per message identity) gives, once the changes have passed, exactly the rows
     * {@link #route} sends for the facts as they stand.
     */
    static DataStream<Routed> routeLive(DataStream<FactChange> changes, LocalDate asOf) {
        String orgs = FactKind.ORGANIZATIONS.key();
        DataStream<Routed> facts = changes.keyBy(c -> c.kind + "/" + c.id).process(new Identities(), ROUTED)
                .name("facts by kind and id");
        BroadcastStream<FactRow> tree = facts.filter(m -> m.row.kind.equals(orgs)).name("organisation changes")
                .map(m -> m.retract ? m.row.to(WITHDRAWN) : m.row, TypeInformation.of(FactRow.class)).broadcast(TREE);

        DataStream<Routed> cadres = facts.filter(m -> cadreStage(m.row)).name("cadres and who names them (live)")
                .map(m -> m.by(cadreKey(m.row)), ROUTED)
                .keyBy(m -> m.by).connect(tree).process(new Cadres(asOf).live(), ROUTED).name("route cadres (live)");
        DataStream<Routed> homes = facts.filter(m -> m.row.kind.equals(FactKind.MEMBERS.key())
                        || m.row.kind.equals(FactKind.FEE_PAYMENTS.key())).name("members and payments (live)")
                .map(m -> m.by(memberKey(m.row)), ROUTED)
                .keyBy(m -> m.by).connect(tree).process(new Homes(asOf).live(), ROUTED).name("member homes (live)");
        DataStream<Routed> groups = homes.filter(m -> m.type == Routed.GROUP || m.type == Routed.PAYER)
                .name("shared keys (live)").keyBy(m -> m.by).process(new Groups().live(), ROUTED)
                .name("shared-key groups (live)");
        DataStream<Routed> memberInput = facts.filter(m -> m.row.kind.equals(FactKind.MEMBERS.key())
                        || m.row.kind.equals(FactKind.TRANSFERS.key())).name("members and transfers (live)")
                .map(m -> m.by(memberKey(m.row)), ROUTED)
                .union(cadres.filter(m -> m.type == Routed.MEMBER_KEYS), groups.filter(m -> m.type == Routed.MEMBER_KEYS));
        DataStream<Routed> members = memberInput.keyBy(m -> m.by).connect(tree).process(new Members(asOf).live(), ROUTED)
                .name("route members (live)");
        DataStream<Routed> local = facts.filter(m -> localKind(m.row)).name("local facts (live)")
                .map(m -> m.by(localKey(m.row)), ROUTED)
                .keyBy(m -> m.by).connect(tree).process(new Local(asOf).live(), ROUTED).name("route local facts (live)");

        DataStream<Routed> routed = cadres.union(homes, groups, members, local);
        DataStream<Routed> orgInput = facts.filter(m -> m.row.kind.equals(orgs)).name("organisation rows (live)")
                .map(m -> m.by(m.row.id()), ROUTED)
                .union(routed.filter(m -> m.type == Routed.REQUEST));
        DataStream<Routed> organisations = orgInput.keyBy(m -> m.by).connect(tree)
                .process(new Organisations(asOf).live(), ROUTED).name("route organisations (live)");
        return routed.union(organisations).filter(m -> m.type == Routed.ROW).name("routed changes");
    }

    /**
     * The first stage of a live feed, by kind and id: holds each fact's row as it stands and turns an upsert into the
     * withdrawal of the previous row (if any, and different) and the addition of the new one, a delete into the
     * withdrawal of the row. A delete of a fact that is not there changes nothing (logged).
     */
    static final class Identities extends KeyedProcessFunction<String, FactChange, Routed> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<FactRow> current;

        @Override
        public void open(OpenContext context) {
            current = getRuntimeContext().getState(new ValueStateDescriptor<>("fact", TypeInformation.of(FactRow.class)));
        }

        @Override
        public void processElement(FactChange c, Context ctx, Collector<Routed> out) throws Exception {
            FactRow before = current.value();
            if (c.deletes()) {
                if (before == null) {
                    LOG.warn("a delete of a {} fact that is not there (id of length {}): nothing changes", c.kind,
                            c.id.length());
                    return;
                }
                out.collect(Routed.of(Routed.ROW, null, null, null, null, before).retracted());
                current.clear();
                return;
            }
            FactRow after = c.row.to(null);
            if (before != null) {
                if (before.identity().equals(after.identity())) {
                    return; // the same row again
                }
                out.collect(Routed.of(Routed.ROW, null, null, null, null, before).retracted());
            }
            out.collect(Routed.of(Routed.ROW, null, null, null, null, after));
            current.update(after);
        }
    }

    /** The facts (unrouted rows), routed: each fact once per key it goes to. */
    static DataStream<FactRow> route(DataStream<FactRow> facts, LocalDate asOf) {
        String orgs = FactKind.ORGANIZATIONS.key();
        // BATCH, or AUTOMATIC over the job's bounded sources (the FileSource, a fact set): Flink runs it as BATCH
        boolean batch = facts.getExecutionEnvironment().getConfiguration()
                .get(ExecutionOptions.RUNTIME_MODE) != RuntimeExecutionMode.STREAMING;
        BroadcastStream<FactRow> tree = facts.filter(r -> r.kind.equals(orgs)).name("organisations").broadcast(TREE);

        DataStream<Routed> cadres = facts.filter(RoutingStages::cadreStage).name("cadres and who names them")
                .map(r -> Routed.of(Routed.ROW, cadreKey(r), null, null, null, r), ROUTED)
                .keyBy(m -> m.by).connect(tree).process(new Cadres(asOf).sharingTree(batch), ROUTED).name("route cadres");
        DataStream<Routed> homes = facts.filter(r -> r.kind.equals(FactKind.MEMBERS.key())
                        || r.kind.equals(FactKind.FEE_PAYMENTS.key())).name("members and payments")
                .map(r -> Routed.of(Routed.ROW, memberKey(r), null, null, null, r), ROUTED)
                .keyBy(m -> m.by).connect(tree).process(new Homes(asOf).sharingTree(batch), ROUTED).name("member homes");
        DataStream<Routed> groups = homes.filter(m -> m.type == Routed.GROUP || m.type == Routed.PAYER)
                .name("shared keys").keyBy(m -> m.by).process(new Groups(), ROUTED).name("shared-key groups");
        DataStream<Routed> memberInput = facts.filter(r -> r.kind.equals(FactKind.MEMBERS.key())
                        || r.kind.equals(FactKind.TRANSFERS.key())).name("members and transfers")
                .map(r -> Routed.of(Routed.ROW, memberKey(r), null, null, null, r), ROUTED)
                .union(cadres.filter(m -> m.type == Routed.MEMBER_KEYS), groups.filter(m -> m.type == Routed.MEMBER_KEYS));
        DataStream<Routed> members = memberInput.keyBy(m -> m.by).connect(tree).process(new Members(asOf).sharingTree(batch), ROUTED)
                .name("route members");
        DataStream<Routed> local = facts.filter(RoutingStages::localKind).name("local facts")
                .map(r -> Routed.of(Routed.ROW, localKey(r), null, null, null, r), ROUTED)
                .keyBy(m -> m.by).connect(tree).process(new Local(asOf).sharingTree(batch), ROUTED).name("route local facts");

        DataStream<Routed> routed = cadres.union(homes, groups, members, local);
        DataStream<Routed> orgInput = facts.filter(r -> r.kind.equals(orgs)).name("organisation rows")
                .map(r -> Routed.of(Routed.ROW, r.id(), null, null, null, r), ROUTED)
                .union(routed.filter(m -> m.type == Routed.REQUEST));
        DataStream<Routed> organisations = orgInput.keyBy(m -> m.by).connect(tree).process(new Organisations(asOf).sharingTree(batch), ROUTED)
                .name("route organisations");
        return routed.union(organisations).filter(m -> m.type == Routed.ROW).name("routed facts")
                .map(m -> m.row, TypeInformation.of(FactRow.class));
    }

    private static boolean cadreStage(FactRow r) {
        return r.kind.equals(FactKind.CADRES.key()) || (r.kind.equals(FactKind.FEE_MANAGERS.key())
                || r.kind.equals(FactKind.FEE_AUTHORITIES.key())) && cadreKey(r) != null;
    }

    /** The cadre a row is about: a cadre's id, the cadre a fee manager or authority names (null: none). */
    private static String cadreKey(FactRow r) {
        if (r.kind.equals(FactKind.FEE_MANAGERS.key())) {
            return r.field("cadreId");
        }
        if (r.kind.equals(FactKind.FEE_AUTHORITIES.key())) {
            return r.field("administratorId");
        }
        return r.id();
    }

    /** The member a member, payment or transfer row is about. */
    private static String memberKey(FactRow r) {
        return r.kind.equals(FactKind.MEMBERS.key()) ? r.id() : r.field("memberId");
    }

    /**
     * The key of a local fact's routing: its kind and id; the enterprises all under their kind (the registry, a few
     * hundred rows a province: an enterprise is placed by the enterprises above it).
     */
    private static String localKey(FactRow r) {
        return r.kind.equals(FactKind.ENTERPRISES.key()) ? r.kind : r.kind + "/" + r.id();
    }

    private static boolean localKind(FactRow r) {
        FactKind k = FactKind.byKey(r.kind).orElseThrow();
        return switch (k) {
            case SUBMISSIONS, FEE_AUTHORITIES, FEE_MANAGERS, ACTIVITIES, ENTERPRISES, TWO_NEW_LEDGER -> true;
            default -> false;
        };
    }

    /**
     * A keyed stage that reads the broadcast tree: gathers its key's messages in keyed state and handles them at the
     * end of its input, when the tree is complete.
     */
    private abstract static class TreeStage extends KeyedBroadcastProcessFunction<String, Routed, FactRow, Routed> {
        private static final long serialVersionUID = 1L;

        final LocalDate asOf;
        /** BATCH: the tree is one per task manager ({@link SharedTrees}), not a copy in each task's broadcast state. */
        private boolean sharedTree;
        private transient SharedTrees.Entry shared;
        private transient String jobId;
        /** Live feed: decide after each message and send the difference ({@link RoutingStages#routeLive}). */
        private boolean live;
        private transient Placement tree;
        private transient ListState<Routed> held;
        /** The requests this task already sent (organisation and key): each once. Null when live (diffed instead). */
        private transient Set<String> requested;
        private transient LiveKey liveKey;

        TreeStage(LocalDate asOf) {
            this.asOf = asOf;
        }

        /** Holds the tree in the task manager's {@link SharedTrees} (BATCH only: no checkpoint to restore it from). */
        TreeStage sharingTree(boolean batch) {
            this.sharedTree = batch;
            return this;
        }

        /** This stage for a live feed. */
        TreeStage live() {
            live = true;
            return this;
        }

        @Override
        public void open(OpenContext context) {
            if (live) {
                liveKey = new LiveKey(getRuntimeContext());
            } else {
                held = getRuntimeContext().getListState(new ListStateDescriptor<>("held", ROUTED));
                requested = new HashSet<>();
            }
            if (sharedTree && !live) {
                jobId = getRuntimeContext().getJobInfo().getJobId().toString();
                shared = SharedTrees.acquire(jobId, asOf);
            }
        }

        @Override
        public void close() throws Exception {
            if (shared != null) {
                SharedTrees.release(jobId, shared);
                shared = null;
            }
            tree = null;
            super.close();
        }

        @Override
        public void processElement(Routed m, ReadOnlyContext ctx, Collector<Routed> out) throws Exception {
            if (live) {
                liveKey.hold(m);
                liveKey.decide((held, o) -> handle(ctx.getCurrentKey(), held, placement(ctx.getBroadcastState(TREE)), o),
                        out);
                return;
            }
            if (m.row != null) {
                m.row.held();
            }
            held.add(m);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }

        @Override
        public void processBroadcastElement(FactRow org, Context ctx, Collector<Routed> out) throws Exception {
            if (shared != null) {
                shared.add(org.id(), () -> (Organization) org.fact());
                return;
            }
            if (!live) {
                ctx.getBroadcastState(TREE).put(org.id(), org);
                return;
            }
            var state = ctx.getBroadcastState(TREE);
            if (WITHDRAWN.equals(org.key)) {
                FactRow now = state.get(org.id());
                if (now != null && now.identity().equals(org.to(null).identity())) {
                    state.remove(org.id());
                }
            } else {
                state.put(org.id(), org);
            }
            tree = null;
            treeChanged();
            Placement p = placement(state);
            ctx.applyToKeyedState(LiveKey.COUNTS, (KeyedStateFunction<String, MapState<String, Integer>>)
                    (key, counts) -> liveKey.decide((held, o) -> handle(key, held, p, o), out));
        }

        /** The tree changed (live feed): what a stage derives from it must be derived again. */
        void treeChanged() {
        }

        private Placement placement(ReadOnlyBroadcastState<String, FactRow> state) throws Exception {
            if (tree == null && shared != null) {
                tree = shared.placement(); // this task has received every organisation: the shared map is complete
            } else if (tree == null) {
                List<Organization> orgs = new ArrayList<>();
                for (Map.Entry<String, FactRow> e : state.immutableEntries()) {
                    orgs.add((Organization) e.getValue().fact());
                }
                tree = new Placement(orgs, asOf);
            }
            return tree;
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Routed> out) throws Exception {
            Placement tree = placement(ctx.getBroadcastState(TREE));
            List<Routed> all = new ArrayList<>();
            held.get().forEach(all::add);
            held.clear();
            handle(ctx.getCurrentKey(), all, tree, out);
        }

        abstract void handle(String key, List<Routed> held, Placement tree, Collector<Routed> out);

        /** Sends the fact to the keys, with the requests for the organisations it names. */
        void send(FactRow row, Fact fact, Collection<String> keys, Placement tree, Collector<Routed> out) {
            for (String key : keys) {
                out.collect(Routed.row(row.to(key)));
                tree.orgsReferenced(fact, id -> request(id, key, tree, out));
            }
        }

        /** The key needs the organisation (and its chain): requested unless it lies in the key or everywhere. */
        void request(String orgId, String key, Placement tree, Collector<Routed> out) {
            if (key.equals(tree.keyOf(orgId))) {
                return; // in the key's own subtree, with its chain
            }
            tree.chain(orgId, id -> {
                if (!tree.alwaysNeeded().contains(id) && (requested == null || requested.add(id + "\u0000" + key))) {
                    out.collect(Routed.of(Routed.REQUEST, id, null, key, null, null));
                }
            });
        }
    }

    /** A decision of one key: its held messages in, its messages out. */
    @FunctionalInterface
    interface Decision {
        void decide(List<Routed> held, Collector<Routed> out) throws Exception;
    }

    /**
     * A live stage's keyed state: the key's messages by identity with their counts (present while the count is
     * above zero: a withdrawal may overtake the addition it withdraws when two senders send one message), and what
     * the key sent the last time it was decided, by identity.
     */
    static final class LiveKey {
        static final MapStateDescriptor<String, Integer> COUNTS = new MapStateDescriptor<>("live-counts",
                BasicTypeInfo.STRING_TYPE_INFO, BasicTypeInfo.INT_TYPE_INFO);
        private final MapState<String, Integer> counts;
        private final MapState<String, Routed> held;
        private final MapState<String, Routed> sent;

        LiveKey(org.apache.flink.api.common.functions.RuntimeContext ctx) {
            counts = ctx.getMapState(COUNTS);
            held = ctx.getMapState(new MapStateDescriptor<>("live-held", BasicTypeInfo.STRING_TYPE_INFO, ROUTED));
            sent = ctx.getMapState(new MapStateDescriptor<>("live-sent", BasicTypeInfo.STRING_TYPE_INFO, ROUTED));
        }

        /** Counts the message in (or out, when it is a withdrawal). */
        void hold(Routed m) throws Exception {
            String id = m.identity();
            Integer before = counts.get(id);
            int n = count(counts, id, m.retract);
            if (n > 0) {
                if (before == null || before <= 0) {
                    Routed kept = m.by(m.by);
                    kept.retract = false;
                    held.put(id, kept);
                }
            } else {
                held.remove(id);
            }
        }

        /**
         * Counts a message in, or out when it is a withdrawal, by its identity (kept while its count is not zero: a
         * withdrawal may overtake the addition it withdraws); returns the new count.
         */
        static int count(MapState<String, Integer> counts, String id, boolean retract) throws Exception {
            Integer before = counts.get(id);
            int n = (before == null ? 0 : before) + (retract ? -1 : 1);
            if (n == 0) {
                counts.remove(id);
            } else {
                counts.put(id, n);
            }
            return n;
        }

        /** Decides the current key again and sends the difference with its last decision: withdrawals, then additions. */
        void decide(Decision decision, Collector<Routed> out) throws Exception {
            List<Routed> messages = new ArrayList<>();
            for (Routed m : held.values()) {
                messages.add(m);
            }
            messages.sort(java.util.Comparator.comparingLong((Routed m) -> m.row == null ? Long.MIN_VALUE : m.row.seq)
                    .thenComparing(Routed::identity));
            Map<String, Routed> now = new java.util.LinkedHashMap<>();
            decision.decide(messages, new Collector<>() {
                @Override
                public void collect(Routed r) {
                    now.putIfAbsent(r.identity(), r);
                }

                @Override
                public void close() {
                }
            });
            List<String> gone = new ArrayList<>();
            for (Map.Entry<String, Routed> e : sent.entries()) {
                if (!now.containsKey(e.getKey())) {
                    gone.add(e.getKey());
                    out.collect(e.getValue().retracted());
                }
            }
            for (String id : gone) {
                sent.remove(id);
            }
            for (Map.Entry<String, Routed> e : now.entrySet()) {
                if (!sent.contains(e.getKey())) {
                    sent.put(e.getKey(), e.getValue());
                    out.collect(e.getValue());
                }
            }
        }
    }

    /**
     * Fails on two facts of one kind with one id, as a single machine's load refuses them: each one after the first
     * in the input named by its file and line ({@link FactSet#duplicateId}; the first's only for organisations, as
     * the load names it).
     */
    private static void unique(List<FactRow> rows) {
        if (rows.size() > 1) {
            List<FactRow> sorted = new ArrayList<>(rows);
            sorted.sort(java.util.Comparator.comparingLong(r -> r.seq));
            FactRow first = sorted.get(0);
            String firstAt = first.kind.equals(FactKind.ORGANIZATIONS.key()) ? first.where() : null;
            List<String> problems = new ArrayList<>();
            for (FactRow r : sorted.subList(1, sorted.size())) {
                problems.add(FactSet.duplicateId(r.fact(), r.where(), firstAt));
            }
            throw new FactException(problems);
        }
    }

    private static Set<String> keySet(String... keys) {
        Set<String> s = new TreeSet<>();
        for (String k : keys) {
            s.add(k);
        }
        return s;
    }

    /** By cadre id: the cadre, and the fee managers and authorities naming it. */
    static final class Cadres extends TreeStage {
        private static final long serialVersionUID = 1L;

        Cadres(LocalDate asOf) {
            super(asOf);
        }

        @Override
        void handle(String cadreId, List<Routed> held, Placement tree, Collector<Routed> out) {
            List<FactRow> cadres = new ArrayList<>();
            Set<String> keys = new TreeSet<>();
            for (Routed m : held) {
                Fact f = m.row.fact();
                if (f instanceof Cadre c) {
                    cadres.add(m.row);
                    keys.add(tree.keyOf(c.orgId()));
                } else if (f instanceof FeeManager fm) {
                    keys.add(tree.keyOf(fm.orgId()));
                } else if (f instanceof FeeAuthority fa) {
                    keys.add(tree.keyOf(fa.topUnitId()));
                }
            }
            if (cadres.isEmpty()) {
                return; // a manager or authority naming no cadre: the rules judge it, nothing moves
            }
            unique(cadres);
            Cadre c = (Cadre) cadres.get(0).fact();
            send(cadres.get(0), c, keys, tree, out);
            if (c.memberId() != null) {
                out.collect(Routed.of(Routed.MEMBER_KEYS, c.memberId(), c.memberId(), null, keys.toArray(String[]::new),
                        null));
            }
        }
    }

    /** By member id: the member's home, for its payments and its shared groups. */
    static final class Homes extends TreeStage {
        private static final long serialVersionUID = 1L;

        Homes(LocalDate asOf) {
            super(asOf);
        }

        @Override
        void handle(String memberId, List<Routed> held, Placement tree, Collector<Routed> out) {
            FactRow member = null;
            for (Routed m : held) {
                if (m.row.kind.equals(FactKind.MEMBERS.key())) {
                    member = m.row; // duplicates are refused by the member stage
                }
            }
            String home = tree.keyOf(member == null ? null : member.field("orgId"));
            if (member != null) {
                String person = member.field("personKey");
                if (person != null) {
                    out.collect(Routed.of(Routed.GROUP, "person\u0000" + person, memberId, home, null, null));
                }
                String number = member.field("memberNumber");
                if (number != null) {
                    out.collect(Routed.of(Routed.GROUP, "number\u0000" + number, memberId, home, null, null));
                }
            }
            for (Routed m : held) {
                if (m.row.kind.equals(FactKind.FEE_PAYMENTS.key())) {
                    String payer = m.row.field("payerKey");
                    if (PaymentChannel.ONLINE.name().equals(m.row.field("channel")) && payer != null) {
                        out.collect(Routed.of(Routed.PAYER, "payer\u0000" + payer + "@" + m.row.field("month"),
                                memberId, home, null, m.row));
                    } else {
                        out.collect(Routed.row(m.row.to(home))); // a payment names no organisation
                    }
                }
            }
        }
    }

    /** By shared key (person key, member number, paying account and month): the group spread over its homes. */
    static final class Groups extends KeyedProcessFunction<String, Routed, Routed> {
        private static final long serialVersionUID = 1L;
        private boolean live;
        private transient ListState<Routed> held;
        private transient LiveKey liveKey;

        /** This stage for a live feed. */
        Groups live() {
            live = true;
            return this;
        }

        @Override
        public void open(OpenContext context) {
            if (live) {
                liveKey = new LiveKey(getRuntimeContext());
            } else {
                held = getRuntimeContext().getListState(new ListStateDescriptor<>("held", ROUTED));
            }
        }

        @Override
        public void processElement(Routed m, Context ctx, Collector<Routed> out) throws Exception {
            if (live) {
                liveKey.hold(m);
                liveKey.decide(Groups::handle, out);
                return;
            }
            held.add(m);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Routed> out) throws Exception {
            List<Routed> group = new ArrayList<>();
            held.get().forEach(group::add);
            held.clear();
            handle(group, out);
        }

        static void handle(List<Routed> group, Collector<Routed> out) {
            Set<String> homes = new TreeSet<>();
            Set<String> members = new LinkedHashSet<>();
            for (Routed m : group) {
                homes.add(m.home);
                members.add(m.memberId);
            }
            boolean spread = homes.size() > 1 && members.size() > 1;
            for (Routed m : group) {
                if (m.type == Routed.PAYER) {
                    for (String key : spread ? homes : Set.of(m.home)) {
                        out.collect(Routed.row(m.row.to(key)));
                    }
                }
            }
            if (spread) {
                String[] keys = homes.toArray(String[]::new);
                for (String id : members) {
                    out.collect(Routed.of(Routed.MEMBER_KEYS, id, id, null, keys, null));
                }
            }
        }
    }

    /** By member id: the member and its transfers, to home, school, receiving keys and the keys sent to it. */
    static final class Members extends TreeStage {
        private static final long serialVersionUID = 1L;

        Members(LocalDate asOf) {
            super(asOf);
        }

        @Override
        void handle(String memberId, List<Routed> held, Placement tree, Collector<Routed> out) {
            List<FactRow> members = new ArrayList<>();
            List<FactRow> transfers = new ArrayList<>();
            Set<String> keys = new TreeSet<>();
            for (Routed m : held) {
                if (m.type == Routed.MEMBER_KEYS) {
                    keys.addAll(List.of(m.keys));
                } else if (m.row.kind.equals(FactKind.MEMBERS.key())) {
                    members.add(m.row);
                } else {
                    transfers.add(m.row);
                }
            }
            if (members.isEmpty()) {
                // a transfer of no member: to its receiving key, whose strict fact set names the dangling reference
                for (FactRow t : transfers) {
                    Transfer tr = (Transfer) t.fact();
                    send(t, tr, keySet(tree.keyOf(tr.toOrgId())), tree, out);
                }
                return;
            }
            unique(members);
            Member member = (Member) members.get(0).fact();
            keys.add(tree.keyOf(member.orgId()));
            if (member.schoolOrgId() != null) {
                keys.add(tree.keyOf(member.schoolOrgId()));
            }
            List<Transfer> parsed = new ArrayList<>();
            for (FactRow t : transfers) {
                Transfer tr = (Transfer) t.fact();
                parsed.add(tr);
                keys.add(tree.keyOf(tr.toOrgId()));
            }
            send(members.get(0), member, keys, tree, out);
            for (int i = 0; i < transfers.size(); i++) {
                send(transfers.get(i), parsed.get(i), keys, tree, out);
            }
        }
    }

    /** By kind and id: facts that go to the key of the organisation they name. */
    static final class Local extends TreeStage {
        private static final long serialVersionUID = 1L;

        Local(LocalDate asOf) {
            super(asOf);
        }

        @Override
        void handle(String kindAndId, List<Routed> held, Placement tree, Collector<Routed> out) {
            List<FactRow> rows = held.stream().map(m -> m.row).toList();
            if (kindAndId.equals(FactKind.ENTERPRISES.key())) {
                enterprises(rows, tree, out);
                return;
            }
            if (rows.isEmpty()) {
                return; // live feed: the fact was withdrawn (updated or deleted)
            }
            unique(rows);
            Fact f = rows.get(0).fact();
            Collection<String> keys;
            if (f instanceof Submission s) {
                keys = keySet(tree.keyOf(s.orgId()));
            } else if (f instanceof FeeAuthority a) {
                keys = keySet(tree.keyOf(a.topUnitId()));
            } else if (f instanceof FeeManager m) {
                keys = keySet(tree.keyOf(m.orgId()));
            } else if (f instanceof Activity a) {
                keys = keySet(tree.keyOf(a.orgId()));
            } else if (f instanceof TwoNewLedgerEntry e) {
                keys = keySet(tree.keyOf(e.cityOrgId()));
            } else {
                throw new IllegalStateException("not a local fact: " + rows.get(0).kind);
            }
            send(rows.get(0), f, keys, tree, out);
        }

        /** The registry: each enterprise to its province's committee's key and the keys of those below it. */
        private void enterprises(List<FactRow> rows, Placement tree, Collector<Routed> out) {
            Map<String, List<FactRow>> byId = new java.util.LinkedHashMap<>();
            rows.forEach(r -> byId.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r));
            List<Enterprise> registry = new ArrayList<>();
            for (List<FactRow> same : byId.values()) {
                unique(same);
                registry.add((Enterprise) same.get(0).fact());
            }
            Map<String, Set<String>> keys = tree.enterpriseKeys(registry);
            int i = 0;
            for (List<FactRow> same : byId.values()) {
                Enterprise e = registry.get(i++);
                send(same.get(0), e, keys.get(e.id()), tree, out);
            }
        }
    }

    /** By organisation id: the organisation, to its own key, the keys that need it, and everywhere when all do. */
    static final class Organisations extends TreeStage {
        private static final long serialVersionUID = 1L;
        private transient Set<String> rootChains;

        Organisations(LocalDate asOf) {
            super(asOf);
        }

        @Override
        void treeChanged() {
            rootChains = null;
        }

        @Override
        void handle(String orgId, List<Routed> held, Placement tree, Collector<Routed> out) {
            List<FactRow> rows = new ArrayList<>();
            Set<String> keys = new LinkedHashSet<>();
            for (Routed m : held) {
                if (m.type == Routed.REQUEST) {
                    keys.add(m.home);
                } else {
                    rows.add(m.row);
                }
            }
            if (rows.isEmpty()) {
                return; // a request for an organisation that is not there: the key's strict fact set names it
            }
            unique(rows);
            if (tree.alwaysNeeded().contains(orgId)) {
                keys = tree.keys();
            } else {
                keys.add(tree.keyOf(orgId));
                if (rootChains(tree).contains(orgId)) {
                    keys.add(Routing.ROOT_KEY);
                }
            }
            for (String key : keys) {
                out.collect(Routed.row(rows.get(0).to(key)));
            }
        }

        /** The organisations the root's key needs besides its own: the chains of its own and of the witness branches. */
        private Set<String> rootChains(Placement tree) {
            if (rootChains == null) {
                Set<String> s = new HashSet<>();
                for (Organization o : tree.all()) {
                    if (Routing.ROOT_KEY.equals(tree.keyOf(o.id()))) {
                        tree.chain(o.id(), s::add);
                    }
                }
                tree.witnessBranches().values().forEach(b -> tree.chain(b, s::add));
                rootChains = s;
            }
            return rootChains;
        }
    }
}
