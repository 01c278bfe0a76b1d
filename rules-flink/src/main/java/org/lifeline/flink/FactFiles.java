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
 * CSV reader ({@link CsvFacts#readFile}: header, field and row checks as on one machine) where the split is
 * assigned, and turned into unrouted {@link FactRow}s (no key yet). A file with a bad row fails the job with the
 * reader's messages ({@code members.csv:12: …}, at most 50); no row is dropped. A {@code .csv} file whose name is
 * no fact kind fails the job too; other files are left, as {@link CsvFacts#read} leaves them. The references between kinds are checked by each top unit's key on its facts (strict).
 *
 * <p>A row's {@code seq} is its kind's place in {@link FactKind} and its line ({@code ordinal << 40 | line}), so that
 * every key inserts its facts in the order a single machine does (kind by kind, file order), whatever the
 * parallelism. Files on a file system other than the local one are copied to a local temporary file first (the
 * reader reads a local file).
 */
final class FactFiles implements BulkFormat<FactRow, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    private final String encoding;

    private FactFiles(String encoding) {
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
        String name = path.getName();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return List.of(); // not a fact file (waivers.yaml, a README…): CsvFacts.read leaves it too
        }
        String stem = name.substring(0, name.length() - 4);
        FactKind kind = Arrays.stream(FactKind.values())
                .filter(k -> k.key().equalsIgnoreCase(stem)).findFirst().orElse(null);
        if (kind == null) {
            throw new FactException(Shown.id(name) + ": unknown file (fact files are named "
                    + String.join(", ", Arrays.stream(FactKind.values()).map(k -> k.key() + ".csv").toList()) + ")");
        }
        Path local;
        Path temp = null;
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
        CsvFacts.FileResult r;
        try {
            r = CsvFacts.readFile(local, kind, encoding, null, FactParser.Limits.DEFAULT);
        } finally {
            if (temp != null) {
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
            rows.add(FactRow.of(null, f, seq(kind, line), kind == FactKind.ORGANIZATIONS ? r.name() + ":" + line : null));
        }
        return rows;
    }
}
