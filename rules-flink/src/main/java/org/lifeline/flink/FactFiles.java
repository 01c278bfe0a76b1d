package org.lifeline.flink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;
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
 * The CSV export as a Flink {@link FileSource}: each file ({@code members.csv}…) is one split, read by the project's
 * CSV reader ({@link CsvFacts#open}: header, field and row checks as on one machine) where the split is
 * assigned, and turned into unrouted {@link FactRow}s (no key yet). A file with a bad row fails the job with the
 * reader's messages ({@code members.csv:12: …}, at most 50); no row is dropped. A {@code .csv} file whose name is
 * no fact kind fails the job too; other files are left, as {@link CsvFacts#read} leaves them. The references between kinds are checked by each top unit's key on its facts (strict).
 *
 * <p>A file is read a batch of rows at a time ({@link #BATCH}), never held whole; with {@code auto} its charset is
 * decided before (UTF-8, or GBK at the first bytes that are not UTF-8: one more pass over the file).
 *
 * <p>A row's {@code seq} is its kind's place in {@link FactKind} and its line ({@code ordinal << 40 | line}), so that
 * every key inserts its facts in the order a single machine does (kind by kind, file order), whatever the
 * parallelism. Files on a file system other than the local one are copied to a local temporary file first (the
 * reader reads a local file).
 */
final class FactFiles implements BulkFormat<FactRow, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    private final String encoding;

    FactFiles(String encoding) {
        this.encoding = encoding;
    }

    /** The export's facts, unrouted. */
    static DataStream<FactRow> source(StreamExecutionEnvironment env, String dir, String encoding) {
        FileSource<FactRow> source = FileSource.forBulkFileFormat(new FactFiles(encoding),
                new org.apache.flink.core.fs.Path(dir)).build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "CSV export");
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

    /** Rows handed on per batch: a file is read as it is emitted, never held whole. */
    static final int BATCH = 4096;

    /**
     * Reads one file a batch of rows at a time ({@link CsvFacts#open}), so that a task holds at most one batch of a
     * file whatever its size (a whole {@code feePayments.csv} of four provinces, 39 M rows, was 10 GB of objects).
     * A restored reader skips the rows emitted before the checkpoint. A file with problems fails the job at its end,
     * with the reader's messages (at most 50), as on one machine.
     */
    private final class FileReader implements Reader<FactRow> {
        private final FileSourceSplit split;
        private long skip;
        private long emitted;
        private Path temp;
        private CsvFacts.Rows rows;
        private FactKind kind;
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
            if (rows == null && !open(split.path())) {
                done = true;
                return null;
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
                batch.add(FactRow.of(null, f, seq(kind, line),
                        kind == FactKind.ORGANIZATIONS ? rows.name() + ":" + line : null));
                emitted++;
            }
            if (done && !rows.problems().isEmpty()) {
                throw new FactException(rows.problems());
            }
            return new IteratorResultIterator<>(batch.iterator(), CheckpointedPosition.NO_OFFSET, start);
        }

        /** Opens the file's rows; false when it is not a fact file. */
        private boolean open(org.apache.flink.core.fs.Path path) throws IOException {
            String name = path.getName();
            if (!name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                return false; // not a fact file (waivers.yaml, a README…): CsvFacts.read leaves it too
            }
            String stem = name.substring(0, name.length() - 4);
            kind = Arrays.stream(FactKind.values())
                    .filter(k -> k.key().equalsIgnoreCase(stem)).findFirst().orElse(null);
            if (kind == null) {
                throw new FactException(Shown.id(name) + ": unknown file (fact files are named "
                        + String.join(", ", Arrays.stream(FactKind.values()).map(k -> k.key() + ".csv").toList()) + ")");
            }
            Path local;
            if (path.getFileSystem().isDistributedFS() || !"file".equals(Optional.ofNullable(path.toUri().getScheme())
                    .orElse("file"))) {
                temp = Files.createTempFile("lifeline-", "-" + name);
                try (InputStream in = FileSystem.get(path.toUri()).open(path)) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                }
                local = temp;
            } else {
                local = Path.of(path.toUri());
            }
            rows = CsvFacts.open(local, kind, CsvFacts.charsetOf(local, encoding), FactParser.Limits.DEFAULT);
            return true;
        }

        @Override
        public void close() throws IOException {
            if (rows != null) {
                rows.close();
            }
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
