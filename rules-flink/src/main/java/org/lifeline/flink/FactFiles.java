package org.lifeline.flink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
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
 * split, read by the project's CSV reader ({@link CsvFacts#readFile}: header, field and row checks as on one
 * machine) where the split is assigned, and turned into unrouted {@link FactRow}s (no key yet), each with its file
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

    private FactFiles(String encoding) {
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
        return new FileReader(split, 0);
    }

    @Override
    public Reader<FactRow> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long skip = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        return new FileReader(split, skip);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<FactRow> getProducedType() {
        return TypeInformation.of(FactRow.class);
    }

    /** Reads one whole file on the first batch; none after. */
    private final class FileReader implements Reader<FactRow> {
        private final FileSourceSplit split;
        private final long skip;
        private boolean done;

        FileReader(FileSourceSplit split, long skip) {
            this.split = split;
            this.skip = skip;
        }

        @Override
        public RecordIterator<FactRow> readBatch() throws IOException {
            if (done) {
                return null;
            }
            done = true;
            List<FactRow> rows = read(split.path());
            Iterator<FactRow> it = rows.iterator();
            for (long i = 0; i < skip && it.hasNext(); i++) {
                it.next();
            }
            return new IteratorResultIterator<>(it, CheckpointedPosition.NO_OFFSET, skip);
        }

        @Override
        public void close() {
        }
    }

    private List<FactRow> read(org.apache.flink.core.fs.Path path) throws IOException {
        boolean local = !path.getFileSystem().isDistributedFS() && "file".equals(Optional.ofNullable(
                path.toUri().getScheme()).orElse("file"));
        return read(path, !local, encoding);
    }

    /**
     * The rows of one fact file (its name is a fact kind's: {@link #files} chose it); {@code copy}: read from a
     * copy in a local temporary directory, under the file's own name.
     */
    static List<FactRow> read(org.apache.flink.core.fs.Path path, boolean copy, String encoding) throws IOException {
        String name = path.getName();
        String stem = name.substring(0, name.length() - 4);
        FactKind kind = Arrays.stream(FactKind.values()).filter(k -> k.key().equalsIgnoreCase(stem)).findFirst()
                .orElseThrow(() -> new IllegalStateException("not a fact file: " + Shown.id(name)));
        Path file;
        Path temp = null;
        if (copy) {
            temp = Files.createTempDirectory("lifeline-");
            file = temp.resolve(name);
            try (InputStream in = path.getFileSystem().open(path)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } else {
            file = Path.of(path.toUri());
        }
        CsvFacts.FileResult r;
        try {
            r = CsvFacts.readFile(file, kind, encoding, null, FactParser.Limits.DEFAULT);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(temp);
            }
        }
        if (!r.problems().isEmpty()) {
            throw new FactException(r.problems());
        }
        List<FactRow> rows = new ArrayList<>(r.facts().size());
        for (int i = 0; i < r.facts().size(); i++) {
            Fact f = r.facts().get(i);
            int line = r.lines()[i];
            rows.add(FactRow.of(null, f, seq(kind, line), r.name(), line));
        }
        return rows;
    }
}
