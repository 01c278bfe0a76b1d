package org.lifeline.flink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactParser;
import org.lifeline.fact.Shown;

/**
 * The CSV export as a Flink {@link FileSource}: the files are those {@link CsvFacts#read} reads, decided where the
 * job is built ({@link CsvFacts#files}: the directory's own {@code .csv} files, one per fact kind; a name that is no
 * fact kind, a second file for one kind, a file that is no regular file or a directory without fact files refuse
 * the export there, with the single machine's messages) and given to the source one by one. Each file is one
 * split, read by the project's CSV reader ({@link CsvFacts#open}: header, field and row checks as on one
 * machine) where the split is assigned, a batch of {@value #BATCH} rows at a time (never held whole; with {@code
 * auto} its charset is decided first, {@link CsvFacts#charsetOf}: one more pass over the file), and turned into unrouted {@link FactRow}s (no key yet), each with its file
 * and line. A file with a bad row fails the job with the reader's messages ({@code members.csv:12: …}, at most 50);
 * no row is dropped. The references between kinds are checked by each top unit's key on its facts (strict).
 *
 * <p>A row's {@code seq} is its kind's place in {@link FactKind} and its line ({@code ordinal << 40 | line}), so that
 * every key inserts its facts in the order a single machine does (kind by kind, file order), whatever the
 * parallelism. Files on a file system other than the local one are copied first to a local temporary directory,
 * under their own name (the reader reads a local file, and its messages name the export's file).
 */
final class FactFiles implements BulkFormat<FactRow, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    private final String encoding;

    FactFiles(String encoding) {
        this.encoding = encoding;
    }

    /**
     * The export's facts, unrouted.
     *
     * @throws FactException when the directory is no export, as {@link CsvFacts#read} refuses it
     */
    static DataStream<FactRow> source(StreamExecutionEnvironment env, String dir, String encoding) {
        FileSource<FactRow> source = FileSource.forBulkFileFormat(new FactFiles(encoding),
                files(dir).toArray(org.apache.flink.core.fs.Path[]::new)).build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "CSV export");
    }

    /**
     * The fact files of an export, in kind order: on the local file system as {@link CsvFacts#files} selects them;
     * on another (a URI such as {@code hdfs://…}) listed through Flink's file system and selected by the same
     * decision ({@link CsvFacts#select}).
     */
    static List<org.apache.flink.core.fs.Path> files(String dir) {
        org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(dir);
        String scheme = root.toUri().getScheme();
        if (scheme == null || scheme.equals("file")) {
            Path local = scheme == null ? Path.of(dir) : Path.of(root.toUri());
            return CsvFacts.files(local).values().stream()
                    .map(p -> new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri())).toList();
        }
        try {
            FileSystem fs = root.getFileSystem();
            if (!fs.exists(root) || !fs.getFileStatus(root).isDir()) {
                throw new FactException(dir + ": no such directory");
            }
            Map<String, CsvFacts.EntryType> entries = new TreeMap<>();
            for (FileStatus f : fs.listStatus(root)) {
                entries.put(f.getPath().getName(), f.isDir() ? CsvFacts.EntryType.DIRECTORY : CsvFacts.EntryType.REGULAR_FILE);
            }
            return CsvFacts.select(dir, entries).values().stream().map(n -> new org.apache.flink.core.fs.Path(root, n))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    /** The seq of a row: its kind's place, then its line. */
    static long seq(FactKind kind, long line) {
        return ((long) kind.ordinal() << 40) | line;
    }

    @Override
    public Reader<FactRow> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new FileReader(split.path(), 0, remote(split.path()));
    }

    @Override
    public Reader<FactRow> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long skip = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        return new FileReader(split.path(), skip, remote(split.path()));
    }

    /** Whether a file lies on a file system other than the local one (then read from a local copy). */
    private static boolean remote(org.apache.flink.core.fs.Path path) throws IOException {
        return path.getFileSystem().isDistributedFS() || !"file".equals(Optional.ofNullable(path.toUri().getScheme())
                .orElse("file"));
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<FactRow> getProducedType() {
        return TypeInformation.of(FactRow.class);
    }

    /** Rows handed on per batch: a file is read as it is emitted, never held whole. */
    static final int BATCH = 4096;

    /**
     * Reads one file a batch of rows at a time ({@link CsvFacts#open}), so that a task holds at most one batch of a
     * file whatever its size (a whole {@code feePayments.csv} of four provinces, 39 M rows, was 10 GB of objects).
     * A restored reader skips the rows emitted before the checkpoint. A file with problems fails the job at its end,
     * with the reader's messages (at most 50), as on one machine.
     */
    private final class FileReader implements Reader<FactRow> {
        private final org.apache.flink.core.fs.Path path;
        private final boolean copy;
        private long skip;
        private long emitted;
        private Path temp;
        private CsvFacts.Rows rows;
        private FactKind kind;
        private boolean done;

        FileReader(org.apache.flink.core.fs.Path path, long skip, boolean copy) {
            this.path = path;
            this.skip = skip;
            this.copy = copy;
        }

        @Override
        public RecordIterator<FactRow> readBatch() throws IOException {
            if (done) {
                return null;
            }
            if (rows == null) {
                open(path);
            }
            List<FactRow> batch = new ArrayList<>(BATCH);
            long start = emitted;
            while (batch.size() < BATCH) {
                Fact f = rows.next();
                if (f == null) {
                    done = true;
                    break;
                }
                if (skip > 0) {
                    skip--;
                    emitted++;
                    start = emitted;
                    continue;
                }
                int line = rows.line();
                batch.add(FactRow.of(null, f, seq(kind, line), rows.name(), line));
                emitted++;
            }
            if (done && !rows.problems().isEmpty()) {
                throw new FactException(rows.problems());
            }
            return new IteratorResultIterator<>(batch.iterator(), CheckpointedPosition.NO_OFFSET, start);
        }

        /** Opens the file's rows (its name is a fact kind's: {@link #files} chose it). */
        private void open(org.apache.flink.core.fs.Path path) throws IOException {
            String name = path.getName();
            String stem = name.substring(0, name.length() - 4);
            kind = Arrays.stream(FactKind.values()).filter(k -> k.key().equalsIgnoreCase(stem)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("not a fact file: " + Shown.id(name)));
            Path file;
            if (copy) {
                temp = Files.createTempDirectory("lifeline-");
                file = temp.resolve(name);
                try (InputStream in = path.getFileSystem().open(path)) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                file = Path.of(path.toUri());
            }
            rows = CsvFacts.open(file, kind, CsvFacts.charsetOf(file, encoding), FactParser.Limits.DEFAULT);
        }

        @Override
        public void close() throws IOException {
            if (rows != null) {
                rows.close();
            }
            if (temp != null) {
                try (java.util.stream.Stream<Path> in = Files.list(temp)) {
                    for (Path p : in.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * All the rows of one fact file, through the same reader as the source ({@code copy}: read from a copy in a
     * local temporary directory, under the file's own name): for tests and benchmarks that want a file's rows.
     */
    static List<FactRow> read(org.apache.flink.core.fs.Path path, boolean copy, String encoding) throws IOException {
        List<FactRow> out = new ArrayList<>();
        FactFiles format = new FactFiles(encoding);
        try (Reader<FactRow> reader = format.new FileReader(path, 0, copy)) {
            for (RecordIterator<FactRow> it = reader.readBatch(); it != null; it = reader.readBatch()) {
                for (org.apache.flink.connector.file.src.util.RecordAndPosition<FactRow> r = it.next(); r != null;
                     r = it.next()) {
                    out.add(r.getRecord());
                }
                it.releaseBatch();
            }
        }
        return out;
    }
}
