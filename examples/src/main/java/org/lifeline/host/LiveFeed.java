package org.lifeline.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Monitor;
import org.lifeline.engine.Violation;
import org.lifeline.engine.ViolationListener;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactParser;
import org.lifeline.fact.FactSet;
import org.lifeline.history.History;
import org.lifeline.history.HistoryException;

/**
 * A host embedding Lifeline live: it reads a stream of fact changes, one JSON object a line —
 * {@code {"op":"insert","kind":"members","fact":{...}}}, {@code update} likewise, {@code {"op":"delete",
 * "kind":"members","id":"M1"}} and {@code {"op":"clock","asOf":"2018-07-01"}} — and prints each violation raised,
 * changed and resolved as it happens. A line that cannot be applied is reported on stderr with its number and
 * counted; the feed goes on.
 *
 * <p>With {@code --history FILE}, the host also keeps a daily snapshot: when the clock moves to a later day, the
 * state as of the day it leaves is recorded into the history (and the last day's when the stream ends), so that
 * {@code lifeline history FILE} shows the campaign day by day.
 *
 * <pre>java -cp … org.lifeline.host.LiveFeed 2018-06-20 changes.jsonl [--history FILE]</pre>
 */
public final class LiveFeed {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveFeed() {
    }

    public static void main(String[] args) throws IOException {
        List<String> rest = new ArrayList<>(List.of(args));
        Path historyFile = null;
        int h = rest.indexOf("--history");
        if (h >= 0 && h + 1 < rest.size()) {
            historyFile = Path.of(rest.get(h + 1));
            rest.subList(h, h + 2).clear();
        }
        if (rest.isEmpty() || h >= 0 && historyFile == null) {
            System.err.println("usage: LiveFeed START_DATE [FILE] [--history FILE]   (reads standard input without FILE)");
            System.exit(2);
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Reader in = rest.size() > 1 ? Files.newBufferedReader(Path.of(rest.get(1)), StandardCharsets.UTF_8)
                : new InputStreamReader(System.in, StandardCharsets.UTF_8);
        int rejected;
        if (historyFile == null) {
            rejected = run(Lifeline.bundled(), LocalDate.parse(rest.get(0)), in, out, err);
        } else {
            try (History history = History.open(historyFile)) {
                rejected = run(Lifeline.bundled(), LocalDate.parse(rest.get(0)), in, out, err, history);
            } catch (HistoryException e) {
                err.println("LiveFeed: " + e.getMessage());
                System.exit(2);
                return;
            }
        }
        System.exit(rejected == 0 ? 0 : 1);
    }

    /** Feeds the stream to a monitor; returns how many lines were rejected. */
    public static int run(Lifeline lifeline, LocalDate start, Reader in, PrintWriter out, PrintWriter err) throws IOException {
        return run(lifeline, start, in, out, err, null);
    }

    /**
     * Feeds the stream to a monitor, recording a daily snapshot into {@code history} (when not null): the state as of
     * each day the clock leaves, and the last day's at the end. Returns how many lines were rejected.
     */
    public static int run(Lifeline lifeline, LocalDate start, Reader in, PrintWriter out, PrintWriter err, History history)
            throws IOException {
        Map<String, Fact> facts = new LinkedHashMap<>(); // the host's own copy, for the snapshot's per-unit counts
        ViolationListener printer = new ViolationListener() {
            @Override
            public void raised(Violation v) {
                out.println("RAISED   " + line(v));
            }

            @Override
            public void resolved(Violation v) {
                out.println("RESOLVED " + line(v));
            }

            @Override
            public void changed(Violation before, Violation after) {
                out.println("CHANGED  " + line(after) + " (was " + before.severity() + ")");
            }
        };
        int rejected = 0;
        int lineNo = 0;
        try (Monitor monitor = lifeline.monitor(start, printer); BufferedReader r = new BufferedReader(in)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    apply(monitor, facts, line, lineNo, history == null ? null : () -> snapshot(history, monitor, facts, err));
                } catch (FactException | IllegalArgumentException | JsonProcessingException e) {
                    rejected++;
                    err.println("line " + lineNo + ": rejected: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            if (history != null) {
                snapshot(history, monitor, facts, err);
            }
            out.println("-- " + monitor.violations().size() + " violations hold as of " + monitor.asOf()
                    + "; " + rejected + " line(s) rejected");
        }
        out.flush();
        return rejected;
    }

    /** Records the monitor's state as of its date, with the host's copy of the facts for the per-unit counts. */
    private static void snapshot(History history, Monitor monitor, Map<String, Fact> facts, PrintWriter err) {
        try {
            Evaluation e = monitor.evaluation();
            history.record(e, FactSet.of(facts.values()));
        } catch (FactException | HistoryException | IllegalStateException e) {
            err.println("snapshot of " + monitor.asOf() + " not recorded: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /**
     * Applies one line to the monitor and to the host's copy of the facts; {@code dayEnds} (when not null) runs before
     * the clock moves to a later day.
     */
    private static void apply(Monitor monitor, Map<String, Fact> facts, String line, int lineNo, Runnable dayEnds)
            throws JsonProcessingException {
        Map<?, ?> change = JSON.readValue(line, Map.class);
        if (change == null) {
            throw new IllegalArgumentException("expected a JSON object, got null");
        }
        String op = String.valueOf(change.get("op"));
        String where = "stream:" + lineNo;
        switch (op) {
            case "clock" -> {
                LocalDate next;
                try {
                    next = LocalDate.parse(String.valueOf(change.get("asOf")));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("field 'asOf': not a date yyyy-MM-dd: " + change.get("asOf"));
                }
                if (dayEnds != null && next.isAfter(monitor.asOf())) {
                    dayEnds.run();
                }
                monitor.setAsOf(next);
            }
            case "insert", "update" -> {
                Fact fact = fact(kind(change), change.get("fact"), where);
                if (op.equals("insert")) {
                    monitor.insert(fact);
                } else {
                    monitor.update(fact);
                }
                facts.put(FactKind.of(fact) + "/" + fact.id(), fact);
            }
            case "delete" -> {
                FactKind kind = kind(change);
                String id = String.valueOf(change.get("id"));
                monitor.delete(kind, id);
                facts.remove(kind + "/" + id);
            }
            default -> throw new IllegalArgumentException("field 'op': unknown operation '" + op
                    + "' (insert, update, delete or clock)");
        }
    }

    private static FactKind kind(Map<?, ?> change) {
        String k = String.valueOf(change.get("kind"));
        return FactKind.byKey(k).orElseThrow(() -> new IllegalArgumentException("field 'kind': unknown fact kind '" + k + "'"));
    }

    private static Fact fact(FactKind kind, Object raw, String where) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("field 'fact': expected an object");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        m.forEach((k, v) -> fields.put(String.valueOf(k), text(v)));
        return FactParser.parse(kind, fields, where);
    }

    private static Object text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            l.forEach(x -> out.add(String.valueOf(x)));
            return out;
        }
        return String.valueOf(v);
    }

    private static String line(Violation v) {
        return v.severity() + " " + v.ruleId() + " " + v.subjectId() + " " + v.message();
    }
}
