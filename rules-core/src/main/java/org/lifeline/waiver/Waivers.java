package org.lifeline.waiver;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The waivers of one office (a {@code waivers.yaml}), read with the line of each, and every problem found in
 * them. A problem never loses a waiver silently: a file with problems is refused as a whole where it is loaded
 * ({@code Lifeline.builder().waivers(…)}, {@code lifeline validate}).
 *
 * <pre>
 * waivers:
 *   - id: W1
 *     ruleId: T04.HOLLOW_BRANCH        # or task: 4 (every rule of the task)
 *     subjectId: B1                    # Violation.subjectId
 *     reason: 组织待组建                 # or ORGANIZATION_PENDING; see {@link Waiver.Reason}
 *     reasonText: 该村仅余两名团员，秋季新团员入团后组建团支部
 *     requestedBy: T1                  # organisation ids
 *     approvedBy: C1                   # above the subject in the tree, or the provincial office
 *     granted: 2018-09-01
 *     expires: 2018-10-31              # mandatory; at most waiverMaxDays (calendar.yaml) after granted
 * </pre>
 */
public final class Waivers {

    /** The file name looked for beside the calendar in a rules directory (and in a fact directory). */
    public static final String FILE = "waivers.yaml";
    /** The longest a waiver may run (days from granted to expires) when the calendar sets no {@code waiverMaxDays}. */
    public static final int DEFAULT_MAX_DAYS = 90;
    /** No waivers. */
    public static final Waivers NONE = new Waivers("", List.of(), List.of(), "");

    private static final Set<String> FIELDS = Set.of("id", "ruleId", "task", "subjectId", "reason", "reasonText",
            "requestedBy", "approvedBy", "granted", "expires");

    /**
     * One mistake in a waivers file: file, line (0 when unknown), and the message in Chinese then English.
     */
    public record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + message;
        }
    }

    private final String file;
    private final List<Waiver> list;
    private final List<Problem> problems;
    private final String digest;

    private Waivers(String file, List<Waiver> list, List<Problem> problems, String digest) {
        this.file = file;
        this.list = List.copyOf(list);
        this.problems = List.copyOf(problems);
        this.digest = digest;
    }

    /** Waivers given in code (each names no line); duplicate ids are problems. */
    public static Waivers of(String origin, Collection<Waiver> waivers) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Waiver> seen = new HashMap<>();
        for (Waiver w : waivers) {
            if (seen.put(w.id(), w) != null) {
                problems.add(new Problem(origin, w.line(), "豁免编号重复 / duplicate waiver id " + shown(w.id())));
            }
            if (w.expires().isBefore(w.granted())) {
                problems.add(new Problem(origin, w.line(), "豁免 " + shown(w.id()) + "：到期日早于批准日 / waiver "
                        + shown(w.id()) + ": field 'expires' is before 'granted'"));
            }
        }
        return new Waivers(origin, List.copyOf(waivers), problems, digest(String.valueOf(waivers)));
    }

    /** The largest waivers file read, in bytes (a real one holds a few hundred waivers in a few hundred KB). */
    public static final long MAX_BYTES = 8L * 1024 * 1024;

    /** Reads a waivers file; an unreadable or too large file is one problem. */
    public static Waivers read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return new Waivers(file.toString(), List.of(), List.of(new Problem(file.toString(), 0, "豁免文件过大 / the "
                        + "waivers file is larger than " + MAX_BYTES / (1024 * 1024) + " MB (" + size + " bytes)")), "");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            return new Waivers(file.toString(), List.of(), List.of(new Problem(file.toString(), 0,
                    "豁免文件无法读取 / cannot read the waivers file: " + e.getClass().getSimpleName())), "");
        } catch (java.io.UncheckedIOException e) { // malformed UTF-8
            return new Waivers(file.toString(), List.of(), List.of(new Problem(file.toString(), 0,
                    "豁免文件不是 UTF-8 文本 / the waivers file is not UTF-8 text")), "");
        }
    }

    /** Parses waivers YAML; {@code file} names it in problems. */
    public static Waivers parse(String text, String file) {
        return new Reading(file).read(text);
    }

    /** The file it was read from ("" for none). */
    public String file() {
        return file;
    }

    /** The well-formed waivers, in file order. */
    public List<Waiver> list() {
        return list;
    }

    /** The problems found while reading: malformed YAML, missing or bad fields, duplicate ids. */
    public List<Problem> problems() {
        return problems;
    }

    public boolean isEmpty() {
        return list.isEmpty() && problems.isEmpty();
    }

    /** A short digest of the file's text (empty for none): tells a changed file from the same one. */
    public String digest() {
        return digest;
    }

    /**
     * The problems against a rule set: an unknown rule id or task, and a waiver running longer than
     * {@code maxDays} days (granted to expires).
     */
    public List<Problem> check(Set<String> ruleIds, Set<Integer> tasks, int maxDays) {
        List<Problem> out = new ArrayList<>();
        for (Waiver w : list) {
            String id = shown(w.id());
            if (w.ruleId() != null && !ruleIds.contains(w.ruleId())) {
                out.add(new Problem(file, w.line(), "豁免 " + id + "：规则编号不存在 / waiver " + id + ": field 'ruleId': no rule "
                        + shown(w.ruleId()) + " in the rule set"));
            }
            if (w.task() != null && !tasks.contains(w.task())) {
                out.add(new Problem(file, w.line(), "豁免 " + id + "：任务号不存在 / waiver " + id + ": field 'task': no rule of task "
                        + w.task() + " in the rule set"));
            }
            long days = ChronoUnit.DAYS.between(w.granted(), w.expires());
            if (days > maxDays) {
                out.add(new Problem(file, w.line(), "豁免 " + id + "：有效期超过规定的 " + maxDays + " 天 / waiver " + id
                        + ": runs " + days + " days from 'granted' to 'expires', more than waiverMaxDays (" + maxDays + ")"));
            }
        }
        return out;
    }

    /**
     * Why a waiver's approver may not approve it, or null when it may: the approver must be an ancestor of the
     * subject's organisation (the provincial office, the top of its tree, is one), or the provincial office itself
     * for its own findings or for a subject whose organisation is unknown.
     *
     * @param subjectOrg the organisation the subject sits in (itself for an organisation), or null when unknown
     * @param parentOf   an organisation's parent id, or null for the root; {@code exists} tells known ids
     */
    public static String approverProblem(Waiver w, String subjectOrg, UnaryOperator<String> parentOf,
                                         java.util.function.Predicate<String> exists) {
        String id = shown(w.id());
        if (!exists.test(w.approvedBy())) {
            return "豁免 " + id + "：审批单位不存在 / waiver " + id + ": field 'approvedBy': no organisation " + shown(w.approvedBy());
        }
        if (subjectOrg == null ? parentOf.apply(w.approvedBy()) == null
                : subjectOrg.equals(w.approvedBy()) && parentOf.apply(subjectOrg) == null) {
            return null; // the provincial office, for a subject of unknown place or for its own findings
        }
        if (subjectOrg != null) {
            // the provincial office is the top of every subject's chain: another organisation with no parent (a second
            // 团省委 in a city's export) sits above nobody
            String cur = parentOf.apply(subjectOrg);
            for (int i = 0; cur != null && i <= 500; i++) {
                if (cur.equals(w.approvedBy())) {
                    return null;
                }
                cur = parentOf.apply(cur);
            }
        }
        return "豁免 " + id + "：审批单位不是该对象的上级组织 / waiver " + id + ": field 'approvedBy': "
                + shown(w.approvedBy()) + " does not sit above the subject " + shown(w.subjectId())
                + " (an ancestor of its organisation, or the provincial office, must approve)";
    }

    /** An id as a message may show it: itself, unless long or holding 6 or more digits in a row. */
    static String shown(String v) {
        if (v == null) {
            return "";
        }
        int run = 0;
        int longest = 0;
        boolean control = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            run = Character.isDigit(c) ? run + 1 : 0;
            longest = Math.max(longest, run);
            control |= Character.isISOControl(c);
        }
        if (v.length() <= 40 && longest < 6 && !control) {
            return v;
        }
        StringBuilder b = new StringBuilder();
        v.codePoints().limit(2).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b + "…(" + v.length() + " characters)";
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One parse, collecting every problem. */
    private static final class Reading {
        private final String file;
        private final List<Problem> problems = new ArrayList<>();

        Reading(String file) {
            this.file = file;
        }

        Waivers read(String text) {
            Node root;
            try (Reader r = new StringReader(text)) {
                LoaderOptions options = new LoaderOptions();
                options.setAllowDuplicateKeys(false);
                options.setMaxAliasesForCollections(50);
                options.setCodePointLimit(8 * 1024 * 1024);
                root = new Yaml(options).compose(r);
            } catch (MarkedYAMLException e) {
                return failed(e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1,
                        "豁免文件不是有效的 YAML / not valid YAML: " + e.getProblem());
            } catch (YAMLException | IOException e) {
                return failed(0, "豁免文件不是有效的 YAML / not valid YAML");
            }
            String digest = Waivers.digest(text);
            if (root == null) {
                return new Waivers(file, List.of(), List.of(), digest);
            }
            if (!(root instanceof MappingNode doc)) {
                return failed(line(root), "豁免文件须以 waivers: 开头 / expected a mapping with a list 'waivers'");
            }
            Node listNode = null;
            for (NodeTuple t : doc.getValue()) {
                String key = scalar(t.getKeyNode());
                if ("waivers".equals(key) && listNode != null) { // compose() leaves duplicate keys to a constructor
                    problems.add(new Problem(file, line(t.getKeyNode()), "豁免文件：字段 waivers 重复 / field 'waivers' "
                            + "given twice (the file holds one list)"));
                } else if ("waivers".equals(key)) {
                    listNode = t.getValueNode();
                } else {
                    problems.add(new Problem(file, line(t.getKeyNode()), "豁免文件：未知字段 / unknown field '" + shown(key)
                            + "' (the file holds one list, 'waivers')"));
                }
            }
            List<Waiver> out = new ArrayList<>();
            if (listNode != null && !(listNode instanceof ScalarNode s && Tag.NULL.equals(s.getTag()))) {
                if (!(listNode instanceof SequenceNode seq)) {
                    problems.add(new Problem(file, line(listNode), "豁免文件：waivers 须为列表 / 'waivers' must be a list"));
                } else {
                    Map<String, Integer> ids = new HashMap<>();
                    for (Node n : seq.getValue()) {
                        Waiver w = waiver(n);
                        if (w == null) {
                            continue;
                        }
                        Integer before = ids.putIfAbsent(w.id(), w.line());
                        if (before != null) {
                            problems.add(new Problem(file, w.line(), "豁免编号重复 / duplicate waiver id " + shown(w.id())
                                    + " (also on line " + before + ")"));
                            continue;
                        }
                        out.add(w);
                    }
                }
            }
            return new Waivers(file, out, problems, digest);
        }

        private Waivers failed(int line, String message) {
            return new Waivers(file, List.of(), List.of(new Problem(file, line, message)), "");
        }

        private Waiver waiver(Node n) {
            int line = line(n);
            if (!(n instanceof MappingNode m)) {
                problems.add(new Problem(file, line, "豁免文件：每条豁免须为 {id, ruleId…} / each waiver must be a mapping"));
                return null;
            }
            Map<String, String> f = new LinkedHashMap<>();
            int before = problems.size();
            for (NodeTuple t : m.getValue()) {
                String key = scalar(t.getKeyNode());
                if (!FIELDS.contains(key)) {
                    problems.add(new Problem(file, line(t.getKeyNode()), "豁免文件：未知字段 / unknown field '" + shown(key)
                            + "' (one of id, ruleId, task, subjectId, reason, reasonText, requestedBy, approvedBy, granted, expires)"));
                    continue;
                }
                if (!(t.getValueNode() instanceof ScalarNode)) {
                    problems.add(new Problem(file, line(t.getValueNode()), "豁免文件：字段 " + key + " 须为单个值 / field '" + key
                            + "': expected one value"));
                    continue;
                }
                if (f.containsKey(key)) {
                    problems.add(new Problem(file, line(t.getKeyNode()), "豁免文件：字段 " + key + " 重复 / field '" + key
                            + "' given twice"));
                    continue;
                }
                f.put(key, scalar(t.getValueNode()));
            }
            String id = f.get("id");
            String who = "豁免 " + (id == null ? "（无编号）" : shown(id)) + "：";
            String whoEn = "waiver " + (id == null ? "(no id)" : shown(id)) + ": ";
            for (String required : List.of("id", "subjectId", "reason", "reasonText", "requestedBy", "approvedBy", "granted")) {
                if (blank(f.get(required))) {
                    problems.add(new Problem(file, line, who + "缺少字段 " + required + " / " + whoEn + "missing field '" + required + "'"));
                }
            }
            if (blank(f.get("expires"))) {
                problems.add(new Problem(file, line, who + "缺少到期日（豁免必须有到期日）/ " + whoEn
                        + "missing field 'expires' (every waiver must expire)"));
            }
            boolean hasRule = !blank(f.get("ruleId"));
            boolean hasTask = !blank(f.get("task"));
            if (hasRule == hasTask) {
                problems.add(new Problem(file, line, who + "须且只须给出 ruleId 或 task 之一 / " + whoEn
                        + "give exactly one of 'ruleId' and 'task'"));
            }
            Integer task = null;
            if (hasTask) {
                try {
                    task = Integer.valueOf(f.get("task"));
                    if (task < 0 || task > 14) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    problems.add(new Problem(file, line, who + "任务号须为 0–14 / " + whoEn + "field 'task': expected 0–14, got "
                            + f.get("task").length() + " characters"));
                }
            }
            Waiver.Reason reason = null;
            if (!blank(f.get("reason"))) {
                reason = Waiver.Reason.parse(f.get("reason"));
                if (reason == null) {
                    problems.add(new Problem(file, line, who + "原因类别不在规定范围内 / " + whoEn + "field 'reason': one of "
                            + String.join(", ", java.util.Arrays.stream(Waiver.Reason.values())
                                    .map(r -> r.name() + " (" + r.label() + ")").toList())));
                }
            }
            LocalDate granted = date(f.get("granted"), "granted", who, whoEn, line);
            LocalDate expires = date(f.get("expires"), "expires", who, whoEn, line);
            if (granted != null && expires != null && expires.isBefore(granted)) {
                problems.add(new Problem(file, line, who + "到期日早于批准日 / " + whoEn + "field 'expires' is before 'granted'"));
            }
            if (problems.size() > before) {
                return null;
            }
            return new Waiver(id, hasRule ? f.get("ruleId") : null, task, f.get("subjectId"), reason, f.get("reasonText"),
                    f.get("requestedBy"), f.get("approvedBy"), granted, expires, line);
        }

        private LocalDate date(String v, String field, String who, String whoEn, int line) {
            if (blank(v)) {
                return null;
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                problems.add(new Problem(file, line, who + "日期格式须为 yyyy-MM-dd / " + whoEn + "field '" + field
                        + "': expected a date yyyy-MM-dd, got " + v.length() + " characters"));
                return null;
            }
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        private static String scalar(Node n) {
            if (n instanceof ScalarNode s) {
                return Tag.NULL.equals(s.getTag()) ? null : s.getValue();
            }
            return null;
        }

        private static int line(Node n) {
            return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
        }
    }
}
