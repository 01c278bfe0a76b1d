package org.lifeline.fact;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The fact export (docs/facts.md, "The CSV export"): a directory with one CSV file per fact kind ({@code organizations.csv},
 * {@code feePayments.csv}…), a header row of field names, list fields {@code ;}-separated. Files are UTF-8
 * (with or without BOM) or GBK; {@code auto} tries UTF-8, then GBK, and refuses bytes that fit neither.
 *
 * <p>Nothing is dropped silently: every data row is either loaded or reported with its file, line and field.
 * File names are matched to fact kinds without regard to case ({@code Members.CSV}); a fact file that is a symbolic
 * link, a directory or anything but a regular file is refused, and so are two files for one kind. Control
 * characters (NUL, tab, line breaks…) are refused in every field, and blank lines anywhere but at the end of a
 * file. References that name nothing refuse the load, or, in a lenient load, leave their rows out as rejected
 * ({@link FactSet#rejected()}).
 */
public final class CsvFacts {

    /** Called as rows are read, for progress displays. */
    public interface Progress {
        void read(String file, long rows);
    }

    /**
     * The facts, and how many data rows each file gave: {@code facts().size() + rejected().size()} is their sum.
     */
    public record Loaded(FactSet facts, Map<String, Long> rowsPerFile) {
        /** The rows a lenient load left out for their dangling references (empty for a strict load). */
        public List<FactSet.Rejected> rejected() {
            return facts.rejected();
        }
    }

    private static final int MAX_PROBLEMS = 50;
    private static final Charset GBK = Charset.forName("GBK");

    private CsvFacts() {
    }

    /** Reads a directory strictly; {@code encoding} is a charset name or {@code auto}. @throws FactException listing problems */
    public static Loaded read(Path dir, String encoding, Progress progress) {
        return read(dir, encoding, progress, false);
    }

    /**
     * Reads a directory; {@code lenient}: rows with dangling references are left out and listed in
     * {@link Loaded#rejected()} instead of refusing the export.
     */
    public static Loaded read(Path dir, String encoding, Progress progress, boolean lenient) {
        return read(dir, encoding, progress, lenient, FactParser.Limits.DEFAULT);
    }

    /** Reads a directory with the given limits on dates and years. @throws FactException listing problems */
    public static Loaded read(Path dir, String encoding, Progress progress, boolean lenient, FactParser.Limits limits) {
        Map<FactKind, Path> files = files(dir);
        List<String> problems = new ArrayList<>();
        // files are parsed in parallel (one task each), then added in kind order, so the result does not depend
        // on the threads
        Progress synced = progress == null ? null : (file, n) -> {
            synchronized (progress) {
                progress.read(file, n);
            }
        };
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), r -> {
                    Thread t = new Thread(r, "lifeline-csv");
                    t.setDaemon(true);
                    return t;
                });
        Map<FactKind, java.util.concurrent.Future<FileResult>> tasks = new java.util.EnumMap<>(FactKind.class);
        // a member's id held once: by the member and by every payment, cadre and transfer naming it
        java.util.concurrent.ConcurrentMap<String, String> memberIds = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            for (Map.Entry<FactKind, Path> e : files.entrySet()) {
                tasks.put(e.getKey(), pool.submit(() -> readFile(e.getValue(), e.getKey(), encoding, synced, limits,
                        CsvParser.BUFFER, memberIds)));
            }
            FactSet.Builder builder = FactSet.builder().lenient(lenient);
            Map<String, Long> rows = new LinkedHashMap<>();
            for (Map.Entry<FactKind, java.util.concurrent.Future<FileResult>> e : tasks.entrySet()) {
                FileResult r = e.getValue().get();
                problems.addAll(r.problems());
                rows.put(r.name(), (long) r.facts().size());
                for (int i = 0; i < r.facts().size() && problems.size() < MAX_PROBLEMS; i++) {
                    builder.add(r.facts().get(i), r.name(), r.lines()[i]);
                }
            }
            if (!problems.isEmpty()) {
                throw new FactException(problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems);
            }
            return new Loaded(builder.build(), rows);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FactException(dir + ": interrupted while reading");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** What an entry of an export directory is, for {@link #select}. */
    public enum EntryType {
        REGULAR_FILE, SYMBOLIC_LINK, DIRECTORY, OTHER
    }

    /**
     * The fact files of an export directory, by kind: what {@link #read} reads. Only the directory's own
     * {@code .csv} entries count (not those in subdirectories); each must be named after a fact kind (case aside) and
     * be a regular file, one per kind, and there must be at least one.
     *
     * @throws FactException listing every problem, with the messages {@link #read} refuses the directory with
     */
    public static Map<FactKind, Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new FactException(dir + ": no such directory");
        }
        Map<String, EntryType> entries = new LinkedHashMap<>();
        Map<String, Path> paths = new java.util.HashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv"))
                    .sorted().toList()) {
                String name = p.getFileName().toString();
                paths.put(name, p);
                entries.put(name, Files.isSymbolicLink(p) ? EntryType.SYMBOLIC_LINK
                        : Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? EntryType.DIRECTORY
                        : Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? EntryType.REGULAR_FILE
                        : EntryType.OTHER);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
        Map<FactKind, Path> out = new java.util.EnumMap<>(FactKind.class);
        select(dir.toString(), entries).forEach((kind, name) -> out.put(kind, paths.get(name)));
        return out;
    }

    /**
     * The decision of {@link #files} on a listing: for a directory that is not on the local file system (a
     * distributed one lists its entries itself).
     *
     * @param dir     the directory as named in messages
     * @param entries the directory's own entries by name, in the order they are to be judged (sorted by name);
     *                entries whose name does not end in {@code .csv} (case aside) are left out
     * @return by kind, the name of its file
     * @throws FactException listing every problem
     */
    public static Map<FactKind, String> select(String dir, Map<String, EntryType> entries) {
        List<String> problems = new ArrayList<>();
        Map<FactKind, String> files = new java.util.EnumMap<>(FactKind.class);
        boolean any = false;
        for (Map.Entry<String, EntryType> e : entries.entrySet()) {
            String name = e.getKey();
            if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
                continue;
            }
            any = true;
            String stem = name.substring(0, name.length() - ".csv".length());
            FactKind kind = java.util.Arrays.stream(FactKind.values()).filter(k -> k.key().equalsIgnoreCase(stem))
                    .findFirst().orElse(null);
            if (kind == null) {
                problems.add(Shown.id(name) + ": unknown file (fact files are named " + knownFiles() + ")");
            } else if (e.getValue() == EntryType.SYMBOLIC_LINK) {
                problems.add(Shown.id(name) + ": a symbolic link; a fact file must be a regular file in the directory");
            } else if (e.getValue() == EntryType.DIRECTORY) {
                problems.add(Shown.id(name) + ": a directory; a fact file must be a regular file");
            } else if (e.getValue() != EntryType.REGULAR_FILE) {
                problems.add(Shown.id(name) + ": not a regular file; a fact file must be a regular file");
            } else if (files.containsKey(kind)) {
                problems.add(Shown.id(name) + ": a second file for " + kind.key() + ".csv (besides "
                        + Shown.id(files.get(kind)) + "; names differ only in case)");
            } else {
                files.put(kind, name);
            }
        }
        if (!any) {
            problems.add(dir + ": no fact files (" + knownFiles() + ")");
        }
        if (!problems.isEmpty()) {
            throw new FactException(problems);
        }
        return files;
    }

    private static String knownFiles() {
        return String.join(", ", Stream.of(FactKind.values()).map(k -> k.key() + ".csv").toList());
    }

    /**
     * The rows of one file: the facts with their lines, and the problems (none: every row was loaded). For readers
     * that gather a kind's facts from several formats (a folder of CSV files and workbooks).
     */
    public record FileResult(String name, List<Fact> facts, int[] lines, List<String> problems) {
    }

    /**
     * Reads one fact file of a known kind, with the checks of {@link #read}; the references between kinds are checked
     * when the facts are put together ({@link FactSet.Builder#add(Fact, String, int)}). The file is read as a stream
     * (a buffer of text at a time, never the whole file at once); {@code auto} reads it as UTF-8 and, at the first
     * bytes that are not UTF-8, reads it again from the start as GBK.
     */
    public static FileResult readFile(Path file, FactKind kind, String encoding, Progress progress,
                                       FactParser.Limits limits) {
        return readFile(file, kind, encoding, progress, limits, CsvParser.BUFFER, null);
    }

    /** {@link #readFile} with the tokenizer's buffer size (small in tests, so that reads end everywhere). */
    static FileResult readFile(Path file, FactKind kind, String encoding, Progress progress, FactParser.Limits limits,
                               int bufferSize) {
        return readFile(file, kind, encoding, progress, limits, bufferSize, null);
    }

    /** {@link #readFile}, members' ids held through {@code memberIds} (shared by the files of one load; null: not). */
    private static FileResult readFile(Path file, FactKind kind, String encoding, Progress progress,
                                       FactParser.Limits limits, int bufferSize,
                                       java.util.concurrent.ConcurrentMap<String, String> memberIds) {
        String name = Shown.id(file.getFileName().toString());
        List<String> problems = new ArrayList<>();
        List<Fact> facts = new ArrayList<>();
        int[][] lines = {new int[1024]};
        try {
            boolean auto = encoding == null || encoding.equalsIgnoreCase("auto");
            Charset cs = auto ? StandardCharsets.UTF_8 : charset(encoding);
            try {
                readRows(file, name, kind, cs, progress, problems, facts, lines, limits, bufferSize, memberIds);
            } catch (CharacterCodingException e) {
                // as if the whole file had been decoded first: what was read of it counts for nothing
                problems.clear();
                facts.clear();
                if (!auto) {
                    throw new FactException(file.getFileName() + ": the bytes are not valid " + cs.name()
                            + " (try --encoding auto or GBK)");
                }
                try {
                    readRows(file, name, kind, GBK, progress, problems, facts, lines, limits, bufferSize, memberIds);
                } catch (CharacterCodingException e2) {
                    problems.clear();
                    facts.clear();
                    throw new FactException(file.getFileName() + ":" + firstNonUtf8Line(file) + ": the bytes are neither UTF-8 nor GBK");
                }
            }
        } catch (FactException e) {
            problems.addAll(e.problems());
        }
        return new FileResult(name, facts, java.util.Arrays.copyOf(lines[0], facts.size()), problems);
    }

    private static Charset charset(String encoding) {
        try {
            return Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw new FactException("unknown encoding '" + encoding + "' (use UTF-8, GBK or auto)");
        }
    }

    /**
     * Reads the rows of a file in one charset, then the rest of its text (after a stop for too many problems),
     * so that bytes the charset refuses anywhere in the file are found as when the file was decoded at once.
     *
     * @throws CharacterCodingException at bytes that are not text in {@code cs}
     */
    private static void readRows(Path file, String name, FactKind kind, Charset cs, Progress progress,
                                 List<String> problems, List<Fact> facts, int[][] lines, FactParser.Limits limits,
                                 int bufferSize, java.util.concurrent.ConcurrentMap<String, String> memberIds)
            throws CharacterCodingException {
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            java.io.Reader reader = text(in, cs);
            CsvParser parser = new CsvParser(reader, name, bufferSize);
            readRows(parser, name, kind, progress, problems, facts, lines, limits, new FactParser.Canon(memberIds));
            parser.drain();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException c) {
                throw c;
            }
            throw new FactException(file.getFileName() + ": cannot read: " + e.getCause().getMessage());
        } catch (CharacterCodingException e) {
            throw e;
        } catch (IOException e) {
            throw new FactException(file.getFileName() + ": cannot read: " + e.getMessage());
        }
    }

    private static void readRows(CsvParser parser, String name, FactKind kind, Progress progress,
                                 List<String> problems, List<Fact> facts, int[][] lines, FactParser.Limits limits,
                                 FactParser.Canon canon) {
        Rows rows = new Rows(parser, name, kind, limits, canon, problems);
        long count = 0;
        for (Fact f = rows.next(); f != null; f = rows.next()) {
            facts.add(f);
            if (facts.size() > lines[0].length) {
                lines[0] = java.util.Arrays.copyOf(lines[0], lines[0].length * 2);
            }
            lines[0][facts.size() - 1] = rows.line();
            count++;
            if (progress != null && count % 100_000 == 0) {
                progress.read(name, count);
            }
        }
        if (progress != null) {
            progress.read(name, count);
        }
    }

    /** The text of a file's bytes in a charset, after a UTF-8 byte order mark if there is one; bad bytes throw. */
    private static java.io.Reader text(java.io.InputStream in, Charset cs) throws IOException {
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xff) == 0xef && (bom[1] & 0xff) == 0xbb && (bom[2] & 0xff) == 0xbf)) {
            in.reset();
        }
        return new java.io.InputStreamReader(in, cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /**
     * Opens one fact file of a known kind to read it a row at a time, with the checks of {@link #read} and in a
     * charset given (not {@code auto}: a reader that hands rows on as it goes cannot read a file again as GBK), for
     * readers that must not hold a whole file (the Flink job's source reads files of tens of millions of rows).
     * A row with a problem is not returned; its problem is in {@link Rows#problems()}, and the reading stops after 50.
     *
     * @throws FactException when the file cannot be opened
     */
    public static Rows open(Path file, FactKind kind, Charset charset, FactParser.Limits limits) {
        String name = Shown.id(file.getFileName().toString());
        java.io.InputStream in = null;
        try {
            in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
            java.io.Reader reader = text(in, charset);
            return new Rows(new CsvParser(reader, name, CsvParser.BUFFER), name, kind, limits,
                    new FactParser.Canon(null), new ArrayList<>(), in, file, charset);
        } catch (FactException e) {
            closeQuietly(in);
            throw e;
        } catch (IOException e) {
            closeQuietly(in);
            throw new FactException(file.getFileName() + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * The charset to {@link #open} a file in: the encoding named, or for {@code auto} (or null) UTF-8 unless some
     * bytes of the file are not UTF-8, then GBK (what {@link #read} does, decided before the reading: one or two more
     * passes); bytes that are neither refuse the file with {@link #read}'s message.
     *
     * @throws FactException for an unknown encoding or a file that cannot be read
     */
    public static Charset charsetOf(Path file, String encoding) {
        if (encoding != null && !encoding.equalsIgnoreCase("auto")) {
            return charset(encoding);
        }
        if (decodes(file, StandardCharsets.UTF_8)) {
            return StandardCharsets.UTF_8;
        }
        if (decodes(file, GBK)) {
            return GBK;
        }
        throw new FactException(file.getFileName() + ":" + firstNonUtf8Line(file) + ": the bytes are neither UTF-8 nor GBK");
    }

    /** Whether the whole file is text in the charset (read once, a buffer at a time). */
    private static boolean decodes(Path file, Charset cs) {
        try (java.io.Reader r = text(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16), cs)) {
            char[] buf = new char[1 << 16];
            while (r.read(buf) >= 0) {
                // decoding is the check
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        } catch (IOException e) {
            throw new FactException(file.getFileName() + ": cannot read: " + e.getMessage());
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // the reading failed already
            }
        }
    }

    /**
     * The data rows of one fact file, a row at a time: the header is checked first (a bad header is a problem and
     * no row follows), then each row is parsed as {@link #read} parses it.
     */
    public static final class Rows implements AutoCloseable {
        private final CsvParser parser;
        private final String name;
        private final FactKind kind;
        private final FactParser.Limits limits;
        private final FactParser.Canon canon;
        private final List<String> problems;
        private final List<String> header;
        private int[] columns;
        private int line;
        private boolean done;
        /** The file a reader from {@link #open} reads, its charset and stream (null for readFile's own readers). */
        private final java.io.Closeable source;
        private final Path file;
        private final Charset charset;

        private Rows(CsvParser parser, String name, FactKind kind, FactParser.Limits limits, FactParser.Canon canon,
                     List<String> problems) {
            this(parser, name, kind, limits, canon, problems, null, null, null);
        }

        private Rows(CsvParser parser, String name, FactKind kind, FactParser.Limits limits, FactParser.Canon canon,
                     List<String> problems, java.io.Closeable source, Path file, Charset charset) {
            this.parser = parser;
            this.name = name;
            this.kind = kind;
            this.limits = limits;
            this.canon = canon;
            this.problems = problems;
            this.source = source;
            this.file = file;
            this.charset = charset;
            List<String> h;
            try {
                h = header();
            } catch (UncheckedIOException e) {
                throw unreadable(e);
            }
            this.header = h;
            this.done = header == null;
        }

        /** What a reader from {@link #open} says of bytes it cannot read (readFile's own readers: as they are). */
        private RuntimeException unreadable(UncheckedIOException e) {
            if (file == null) {
                return e; // readFile's own handling (auto: read again as GBK)
            }
            if (e.getCause() instanceof CharacterCodingException) {
                return new FactException(file.getFileName() + ": the bytes are not valid " + charset.name()
                        + " (try --encoding auto or GBK)");
            }
            return new FactException(file.getFileName() + ": cannot read: " + e.getCause().getMessage());
        }

        private List<String> header() {
            List<String> first = parser.next();
            if (first == null) {
                problems.add(name + ":1: empty file: expected a header row");
                return null;
            }
            List<String> h = new ArrayList<>(first); // the parser reuses its list for the next record
            List<String> fields = FactParser.fieldNames(kind);
            Set<String> seen = new HashSet<>();
            for (String f : h) {
                if (!fields.contains(f)) {
                    problems.add(name + ":1: bad header: unknown field '" + Shown.id(f) + "' (fields: " + String.join(", ", fields) + ")");
                    return null;
                }
                if (!seen.add(f)) {
                    problems.add(name + ":1: bad header: field '" + f + "' appears twice");
                    return null;
                }
            }
            if (!h.contains("id")) {
                problems.add(name + ":1: bad header: no 'id' column");
                return null;
            }
            columns = FactParser.columns(kind, h);
            return h;
        }

        /**
         * The next fact of the file, or null at its end (or after 50 problems). In a reader from {@link #open},
         * bytes that are not text in its charset end the reading with a {@link FactException}.
         */
        public Fact next() {
            try {
                return nextRow();
            } catch (UncheckedIOException e) {
                throw unreadable(e);
            }
        }

        private Fact nextRow() {
            while (!done) {
                List<String> row;
                try {
                    row = parser.next();
                } catch (FactException e) {
                    problems.add(e.getMessage());
                    done = true;
                    return null;
                }
                if (row == null) {
                    done = true;
                    return null;
                }
                int at = parser.recordLine();
                Fact fact = null;
                if (parser.blank()) {
                    if (parser.restIsBlank()) {
                        done = true; // blank lines at the end of the file
                        return null;
                    }
                    problems.add(name + ":" + at + ": blank line (blank lines are allowed only at the end of the file)");
                } else if (row.size() != header.size()) {
                    problems.add(name + ":" + at + ": expected " + header.size() + " fields as in the header, got " + row.size());
                } else {
                    try {
                        fact = FactParser.parseRow(kind, columns, row, name, at, canon, limits);
                    } catch (FactException e) {
                        problems.add(e.getMessage());
                    }
                }
                if (problems.size() >= MAX_PROBLEMS) {
                    problems.add(name + ": stopped after " + MAX_PROBLEMS + " problems");
                    done = true;
                    return null;
                }
                if (fact != null) {
                    line = at;
                    return fact;
                }
            }
            return null;
        }

        /** The line of the fact {@link #next} returned last. */
        public int line() {
            return line;
        }

        /** The file's name as messages show it. */
        public String name() {
            return name;
        }

        /** The problems met so far ({@code members.csv:12: …}); none when every row so far was loaded. */
        public List<String> problems() {
            return problems;
        }

        /** Closes the file of a reader from {@link #open}. */
        @Override
        public void close() {
            closeQuietly(source);
        }
    }

    /** The line of the first byte that is not UTF-8 (an error path only: reads the whole file). */
    private static int firstNonUtf8Line(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FactException(file.getFileName() + ": cannot read: " + e.getMessage());
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, true);
        int line = 1;
        for (int i = start; i < in.position(); i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Writes facts as an export directory (UTF-8, no BOM), one file per kind that has facts. */
    public static void write(Collection<? extends Fact> facts, Path dir) {
        try (Writer w = new Writer(dir)) {
            facts.forEach(w);
        }
    }

    /** Writes facts to an export directory as they come, one open file per kind: memory stays small. */
    public static final class Writer implements java.util.function.Consumer<Fact>, AutoCloseable {
        private final Path dir;
        private final Map<FactKind, BufferedWriter> writers = new LinkedHashMap<>();

        public Writer(Path dir) {
            this.dir = dir;
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void accept(Fact f) {
            try {
                FactKind kind = FactKind.of(f);
                BufferedWriter w = writers.get(kind);
                if (w == null) {
                    w = Files.newBufferedWriter(dir.resolve(kind.key() + ".csv"), StandardCharsets.UTF_8);
                    w.write(String.join(",", FactParser.fieldNames(kind)));
                    w.write('\n');
                    writers.put(kind, w);
                }
                writeRow(w, FactParser.format(f).values());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                for (BufferedWriter w : writers.values()) {
                    w.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes one CSV row, quoting where needed. */
    public static void writeRow(Appendable w, Collection<String> values) throws IOException {
        boolean first = true;
        for (String v : values) {
            if (!first) {
                w.append(',');
            }
            first = false;
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                w.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                w.append(v);
            }
        }
        w.append('\n');
    }

    /**
     * RFC 4180 records with the line each starts on, read from a stream through a buffer of text: an unquoted field
     * is cut out of the buffer as it stands (no copy character by character); only a quoted field is rebuilt (its
     * doubled quotes undone). A field that does not fit the buffer grows it.
     */
    static final class CsvParser {
        /** Characters read at a time. */
        static final int BUFFER = 1 << 16;
        private final java.io.Reader in;
        private final String name;
        private char[] buf;
        private int pos;
        private int limit;
        /** Where the field being cut starts in {@code buf}, kept when the buffer is refilled; -1 when none. */
        private int mark = -1;
        private boolean eof;
        private int line = 1;
        private int recordLine = 1;
        private boolean blank;
        private final List<String> record = new ArrayList<>(16);

        CsvParser(String text, String name) {
            this(new java.io.StringReader(text), name, BUFFER);
        }

        CsvParser(java.io.Reader in, String name, int bufferSize) {
            this.in = in;
            this.name = name;
            this.buf = new char[Math.max(1, bufferSize)];
        }

        int recordLine() {
            return recordLine;
        }

        /** Whether the last record was an empty line (not even {@code ""}). */
        boolean blank() {
            return blank;
        }

        /**
         * Whether {@code buf[pos]} holds a character, reading more text when it does not; false at the end. Keeps
         * {@code buf[mark..limit)} (moved to the front, {@code mark} and {@code pos} with it).
         *
         * @throws UncheckedIOException when reading fails (a {@link CharacterCodingException} for bytes that are not
         *                              text in the file's charset)
         */
        private boolean more() {
            if (pos < limit) {
                return true;
            }
            if (eof) {
                return false;
            }
            int keep = mark >= 0 ? mark : pos;
            if (keep > 0) {
                System.arraycopy(buf, keep, buf, 0, limit - keep);
                limit -= keep;
                pos -= keep;
                if (mark >= 0) {
                    mark -= keep;
                }
            }
            if (limit == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            int n;
            try {
                do {
                    n = in.read(buf, limit, buf.length - limit);
                } while (n == 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (n < 0) {
                eof = true;
                return false;
            }
            limit += n;
            return true;
        }

        /** Whether only line breaks are left (reads ahead over them, and gives them back to {@link #next}). */
        boolean restIsBlank() {
            mark = pos;
            try {
                while (more()) {
                    char c = buf[pos];
                    if (c != '\n' && c != '\r') {
                        return false;
                    }
                    pos++;
                }
                return true;
            } finally {
                pos = mark;
                mark = -1;
            }
        }

        /** Reads the rest of the text without tokenizing it (so that its bytes are decoded and checked). */
        void drain() {
            mark = -1;
            while (more()) {
                pos = limit;
            }
        }

        /** The next record, or null at the end: one list, reused by the next call (a list less per row). */
        List<String> next() {
            if (!more()) {
                return null;
            }
            recordLine = line;
            char first = buf[pos];
            blank = first == '\n' || first == '\r';
            List<String> out = record;
            out.clear();
            while (true) {
                if (more() && buf[pos] == '"') {
                    out.add(quoted());
                } else {
                    mark = pos;
                    scan:
                    while (true) {
                        for (; pos < limit; pos++) {
                            char c = buf[pos];
                            if (c == ',' || c == '\n' || c == '\r') {
                                break scan;
                            }
                        }
                        if (!more()) {
                            break;
                        }
                    }
                    out.add(new String(buf, mark, pos - mark));
                    mark = -1;
                }
                if (!more()) {
                    return out;
                }
                char c = buf[pos++];
                if (c == ',') {
                    continue;
                }
                if (c == '\r' && more() && buf[pos] == '\n') {
                    pos++;
                }
                line++;
                return out;
            }
        }

        /** A quoted field from its opening quote on; leaves {@code pos} on what follows the closing quote. */
        private String quoted() {
            pos++;
            StringBuilder cur = new StringBuilder();
            while (true) {
                if (!more()) {
                    throw new FactException(name + ":" + recordLine + ": a quoted field is never closed");
                }
                char c = buf[pos++];
                if (c == '"') {
                    if (more() && buf[pos] == '"') {
                        cur.append('"');
                        pos++;
                    } else {
                        break;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cur.append(c);
                }
            }
            if (more()) {
                char c = buf[pos];
                if (c != ',' && c != '\n' && c != '\r') {
                    throw new FactException(name + ":" + line + ": text after a closing quote");
                }
            }
            return cur.toString();
        }
    }
}
