package org.lifeline.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lifeline.calendar.CampaignCalendar;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Share;
import org.lifeline.engine.Violation;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactSet;

/**
 * The campaign over time: an embedded store of snapshots in one H2 file (no server), what changed since the last
 * one, each unit's share over the snapshots, milestone forecasts and sudden jumps.
 *
 * <pre>{@code
 * try (History history = History.open(Path.of("lifeline-history"))) {
 *     history.record(evaluation, facts);                        // replaces a snapshot of the same as-of date
 *     history.sinceLast(evaluation.asOf()).ifPresent(...);      // new, resolved, persisting violations
 *     List<Violation> more = history.findings(evaluation, facts, lifeline.calendar()); // AT_RISK, A.SUDDEN_JUMP
 * }
 * }</pre>
 *
 * <p>A snapshot holds its as-of date, when it was taken, the rules version, a hash of the input, every violation
 * (fingerprint: rule and subject), every measured share ({@link Evaluation#shares()}, plus each top unit's
 * reported share {@code MEMBERS.REPORTED} and onboarded share {@code CADRES.ONBOARDED}) and per top unit the
 * counts of members, reported members, branches, hollow branches, cadres and onboarded cadres. A snapshot is
 * written in one transaction, streamed row by row: a crash or an error mid-write leaves every snapshot recorded
 * before it as it was. A file written by a newer schema is refused, and so are a locked or corrupt file, each with
 * a {@link HistoryException}.
 *
 * <p>Thread-safe: each method is synchronized on the history. H2 locks the file, so one program at a time has it
 * open; another gets a {@link HistoryException}.
 */
public final class History implements AutoCloseable {

    /** The share keys whose jumps between snapshots are the gaming pattern the notice asks to spot-check. */
    static final List<String> JUMP_KEYS = List.of("T12.TRANSFER", Units.REPORTED);

    private static final int BATCH = 1000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(History.class);

    private final Path file;
    private final Connection db;
    private final Clock clock;
    /** Test seam: called after each batch of violations written, to prove a failed write loses nothing. */
    Runnable afterBatch = () -> { };

    private History(Path file, Connection db, Clock clock) {
        this.file = file;
        this.db = db;
        this.clock = clock;
    }

    /**
     * Opens the history file, creating it (and its tables) when it does not exist. H2 keeps it as
     * {@code FILE.mv.db}; a name that already ends in {@code .mv.db} is taken as that file.
     *
     * @throws HistoryException when the file is locked by another program, corrupt, not a Lifeline history, or
     *                          written by a newer Lifeline
     */
    public static History open(Path file) {
        return open(file, Clock.systemUTC());
    }

    static History open(Path file, Clock clock) {
        String base = file.toAbsolutePath().toString();
        if (base.endsWith(".mv.db")) {
            base = base.substring(0, base.length() - ".mv.db".length());
        }
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0", "lifeline", "");
        } catch (SQLException e) {
            throw new HistoryException(openProblem(file, e), e);
        }
        try {
            c.setAutoCommit(false);
            checkSchema(file, c);
            return new History(file, c, clock);
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the first problem is the one to report
            }
            if (e instanceof HistoryException he) {
                throw he;
            }
            throw new HistoryException(openProblem(file, e), e);
        }
    }

    private static String openProblem(Path file, Exception e) {
        String why;
        int code = e instanceof SQLException s ? s.getErrorCode() : 0;
        if (code == 90020) { // DATABASE_ALREADY_OPEN_1
            why = "历史文件正被其他程序使用 / it is locked by another program";
        } else if (code == 90030 || code == 90048 || code == 90028 || code == 50000) { // corrupted, bad header, IO, general
            why = "历史文件已损坏或不是历史文件 / it is corrupt or not a history file";
        } else {
            String m = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            why = "无法打开历史文件 / cannot open the history file: " + m;
        }
        return file + ": " + why;
    }

    private static void checkSchema(Path file, Connection c) throws SQLException {
        boolean empty;
        boolean ours;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            empty = true;
            ours = false;
            while (rs.next()) {
                empty = false;
                ours |= rs.getString(1).equalsIgnoreCase(Schema.META);
            }
        }
        if (empty) {
            try (Statement s = c.createStatement()) {
                for (String ddl : Schema.CREATE) {
                    s.execute(ddl);
                }
                s.executeUpdate("INSERT INTO " + Schema.META + " VALUES (" + Schema.VERSION + ", 'lifeline 0.1.0')");
            }
            c.commit();
            return;
        }
        if (!ours) {
            throw new HistoryException(file + ": 不是命脉工程历史文件 / not a Lifeline history file (no " + Schema.META + " table)");
        }
        int version;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(schema_version) FROM " + Schema.META)) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > Schema.VERSION) {
            throw new HistoryException(file + ": 历史文件由更新版本的程序写入 / written by a newer Lifeline (schema "
                    + version + "; this version reads schema " + Schema.VERSION + " and older)");
        }
        if (version < 1) {
            throw new HistoryException(file + ": 历史文件版本无效 / invalid schema version " + version);
        }
    }

    /** The file this history was opened from. */
    public Path file() {
        return file;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Records an evaluation and the facts it judged as the snapshot of its as-of date, replacing one of the same
     * date. Violations are streamed into the store in batches (no copy of them is kept); per-unit counts come from
     * one pass over the facts' organisations, members and cadres. All or nothing: on any error nothing of this
     * snapshot is kept and an older snapshot of the same date stays.
     */
    public synchronized Snapshot record(Evaluation e, FactSet facts) {
        long t0 = System.nanoTime();
        Units units = Units.of(facts);
        Map<String, Units.Counts> counts = units.count(facts, e.asOf());
        long t1 = System.nanoTime();
        String hash = inputHash(facts);
        long t2 = System.nanoTime();
        Instant takenAt = clock.instant();
        try {
            try (PreparedStatement del = db.prepareStatement("DELETE FROM " + Schema.SNAPSHOT + " WHERE as_of = ?")) {
                del.setObject(1, e.asOf());
                del.executeUpdate();
            }
            long id;
            try (PreparedStatement ins = db.prepareStatement("INSERT INTO " + Schema.SNAPSHOT
                    + " (as_of, taken_at, rules_version, input_hash, violations) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ins.setObject(1, e.asOf());
                ins.setObject(2, OffsetDateTime.ofInstant(takenAt, ZoneOffset.UTC));
                ins.setString(3, e.rulesVersion());
                ins.setString(4, hash);
                ins.setInt(5, e.violations().size());
                ins.executeUpdate();
                try (ResultSet keys = ins.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement v = db.prepareStatement("INSERT INTO " + Schema.VIOLATION
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int n = 0;
                for (Violation x : e.violations()) {
                    v.setLong(1, id);
                    v.setString(2, x.key());
                    v.setString(3, x.ruleId());
                    v.setInt(4, x.task());
                    v.setString(5, x.severity().name());
                    v.setString(6, x.subjectType().name());
                    v.setString(7, x.subjectId());
                    v.setString(8, x.topUnitId());
                    v.setObject(9, x.measured());
                    v.setObject(10, x.required());
                    v.addBatch();
                    if (++n % BATCH == 0) {
                        v.executeBatch();
                        afterBatch.run();
                    }
                }
                v.executeBatch();
                afterBatch.run();
            }
            try (PreparedStatement s = db.prepareStatement("INSERT INTO " + Schema.SHARE + " VALUES (?, ?, ?, ?, ?, ?)")) {
                int n = 0;
                for (Share sh : e.shares()) {
                    addShare(s, id, sh.key(), sh.subjectId(), sh.month() == null ? "" : sh.month().toString(), sh.done(), sh.total());
                    if (++n % BATCH == 0) {
                        s.executeBatch();
                    }
                }
                for (Map.Entry<String, Units.Counts> c : counts.entrySet()) {
                    addShare(s, id, Units.REPORTED, c.getKey(), "", c.getValue().reported(), c.getValue().members());
                    addShare(s, id, Units.ONBOARDED, c.getKey(), "", c.getValue().onboarded(), c.getValue().cadres());
                    if (++n % BATCH == 0) {
                        s.executeBatch();
                    }
                }
                s.executeBatch();
            }
            try (PreparedStatement u = db.prepareStatement("INSERT INTO " + Schema.UNIT_COUNT + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, Units.Counts> c : counts.entrySet()) {
                    Units.Counts k = c.getValue();
                    u.setLong(1, id);
                    u.setString(2, c.getKey());
                    u.setInt(3, k.members());
                    u.setInt(4, k.reported());
                    u.setInt(5, k.branches());
                    u.setInt(6, k.hollowBranches());
                    u.setInt(7, k.cadres());
                    u.setInt(8, k.onboarded());
                    u.addBatch();
                }
                u.executeBatch();
            }
            db.commit();
            try (Statement s = db.createStatement()) {
                s.execute("CHECKPOINT SYNC"); // on disk now, not within H2's write delay: a crash after this loses nothing
            }
            long t3 = System.nanoTime();
            LOG.debug("recorded the snapshot as of {} in {} ms: counts {} ms, input hash {} ms, {} violations written in {} ms",
                    e.asOf(), (t3 - t0) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, e.violations().size(),
                    (t3 - t2) / 1_000_000);
            return new Snapshot(e.asOf(), takenAt, e.rulesVersion(), hash, e.violations().size());
        } catch (SQLException | RuntimeException ex) {
            rollback();
            if (ex instanceof HistoryException he) {
                throw he;
            }
            throw new HistoryException(file + ": 快照未能写入，已有记录不受影响 / the snapshot of " + e.asOf()
                    + " was not recorded, earlier ones are intact: " + firstLine(ex), ex);
        }
    }

    private static void addShare(PreparedStatement s, long id, String key, String unit, String month, int done, int total)
            throws SQLException {
        s.setLong(1, id);
        s.setString(2, key);
        s.setString(3, unit);
        s.setString(4, month);
        s.setInt(5, done);
        s.setInt(6, total);
        s.addBatch();
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the write's own error is the one reported
        }
    }

    /** The digest of the facts (see {@link InputHash}). */
    static String inputHash(FactSet facts) {
        return InputHash.of(facts);
    }

    // ------------------------------------------------------------------ reading

    /** Every snapshot, by as-of date. */
    public synchronized List<Snapshot> snapshots() {
        List<Snapshot> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT as_of, taken_at, rules_version, input_hash, violations FROM " + Schema.SNAPSHOT + " ORDER BY as_of")) {
            while (rs.next()) {
                out.add(new Snapshot(rs.getObject(1, LocalDate.class), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getInt(5)));
            }
            db.commit();
        } catch (SQLException e) {
            throw readProblem(e);
        }
        return out;
    }

    /** The snapshot of a date, if recorded. */
    public Optional<Snapshot> snapshot(LocalDate asOf) {
        return snapshots().stream().filter(s -> s.asOf().equals(asOf)).findFirst();
    }

    /** The latest snapshot strictly before a date. */
    public Optional<Snapshot> before(LocalDate asOf) {
        Snapshot found = null;
        for (Snapshot s : snapshots()) {
            if (s.asOf().isBefore(asOf)) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The snapshot of {@code asOf} against the one before it: new, resolved and persisting violations, and the
     * change of counts per unit and task. Empty when either is missing (a first check has nothing to compare).
     */
    public Optional<SinceLast> sinceLast(LocalDate asOf) {
        Optional<Snapshot> now = snapshot(asOf);
        Optional<Snapshot> previous = before(asOf);
        if (now.isEmpty() || previous.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(diff(previous.get(), now.get()));
    }

    /** What changed from snapshot {@code a} to snapshot {@code b}. */
    public synchronized SinceLast diff(Snapshot a, Snapshot b) {
        try {
            long ia = id(a.asOf());
            long ib = id(b.asOf());
            List<SinceLast.Change> added = only(ib, ia);
            List<SinceLast.Change> resolved = only(ia, ib);
            int persisting;
            try (PreparedStatement p = db.prepareStatement("SELECT COUNT(*) FROM " + Schema.VIOLATION + " v WHERE v.snapshot_id = ?"
                    + " AND EXISTS (SELECT 1 FROM " + Schema.VIOLATION + " w WHERE w.snapshot_id = ? AND w.fingerprint = v.fingerprint)")) {
                p.setLong(1, ib);
                p.setLong(2, ia);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    persisting = rs.getInt(1);
                }
            }
            Map<String, int[]> counts = new TreeMap<>();
            countByUnitAndTask(ia, counts, 0);
            countByUnitAndTask(ib, counts, 1);
            List<SinceLast.UnitTask> changes = new ArrayList<>();
            counts.forEach((k, n) -> {
                if (n[0] != n[1]) {
                    int cut = k.lastIndexOf('\u0000');
                    changes.add(new SinceLast.UnitTask(k.substring(0, cut), Integer.parseInt(k.substring(cut + 1)), n[0], n[1]));
                }
            });
            changes.sort(java.util.Comparator.comparing(SinceLast.UnitTask::unitId).thenComparingInt(SinceLast.UnitTask::task));
            db.commit();
            return new SinceLast(a.asOf(), b.asOf(), added, resolved, persisting, changes);
        } catch (SQLException e) {
            throw readProblem(e);
        }
    }

    private List<SinceLast.Change> only(long in, long notIn) throws SQLException {
        List<SinceLast.Change> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT rule_id, task, severity, subject_type, subject_id, top_unit_id FROM "
                + Schema.VIOLATION + " v WHERE v.snapshot_id = ? AND NOT EXISTS (SELECT 1 FROM " + Schema.VIOLATION
                + " w WHERE w.snapshot_id = ? AND w.fingerprint = v.fingerprint) ORDER BY task, rule_id, subject_type, subject_id")) {
            p.setLong(1, in);
            p.setLong(2, notIn);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new SinceLast.Change(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        return out;
    }

    private void countByUnitAndTask(long snapshot, Map<String, int[]> counts, int slot) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT COALESCE(top_unit_id, ''), task, COUNT(*) FROM " + Schema.VIOLATION
                + " WHERE snapshot_id = ? GROUP BY COALESCE(top_unit_id, ''), task")) {
            p.setLong(1, snapshot);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getString(1) + '\u0000' + rs.getInt(2), k -> new int[2])[slot] = rs.getInt(3);
                }
            }
        }
    }

    private long id(LocalDate asOf) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT id FROM " + Schema.SNAPSHOT + " WHERE as_of = ?")) {
            p.setObject(1, asOf);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new HistoryException(file + ": 没有该日期的快照 / no snapshot as of " + asOf);
                }
                return rs.getLong(1);
            }
        }
    }

    /**
     * One measured share over the snapshots.
     *
     * @param month for a monthly duty (task 13), the month measured; null otherwise
     */
    public record Point(LocalDate asOf, java.time.YearMonth month, int done, int total) {

        /** done / total, 0 when there is nothing to count. */
        public double share() {
            return total == 0 ? 0 : (double) done / total;
        }
    }

    /**
     * One unit's share of a key over every snapshot, by date (and month): a rule's key ({@code T10.REGISTRATION},
     * {@code T12.TRANSFER}, {@code T13.ONLINE_PAYMENT}) or a top unit's {@code MEMBERS.REPORTED} /
     * {@code CADRES.ONBOARDED}.
     */
    public List<Point> series(String key, String unitId) {
        return series(key, unitId, LocalDate.MAX).getOrDefault(unitId, List.of());
    }

    /** Every unit's share of a key over the snapshots up to and including a date, by unit id. */
    public Map<String, List<Point>> series(String key, LocalDate upTo) {
        return series(key, null, upTo);
    }

    /** One top unit's counts in one snapshot, as of its date. */
    public record UnitCounts(LocalDate asOf, int members, int reported, int branches, int hollowBranches, int cadres,
                             int onboarded) {
    }

    /** A top unit's counts over every snapshot, by date. */
    public synchronized List<UnitCounts> unitCounts(String unitId) {
        List<UnitCounts> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT s.as_of, u.members, u.reported, u.branches, u.hollow_branches,"
                + " u.cadres, u.onboarded FROM " + Schema.UNIT_COUNT + " u JOIN " + Schema.SNAPSHOT + " s ON s.id = u.snapshot_id"
                + " WHERE u.unit_id = ? ORDER BY s.as_of")) {
            p.setString(1, unitId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new UnitCounts(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                            rs.getInt(5), rs.getInt(6), rs.getInt(7)));
                }
            }
            db.commit();
        } catch (SQLException e) {
            throw readProblem(e);
        }
        return out;
    }

    /** The share keys recorded, sorted. */
    public synchronized List<String> keys() {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT DISTINCT share_key FROM " + Schema.SHARE + " ORDER BY share_key")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            db.commit();
        } catch (SQLException e) {
            throw readProblem(e);
        }
        return out;
    }

    private synchronized Map<String, List<Point>> series(String key, String unitId, LocalDate upTo) {
        Map<String, List<Point>> out = new TreeMap<>();
        String sql = "SELECT sh.unit_id, s.as_of, sh.share_month, sh.done, sh.total FROM " + Schema.SHARE + " sh JOIN "
                + Schema.SNAPSHOT + " s ON s.id = sh.snapshot_id WHERE sh.share_key = ? AND s.as_of <= ?"
                + (unitId == null ? "" : " AND sh.unit_id = ?") + " ORDER BY sh.unit_id, s.as_of, sh.share_month";
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setString(1, key);
            p.setObject(2, upTo.equals(LocalDate.MAX) ? LocalDate.of(9999, 12, 31) : upTo);
            if (unitId != null) {
                p.setString(3, unitId);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String month = rs.getString(3);
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Point(rs.getObject(2, LocalDate.class),
                            month.isEmpty() ? null : java.time.YearMonth.parse(month), rs.getInt(4), rs.getInt(5)));
                }
            }
            db.commit();
        } catch (SQLException e) {
            throw readProblem(e);
        }
        return out;
    }

    /** The as-of dates of the last {@code k} snapshots up to and including a date, oldest first. */
    synchronized List<LocalDate> lastDates(LocalDate upTo, int k) {
        List<LocalDate> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT as_of FROM " + Schema.SNAPSHOT
                + " WHERE as_of <= ? ORDER BY as_of DESC LIMIT ?")) {
            p.setObject(1, upTo);
            p.setInt(2, k);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(0, rs.getObject(1, LocalDate.class));
                }
            }
            db.commit();
        } catch (SQLException e) {
            throw readProblem(e);
        }
        return out;
    }

    // ------------------------------------------------------------------ forecasts and jumps

    /**
     * The forecasts as of a date, at risk or not: for each percentage milestone key of the calendar that is not a
     * monthly duty, and each unit with a share in at least 3 of the last {@code forecastSnapshots} snapshots up to
     * that date, where the key's next milestone is due within {@code forecastDays} days and its warning window has
     * not opened yet (from then on the milestone's own WARNING speaks). Ordered by key and unit.
     */
    public List<Forecast> forecasts(LocalDate asOf, CampaignCalendar calendar) {
        Settings settings = Settings.of(calendar);
        List<LocalDate> dates = lastDates(asOf, settings.forecastSnapshots());
        List<Forecast> out = new ArrayList<>();
        if (dates.size() < Settings.MIN_FORECAST_SNAPSHOTS) {
            return out;
        }
        for (String key : new TreeSet<>(calendar.milestoneKeys())) {
            CampaignCalendar.Step next = null;
            boolean percentage = false;
            for (CampaignCalendar.Step step : calendar.steps(key)) {
                percentage |= step.required() != null && !step.monthly();
                if (next == null && step.required() != null && !step.monthly() && !step.deadline().isBefore(asOf)) {
                    next = step;
                }
            }
            if (!percentage || next == null
                    || ChronoUnit.DAYS.between(asOf, next.deadline()) > settings.forecastDays()
                    || !asOf.isBefore(next.deadline().minusDays(calendar.warningDays() - 1L))) {
                continue;
            }
            Map<String, List<Point>> series = series(key, null, asOf);
            for (Map.Entry<String, List<Point>> unit : series.entrySet()) {
                List<Point> points = unit.getValue().stream()
                        .filter(p -> p.month() == null && p.total() > 0 && dates.contains(p.asOf())).toList();
                Forecast f = forecast(key, unit.getKey(), points, next);
                if (f != null) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** The forecast of one unit from its points (oldest first), or null from fewer than 3. */
    static Forecast forecast(String key, String unitId, List<Point> points, CampaignCalendar.Step milestone) {
        if (points.size() < Settings.MIN_FORECAST_SNAPSHOTS) {
            return null;
        }
        LocalDate origin = points.get(0).asOf();
        long[] x = new long[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = ChronoUnit.DAYS.between(origin, points.get(i).asOf());
            y[i] = points.get(i).share();
        }
        TheilSen line = TheilSen.fit(x, y);
        if (line == null) {
            return null;
        }
        Point last = points.get(points.size() - 1);
        long lastX = x[x.length - 1];
        long deadlineX = ChronoUnit.DAYS.between(origin, milestone.deadline());
        long daysLeft = deadlineX - lastX;
        double atLast = line.at(lastX);
        double projected = clamp(line.at(deadlineX));
        double low = clamp(Math.min(projected, atLast + line.minSlope() * daysLeft));
        double high = clamp(Math.max(projected, atLast + line.maxSlope() * daysLeft));
        double needed = daysLeft <= 0 ? 0 : Math.max(0, (milestone.required() - last.share()) / daysLeft);
        return new Forecast(key, unitId, milestone.deadline(), milestone.required(), last.share(), projected, low, high,
                line.slope(), needed, points.size(), last.asOf());
    }

    private static double clamp(double share) {
        return Math.max(0, Math.min(1, share));
    }

    /**
     * What the history adds to an evaluation that has been recorded: an {@code AT_RISK} finding per forecast at
     * risk (never a violation), and an {@code A.SUDDEN_JUMP} anomaly per unit whose reported or transfer share rose
     * faster than {@code suddenJumpPointsPerDay} since the snapshot before. Ordered as violations are.
     *
     * @param facts the facts the evaluation judged (for names, places and the jump's spot-check list)
     */
    public List<Violation> findings(Evaluation e, FactSet facts, CampaignCalendar calendar) {
        Settings settings = Settings.of(calendar);
        Findings make = new Findings(e, Units.of(facts), settings);
        List<Violation> out = new ArrayList<>();
        for (Forecast f : forecasts(e.asOf(), calendar)) {
            if (f.atRisk()) {
                out.add(make.atRisk(f));
            }
        }
        Optional<Snapshot> previous = before(e.asOf());
        if (previous.isPresent()) {
            Map<String, Jumps.Jump> bySubject = new LinkedHashMap<>();
            for (String key : JUMP_KEYS) {
                Map<String, List<Point>> series = series(key, null, e.asOf());
                for (Jumps.Jump j : Jumps.between(key, series, previous.get().asOf(), e.asOf(), settings)) {
                    bySubject.merge(j.unitId(), j, (a, b) -> a.pointsPerDay() >= b.pointsPerDay() ? a : b);
                }
            }
            out.addAll(make.jumps(List.copyOf(bySubject.values()), facts));
        }
        out.sort(Violation.ORDER);
        return out;
    }

    private HistoryException readProblem(SQLException e) {
        rollback();
        return new HistoryException(file + ": 无法读取历史文件 / cannot read the history: " + firstLine(e), e);
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new HistoryException(file + ": cannot close the history: " + firstLine(e), e);
        }
    }
}
