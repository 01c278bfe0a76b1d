package org.lifeline.flink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.collect.CollectSinkOperatorFactory;
import org.apache.flink.util.CloseableIterator;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Severity;
import org.lifeline.engine.Violation;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactSet;
import org.lifeline.waiver.Waiver;
import org.lifeline.waiver.Waivers;

/**
 * The Lifeline rules as a Flink DataStream job: the facts, routed to the keys of the top units that need them
 * ({@link Routing}), are keyed by top unit, and each key is evaluated by the ordinary engine, which keeps the
 * findings the key owns ({@link EvaluateTopUnit}). The union of the keys' findings is what
 * {@link org.lifeline.engine.Lifeline#evaluate} finds on the same facts, field for field.
 *
 * <p>The facts come from a {@link org.apache.flink.connector.file.src.FileSource} over a CSV export, or from a fact
 * set given in the program; either way they are routed in the job ({@link RoutingStages}): no client holds them.
 * A live feed ({@link #live}) takes changes of facts instead and emits the findings raised and resolved.
 *
 * <pre>{@code
 * StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
 * env.setRuntimeMode(RuntimeExecutionMode.BATCH);
 * List<Violation> found = new LifelineJob(LocalDate.of(2018, 9, 26), null).evaluate(env, facts);
 * }</pre>
 */
public final class LifelineJob {

    private final LocalDate asOf;
    private final String rulesDir;
    private final String waiversFile;
    private final List<Waiver> waivers;

    /**
     * @param asOf     the evaluation date
     * @param rulesDir a rules directory every task manager can read, or null for the bundled rules
     */
    public LifelineJob(LocalDate asOf, Path rulesDir) {
        this(asOf, rulesDir, null);
    }

    /**
     * @param asOf        the evaluation date
     * @param rulesDir    a rules directory every task manager can read, or null for the bundled rules
     * @param waiversFile the office's waivers ({@link Waivers#read}), read here and on every task manager, or null
     *                    for the rules directory's own {@code waivers.yaml} if it has one (none for the bundled rules)
     */
    public LifelineJob(LocalDate asOf, Path rulesDir, Path waiversFile) {
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.rulesDir = rulesDir == null ? null : rulesDir.toAbsolutePath().toString();
        this.waiversFile = waiversFile == null ? null : waiversFile.toAbsolutePath().toString();
        // the waivers each key applies: this file, else the rules directory's own (as Lifeline.fromDirectory finds it)
        Path applied = waiversFile != null ? waiversFile.toAbsolutePath()
                : rulesDir != null && Files.isRegularFile(rulesDir.resolve(Waivers.FILE))
                ? rulesDir.toAbsolutePath().resolve(Waivers.FILE) : null;
        this.waivers = applied == null ? List.of() : Waivers.read(applied).list();
    }

    /**
     * The facts of a fact set as a bounded stream of rows, routed by the job's routing stages ({@link RoutingStages})
     * to the keys that need them.
     */
    public DataStream<FactRow> routedFacts(StreamExecutionEnvironment env, FactSet facts) {
        return RoutingStages.route(env.fromData(unrouted(facts), TypeInformation.of(FactRow.class)).name("facts"), asOf);
    }

    /** The facts as rows without a key, numbered as the file source numbers them (kind, then place). */
    static List<FactRow> unrouted(FactSet facts) {
        List<FactRow> rows = new ArrayList<>(facts.size());
        for (FactKind kind : FactKind.values()) {
            long line = 0;
            for (Fact f : facts.all(kind)) {
                rows.add(FactRow.of(null, f, FactFiles.seq(kind, line++),
                        kind == FactKind.ORGANIZATIONS ? facts.origin(f) : null));
            }
        }
        return rows;
    }

    /**
     * The facts of a CSV export ({@code members.csv}…), read by a {@link org.apache.flink.connector.file.src.FileSource}
     * (each file by the project's CSV reader; a bad row fails the job with its file and line) and routed by the job's
     * routing stages to the keys that need them.
     *
     * @param dir      the export's directory, readable where the source's splits run (a local path or a Flink
     *                 file system URI)
     * @param encoding UTF-8, GBK or auto
     */
    public DataStream<FactRow> routedFacts(StreamExecutionEnvironment env, String dir, String encoding) {
        return RoutingStages.route(FactFiles.source(env, dir, encoding), asOf);
    }

    /**
     * The pipeline from routed facts to the keys' results: keyed by top unit, each key evaluated by the engine
     * and reduced to what it owns.
     */
    public DataStream<KeyResult> build(DataStream<FactRow> routed) {
        return build(routed, java.util.Set.of());
    }

    /** {@link #build(DataStream)} with these rules taken out of every key. */
    DataStream<KeyResult> build(DataStream<FactRow> routed, java.util.Set<String> without) {
        return routed.keyBy(r -> r.key)
                .process(new EvaluateTopUnit(asOf, rulesDir, waiversFile, without), TypeInformation.of(KeyResult.class))
                .name("evaluate top unit");
    }

    /** How long a live key waits after a change before it is evaluated (changes within it are evaluated once). */
    public static final Duration DEBOUNCE = Duration.ofMillis(200);

    /**
     * A live feed ({@link #live(DataStream, Duration)}) with the default debounce, {@link #DEBOUNCE}.
     */
    public DataStream<FindingEvent> live(DataStream<FactChange> changes) {
        return live(changes, DEBOUNCE);
    }

    /**
     * A live feed, for STREAMING: an unbounded stream of changes of facts in (upserts and deletes, by kind and id),
     * the findings raised and resolved out. Each change is routed again in the job, each top unit's key holds its
     * facts in keyed state (checkpointed, rescalable) and is evaluated again a debounce after a change by the
     * ordinary engine ({@link LiveTopUnit}; built again from that state after a restore). Folding the events gives
     * {@link org.lifeline.engine.Lifeline#evaluate}'s findings on the facts as they stand, once the changes have
     * passed through (a change may raise a finding for a moment that its other routes resolve), as long as no rule
     * fails: a rule whose conditions throw in one key is not taken out of the others, as {@link #evaluate} does.
     * Each organisation change decides every routed key again: the feed suits a tree that changes now and then.
     *
     * @param debounce how long a key waits after a change before it is evaluated
     */
    public DataStream<FindingEvent> live(DataStream<FactChange> changes, Duration debounce) {
        return RoutingStages.routeLive(changes, asOf).keyBy(m -> m.row.key)
                .process(new LiveTopUnit(asOf, rulesDir, waiversFile, debounce), TypeInformation.of(FindingEvent.class))
                .name("evaluate top unit (live)");
    }

    /**
     * Runs the job from the routed facts and merges the keys' results into one evaluation, equal to
     * {@link org.lifeline.engine.Lifeline#evaluate} on the same facts (violations, spot-check plan, shares,
     * failures, waivers, coverage: see {@link KeyResults}).
     */
    public Evaluation evaluate(DataStream<FactRow> routed) throws Exception {
        allowKeyResults(routed.getExecutionEnvironment());
        try {
            return KeyResults.evaluate(asOf, waivers, without -> run(routed, without));
        } catch (JobRunException e) {
            throw e.failure;
        }
    }

    /**
     * One run of the job, these rules taken out of every key. A rule whose conditions fail in a key makes the job
     * run again without it (as the engine evaluates again without it): the routing runs again too.
     */
    @SuppressWarnings("try") // the collect iterator's close() may throw InterruptedException: the caller's
    private List<KeyResult> run(DataStream<FactRow> routed, java.util.Set<String> without) {
        List<KeyResult> parts = new ArrayList<>();
        String name = "lifeline " + asOf + (without.isEmpty() ? "" : " without " + String.join(", ", without));
        try (CloseableIterator<KeyResult> it = build(routed, without).executeAndCollect(name)) {
            it.forEachRemaining(parts::add);
        } catch (Exception e) {
            throw new JobRunException(e);
        }
        return parts;
    }

    /** A run's checked failure through {@link KeyResults#evaluate}, thrown again as it was. */
    private static final class JobRunException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Exception failure;

        JobRunException(Exception failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    /**
     * The largest key result the job collects: one key's whole result is one record (a city of 690 k facts gives
     * 4.6 MB at scale 1.0), and Flink's collect sink refuses a record above its batch size (2 MB by default), which
     * failed the job at scale 1.0.
     */
    static final MemorySize KEY_RESULT_MAX = MemorySize.ofMebiBytes(256);

    /** Raises the environment's collect batch size to {@link #KEY_RESULT_MAX} unless it is set higher already. */
    static void allowKeyResults(StreamExecutionEnvironment env) {
        if (env.getConfiguration().get(CollectSinkOperatorFactory.MAX_BATCH_SIZE).compareTo(KEY_RESULT_MAX) < 0) {
            env.configure(new Configuration().set(CollectSinkOperatorFactory.MAX_BATCH_SIZE, KEY_RESULT_MAX));
        }
    }

    /** Runs the job on the environment over a fact set: the merged evaluation ({@link #evaluate(DataStream)}). */
    public Evaluation evaluation(StreamExecutionEnvironment env, FactSet facts) throws Exception {
        return evaluate(routedFacts(env, facts));
    }

    /** Runs the job on the environment and collects its findings, in {@link Violation#ORDER}. */
    public List<Violation> evaluate(StreamExecutionEnvironment env, FactSet facts) throws Exception {
        return evaluation(env, facts).violations();
    }

    /**
     * {@code flink run rules-flink.jar --facts DIR --as-of YYYY-MM-DD [--rules DIR] [--encoding UTF-8|GBK]}: reads a
     * CSV export with a FileSource (strictly: a rejected row stops the job), evaluates it in BATCH mode and prints one line per
     * finding (rule, subject, top unit, message), then the count per severity.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got an argument of length "
                        + args[i].length() + " at position " + (i + 1));
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        if (!opts.containsKey("facts") || !opts.containsKey("as-of") || args.length % 2 != 0) {
            System.err.println("usage: --facts DIR --as-of YYYY-MM-DD [--rules DIR] [--encoding UTF-8|GBK]");
            System.exit(2);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        LifelineJob job = new LifelineJob(LocalDate.parse(opts.get("as-of")),
                opts.containsKey("rules") ? Path.of(opts.get("rules")) : null);
        List<Violation> found = job.evaluate(job.routedFacts(env, opts.get("facts"),
                opts.getOrDefault("encoding", "UTF-8"))).violations();
        Map<Severity, Integer> counts = new TreeMap<>();
        for (Violation v : found) {
            System.out.println(v.ruleId() + "\t" + v.subjectType() + "\t" + v.subjectId() + "\t" + v.topUnitId()
                    + "\t" + v.status() + "\t" + v.message());
            counts.merge(v.severity(), 1, Integer::sum);
        }
        System.out.println(counts);
    }
}
