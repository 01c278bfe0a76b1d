package org.lifeline.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lifeline.calendar.CalendarException;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.RuleCompilationException;
import org.lifeline.engine.RuleError;
import org.lifeline.excel.ColumnMap;
import org.lifeline.excel.ExcelFacts;
import org.lifeline.excel.XlsxReport;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactKind;
import org.lifeline.history.History;
import org.lifeline.history.HistoryException;
import org.lifeline.history.HistoryScenarios;
import org.lifeline.history.Snapshot;
import org.lifeline.report.Escape;
import org.lifeline.report.Timeline;
import org.lifeline.report.CsvReport;
import org.lifeline.report.HtmlReport;
import org.lifeline.report.JsonReport;
import org.lifeline.report.ReportModel;
import org.lifeline.report.TextReport;
import org.lifeline.scenario.Scenario;
import org.lifeline.scenario.ScenarioException;
import org.lifeline.scenario.ScenarioResult;
import org.lifeline.scenario.ScenarioRunner;
import org.lifeline.waiver.Waivers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code lifeline} command (docs/cli.md): check, replay, validate, history. Exit 2 and one line per problem on bad input. */
@Command(name = "lifeline", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "命脉工程攻坚阶段检查 · checks the 2018 \"Lifeline\" campaign tasks over a data export",
        subcommands = {Main.Check.class, Main.Replay.class, Main.Validate.class, Main.HistoryCommand.class})
public final class Main implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    /** The date the bundled sample is checked at when no --facts is given. */
    static final LocalDate SAMPLE_AS_OF = LocalDate.of(2018, 9, 26);

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
    }

    /** Runs the command with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new Version()));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            for (String line : problems(e)) {
                err.println("lifeline: " + line);
            }
            err.flush();
            return BAD_INPUT;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("lifeline: " + e.getMessage());
            if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                err.println("lifeline: did you mean " + String.join(" or ", u.getSuggestions()) + "?");
            }
            err.flush();
            return BAD_INPUT;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) { // picocli rethrows Errors: one line, exit 2, no stack trace
            err.println("lifeline: " + (e instanceof OutOfMemoryError
                    ? "内存不足 / out of memory; give the JVM more heap (-Xmx, LIFELINE_JAVA_OPTS)"
                    : "StackOverflowError: the rules or the data nest too deep"));
            code = BAD_INPUT;
        }
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return BAD_INPUT;
    }

    /** One line per problem of an exception, at most 20 and a count of the rest. */
    static List<String> problems(Exception e) {
        List<String> lines = new ArrayList<>();
        if (e instanceof FactException fe) {
            lines.addAll(fe.problems());
        } else if (e instanceof RuleCompilationException rce) {
            rce.errors().forEach(r -> lines.add(r.toString()));
        } else if (e instanceof UncheckedIOException u) {
            lines.add(u.getCause().getMessage());
        } else {
            lines.add(e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
        }
        if (lines.size() > 20) {
            int more = lines.size() - 20;
            List<String> cut = new ArrayList<>(lines.subList(0, 20));
            cut.add("… and " + more + " more");
            return cut;
        }
        return lines;
    }

    static Lifeline lifeline(Path rules) {
        return rules == null ? Lifeline.bundled() : Lifeline.fromDirectory(rules);
    }

    /** The rules with the waivers of a file when it exists (a missing default file means none). */
    static Lifeline withWaivers(Lifeline lifeline, Path file) {
        if (!Files.exists(file) && !file.getFileName().toString().equals(Waivers.FILE)) {
            throw new FactException("--waivers: no such file: " + file);
        }
        return Files.exists(file) ? lifeline.withWaivers(Waivers.read(file.toAbsolutePath())) : lifeline;
    }

    /** {@code lifeline check}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Evaluates a fact export as of a date and writes the report.")
    static final class Check implements Callable<Integer> {
        @Option(names = "--facts", paramLabel = "DIR|FILE.xlsx|FILE.xls", description = "the export: a folder of CSV "
                + "files or workbooks, or one workbook with a sheet per kind (default: the bundled sample province)")
        Path facts;
        @Option(names = "--column-map", paramLabel = "FILE", description = "the sheet names, column headers and value "
                + "labels of workbooks (YAML; default: the bundled map, see docs/excel.md)")
        Path columnMap;
        @Option(names = "--bom", negatable = true, defaultValue = "true", fallbackValue = "true", description = "--format "
                + "csv: start with a UTF-8 byte order mark, so that Excel reads the Chinese correctly (default: on; "
                + "--no-bom leaves it out)")
        boolean bom;
        @Option(names = "--as-of", paramLabel = "DATE", description = "evaluation date yyyy-MM-dd (default for the sample: 2018-09-26)")
        String asOf;
        @Option(names = "--format", defaultValue = "text", description = "text, json, csv, html or xlsx (xlsx needs "
                + "--out; default: ${DEFAULT-VALUE})")
        String format;
        @Option(names = "--out", paramLabel = "FILE", description = "write the report here instead of standard output")
        Path out;
        @Option(names = "--rules", paramLabel = "DIR", description = "rule files and calendar.yaml to use instead of the bundled ones")
        Path rules;
        @Option(names = "--encoding", defaultValue = "auto", description = "UTF-8, GBK or auto (default: ${DEFAULT-VALUE})")
        String encoding;
        @Option(names = "--history", paramLabel = "FILE", description = "record this check as a snapshot into the history "
                + "file (H2, created when missing) and report what changed since the previous snapshot, the milestones at "
                + "risk and sudden jumps")
        Path history;
        @Option(names = "--lenient", description = "leave out the rows whose references name nothing (listed on stderr as "
                + "rejected) instead of refusing the export")
        boolean lenient;
        @Option(names = "--waivers", paramLabel = "FILE", description = "the office's waivers (default: waivers.yaml in the "
                + "fact directory, the sample's own without --facts)")
        Path waivers;
        @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "drools", description = "drools: the rules in "
                + "this JVM (default); flink: the same rules as the Flink job of rules-flink, keyed by top unit, on an "
                + "embedded local cluster; the same report")
        String engine;
        @Option(names = "--parallelism", paramLabel = "N", description = "--engine flink: the embedded cluster's task "
                + "slots (default: " + FlinkEngine.DEFAULT_PARALLELISM + ")")
        Integer parallelism;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** At most this many rejected rows are listed on stderr; a last line counts the rest. */
        static final int MAX_REJECTED_SHOWN = 1000;

        @Override
        public Integer call() throws IOException {
            if (!List.of("text", "json", "csv", "html", "xlsx").contains(format)) {
                throw new FactException("--format: unknown format '" + format + "' (text, json, csv, html or xlsx)");
            }
            if (format.equals("xlsx") && out == null) {
                throw new FactException("--format xlsx: give the workbook's file with --out FILE.xlsx");
            }
            if (!List.of("drools", "flink").contains(engine)) {
                throw new FactException("--engine: unknown engine '" + engine + "' (drools or flink)");
            }
            if (parallelism != null && !engine.equals("flink")) {
                throw new FactException("--parallelism: only with --engine flink");
            }
            if (parallelism != null && (parallelism < 1 || parallelism > 256)) {
                throw new FactException("--parallelism: expected a number of task slots from 1 to 256, got " + parallelism);
            }
            LocalDate date;
            if (asOf == null) {
                if (facts != null) {
                    throw new FactException("--as-of is required with --facts (a date yyyy-MM-dd)");
                }
                date = SAMPLE_AS_OF;
            } else {
                try {
                    date = LocalDate.parse(asOf);
                } catch (DateTimeParseException e) {
                    throw new FactException("--as-of: not a date yyyy-MM-dd: '" + asOf + "'");
                }
            }
            Path dir = facts != null ? facts : Sample.extract();
            boolean tty = System.console() != null;
            PrintWriter err = spec.commandLine().getErr();
            CsvFacts.Progress progress = tty ? (file, rows) -> err.printf("\rreading %s: %,d rows", file, rows).flush() : null;
            boolean csv = columnMap == null && !ExcelFacts.handles(dir);
            CsvFacts.Loaded loaded = !csv
                    ? ExcelFacts.read(dir, columnMap == null ? ColumnMap.defaults() : ColumnMap.read(columnMap), encoding,
                            progress, lenient, org.lifeline.fact.FactParser.Limits.DEFAULT)
                    : CsvFacts.read(dir, encoding, progress, lenient);
            if (!loaded.rejected().isEmpty()) {
                if (tty) {
                    err.println();
                }
                err.printf("lifeline: --lenient: %d rows rejected (references that name nothing), left out of the check:%n",
                        loaded.rejected().size());
                loaded.rejected().stream().limit(MAX_REJECTED_SHOWN).forEach(x -> err.println("lifeline: rejected: " + x.line()));
                if (loaded.rejected().size() > MAX_REJECTED_SHOWN) {
                    err.println("lifeline: … and " + (loaded.rejected().size() - MAX_REJECTED_SHOWN) + " more rejected rows");
                }
                err.flush();
            }
            if (tty) {
                err.printf("\rread %,d facts; compiling the rules, evaluating as of %s…%n", loaded.facts().size(), date).flush();
            }
            Path waiversFile = waivers != null ? waivers : dir.resolve(Waivers.FILE);
            Lifeline lifeline = withWaivers(lifeline(rules), waiversFile);
            Evaluation e;
            if (engine.equals("flink")) {
                // the facts loaded here still make the report (names, places) and the history
                Path waived = Files.exists(waiversFile) ? waiversFile : null;
                int slots = parallelism == null ? FlinkEngine.DEFAULT_PARALLELISM : parallelism;
                e = csv && loaded.rejected().isEmpty()
                        ? FlinkEngine.evaluate(dir, encoding, date, rules, waived, slots) // as on a cluster
                        : FlinkEngine.evaluate(loaded.facts(), date, rules, waived, slots);
            } else {
                e = lifeline.evaluate(loaded.facts(), date);
            }
            if (tty) {
                err.printf("%d violations%n", e.violations().size()).flush();
            }
            Timeline timeline = null;
            boolean historyFailed = false;
            if (history != null) {
                try (History h = History.open(history)) {
                    h.record(e, loaded.facts());
                    timeline = Timeline.read(h, e, loaded.facts(), lifeline.calendar());
                    e = timeline.withJumps(e);
                } catch (HistoryException x) {
                    // the check's own report is still written; the exit code says the history failed
                    err.println("lifeline: " + x.getMessage().lines().findFirst().orElse(""));
                    err.flush();
                    historyFailed = true;
                }
            }
            if (format.equals("xlsx")) {
                try (java.io.OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(out))) {
                    XlsxReport.write(new ReportModel(e, loaded.facts(), lifeline.calendar(), timeline), o);
                }
                spec.commandLine().getErr().println("lifeline: report written to " + out.toAbsolutePath());
                return historyFailed ? BAD_INPUT : OK;
            }
            Writer w = out == null ? spec.commandLine().getOut()
                    : new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8));
            try {
                switch (format) {
                    case "json" -> JsonReport.write(e, timeline, w);
                    case "csv" -> CsvReport.write(e, w, bom);
                    case "html" -> HtmlReport.write(new ReportModel(e, loaded.facts(), lifeline.calendar(), timeline), new PrintWriter(w));
                    default -> TextReport.write(new ReportModel(e, loaded.facts(), lifeline.calendar(), timeline), new PrintWriter(w));
                }
            } finally {
                w.flush();
                if (out != null) {
                    w.close();
                    spec.commandLine().getErr().println("lifeline: report written to " + out.toAbsolutePath());
                }
            }
            return historyFailed ? BAD_INPUT : OK;
        }
    }

    /** {@code lifeline replay}. */
    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Replays scenario files (snapshot and live); exit 0 when all pass, 1 when any fails, 2 on unreadable input.")
    static final class Replay implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE|DIR")
        List<Path> paths;
        @Option(names = "--rules", paramLabel = "DIR")
        Path rules;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<Scenario> scenarios = new ArrayList<>();
            for (Path p : paths) {
                if (!Files.exists(p)) {
                    throw new ScenarioException(p + ": no such file or directory");
                }
                for (Path f : Scenario.filesIn(p)) {
                    scenarios.add(Scenario.read(f));
                }
            }
            if (scenarios.isEmpty()) {
                throw new ScenarioException("no scenario files (*.yaml) in " + paths);
            }
            if (System.console() != null) {
                spec.commandLine().getErr().printf("%d scenarios; compiling the rules…%n", scenarios.size()).flush();
            }
            Lifeline lifeline = lifeline(rules);
            ScenarioRunner runner = new ScenarioRunner(lifeline);
            HistoryScenarios withHistory = new HistoryScenarios(lifeline);
            PrintWriter out = spec.commandLine().getOut();
            int failed = 0;
            int passed = 0;
            for (Scenario s : scenarios) {
                // a history scenario is replayed once, as snapshots recorded into a history
                List<ScenarioRunner.Mode> modes = s.history() ? List.of(ScenarioRunner.Mode.SNAPSHOT)
                        : List.of(ScenarioRunner.Mode.values());
                for (ScenarioRunner.Mode mode : modes) {
                    ScenarioResult r = s.history() ? withHistory.run(s) : runner.run(s, mode);
                    if (r.passed()) {
                        passed++;
                        out.println("PASS " + s.name() + " [" + mode.name().toLowerCase() + "]");
                    } else {
                        failed++;
                        out.println(r.report());
                    }
                }
            }
            out.println(passed + " passed, " + failed + " failed");
            return failed == 0 ? OK : FAILED;
        }
    }

    /** {@code lifeline history}. */
    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Lists the snapshots of a history file, or one unit's share over them; exit 2 when the file "
                    + "cannot be read.")
    static final class HistoryCommand implements Callable<Integer> {
        @Parameters(arity = "1", paramLabel = "FILE")
        Path file;
        @Option(names = "--unit", paramLabel = "ID", description = "print this unit's series (every key it has, or --key)")
        String unit;
        @Option(names = "--key", paramLabel = "KEY", description = "T10.REGISTRATION, T12.TRANSFER, T13.ONLINE_PAYMENT, "
                + "MEMBERS.REPORTED or CADRES.ONBOARDED")
        String key;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(file) && !Files.isRegularFile(Path.of(file + ".mv.db"))) {
                throw new HistoryException(file + ": 历史文件不存在 / no such history file");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (History h = History.open(file)) {
                if (unit == null) {
                    out.println("asOf        takenAt                  violations  rulesVersion  inputHash");
                    for (Snapshot s : h.snapshots()) {
                        out.printf("%s  %-24s %10d  %-12s  %s%n", s.asOf(), s.takenAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                                s.violations(), Escape.visible(s.rulesVersion()), s.inputHash());
                    }
                    out.printf("%d snapshot(s)%n", h.snapshots().size());
                    return OK;
                }
                List<String> keys = key != null ? List.of(key) : h.keys();
                int shown = 0;
                for (String k : keys) {
                    List<History.Point> points = h.series(k, unit);
                    if (points.isEmpty()) {
                        continue;
                    }
                    out.printf("%s %s%n", Escape.visible(unit), Escape.visible(k));
                    for (History.Point p : points) {
                        out.printf("  %s%s  %d/%d  %.1f%%%n", p.asOf(), p.month() == null ? "" : " " + p.month(), p.done(),
                                p.total(), p.share() * 100);
                    }
                    shown++;
                }
                if (key == null) {
                    List<History.UnitCounts> counts = h.unitCounts(unit);
                    if (!counts.isEmpty()) {
                        out.printf("%s counts: members, reported, branches, hollow branches, cadres, onboarded%n", Escape.visible(unit));
                        for (History.UnitCounts c : counts) {
                            out.printf("  %s  %d  %d  %d  %d  %d  %d%n", c.asOf(), c.members(), c.reported(), c.branches(),
                                    c.hollowBranches(), c.cadres(), c.onboarded());
                        }
                        shown++;
                    }
                }
                if (shown == 0) {
                    out.printf("no series for unit %s%s%n", Escape.visible(unit), key == null ? "" : " and key " + Escape.visible(key));
                }
                return OK;
            }
        }
    }

    /** {@code lifeline validate}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Compiles and checks a rules directory (and waivers); prints each error with file and line; exit 2 on errors.")
    static final class Validate implements Callable<Integer> {
        @Parameters(arity = "1", paramLabel = "RULES_DIR")
        Path dir;
        @Option(names = "--waivers", paramLabel = "FILE", description = "also check this waivers file (default: waivers.yaml "
                + "in RULES_DIR, or in --facts DIR)")
        Path waivers;
        @Option(names = "--facts", paramLabel = "DIR", description = "check the waivers against this export too: subjects "
                + "that exist, approvers above their subjects")
        Path facts;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<RuleError> errors;
            try {
                errors = Lifeline.validate(dir);
            } catch (CalendarException e) {
                errors = List.of(new RuleError("calendar.yaml", 0, 0, e.getMessage()));
            }
            if (errors.isEmpty()) {
                Lifeline l = Lifeline.fromDirectory(dir);
                Path file = waivers != null ? waivers
                        : facts != null && Files.isDirectory(facts) ? facts.resolve(Waivers.FILE) : null;
                try {
                    if (file != null) {
                        l = withWaivers(l, file);
                    }
                    if (facts != null) {
                        errors = l.checkWaivers((ExcelFacts.handles(facts)
                                ? ExcelFacts.read(facts, ColumnMap.defaults(), "auto", null, false,
                                        org.lifeline.fact.FactParser.Limits.DEFAULT)
                                : CsvFacts.read(facts, "auto", null, false)).facts());
                    }
                } catch (RuleCompilationException e) {
                    errors = e.errors();
                }
                if (errors.isEmpty()) {
                    spec.commandLine().getOut().printf("OK: %d rules, calendar %s, version %s, %d waivers%n", l.ruleIds().size(),
                            l.calendar().name(), l.rulesVersion(), l.waivers().list().size());
                    return OK;
                }
            }
            PrintWriter err = spec.commandLine().getErr();
            errors.forEach(e -> err.println(dir.resolve(e.file()) + (e.line() > 0 ? ":" + e.line() + (e.column() > 0 ? ":" + e.column() : "") : "") + ": " + e.messageZh()));
            err.println(errors.size() + " error(s)");
            return BAD_INPUT;
        }
    }

    /** {@code lifeline --version}: the command's version (from its jar) and the bundled rules' version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Lifeline rules = Lifeline.bundled();
            return new String[] {"lifeline " + own(), "rules " + rules.rulesVersion() + " (" + rules.ruleIds().size()
                    + " rules, calendar " + rules.calendar().name() + ")", "Java " + Runtime.version()};
        }

        /** The version Maven wrote into the jar, or a note when run from classes (tests, an IDE). */
        static String own() {
            try (InputStream in = Main.class.getResourceAsStream("/META-INF/maven/org.lifeline/examples/pom.properties")) {
                if (in != null) {
                    java.util.Properties p = new java.util.Properties();
                    p.load(in);
                    return p.getProperty("version", "(unknown)");
                }
            } catch (IOException e) {
                return "(unknown: " + e.getMessage() + ")";
            }
            return "(development build, not run from its jar)";
        }
    }

    /** The bundled sample province, copied out of the classpath. */
    static final class Sample {
        static Path extract() throws IOException {
            Path dir = Files.createTempDirectory("lifeline-sample");
            dir.toFile().deleteOnExit();
            int found = 0;
            for (FactKind k : FactKind.values()) {
                try (InputStream in = Main.class.getClassLoader().getResourceAsStream("sample/" + k.key() + ".csv")) {
                    if (in != null) {
                        Path f = dir.resolve(k.key() + ".csv");
                        Files.copy(in, f);
                        f.toFile().deleteOnExit();
                        found++;
                    }
                }
            }
            if (found == 0) {
                throw new FactException("the bundled sample is missing from the classpath (sample/*.csv)");
            }
            try (InputStream in = Main.class.getClassLoader().getResourceAsStream("sample/" + Waivers.FILE)) {
                if (in != null) { // the sample office's waivers
                    Path f = dir.resolve(Waivers.FILE);
                    Files.copy(in, f);
                    f.toFile().deleteOnExit();
                }
            }
            return dir;
        }
    }
}
