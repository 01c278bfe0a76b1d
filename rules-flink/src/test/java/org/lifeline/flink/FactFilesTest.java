package org.lifeline.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactKind;

/**
 * The export's source reads a file a batch at a time, never whole, and a restored reader goes on after the rows it
 * emitted before the checkpoint, without losing or repeating one.
 */
class FactFilesTest {

    private static final Path MEMBERS = Fixtures.SAMPLE.resolve("members.csv");

    private static FileSourceSplit split(Path file) throws Exception {
        return new FileSourceSplit("0", new org.apache.flink.core.fs.Path(file.toUri()), 0, Files.size(file),
                0, Files.size(file));
    }

    /** Every batch the reader hands on, with the position after each row. */
    private static List<List<RecordAndPosition<FactRow>>> batches(BulkFormat.Reader<FactRow> reader) throws Exception {
        List<List<RecordAndPosition<FactRow>>> out = new ArrayList<>();
        try (reader) {
            for (BulkFormat.RecordIterator<FactRow> it = reader.readBatch(); it != null; it = reader.readBatch()) {
                List<RecordAndPosition<FactRow>> batch = new ArrayList<>();
                for (RecordAndPosition<FactRow> r = it.next(); r != null; r = it.next()) {
                    batch.add(new RecordAndPosition<>(r.getRecord(), r.getOffset(), r.getRecordSkipCount()));
                }
                it.releaseBatch();
                out.add(batch);
            }
        }
        return out;
    }

    @Test
    void aFileIsHandedOnABatchAtATimeInFileOrderWithItsLines() throws Exception {
        CsvFacts.FileResult whole = CsvFacts.readFile(MEMBERS, FactKind.MEMBERS, "UTF-8", null,
                org.lifeline.fact.FactParser.Limits.DEFAULT);
        assertThat(whole.facts().size()).as("the sample's members span several batches").isGreaterThan(2 * FactFiles.BATCH);

        List<List<RecordAndPosition<FactRow>>> batches =
                batches(new FactFiles("UTF-8").createReader(new Configuration(), split(MEMBERS)));

        assertThat(batches).allSatisfy(b -> assertThat(b.size()).isLessThanOrEqualTo(FactFiles.BATCH));
        List<FactRow> rows = batches.stream().flatMap(List::stream).map(RecordAndPosition::getRecord).toList();
        assertThat(rows).hasSize(whole.facts().size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).fact()).isEqualTo(whole.facts().get(i));
            assertThat(rows.get(i).seq).isEqualTo(FactFiles.seq(FactKind.MEMBERS, whole.lines()[i]));
        }
        List<Long> positions = batches.stream().flatMap(List::stream).map(RecordAndPosition::getRecordSkipCount).toList();
        assertThat(positions.get(0)).isEqualTo(1);
        assertThat(positions.get(positions.size() - 1)).isEqualTo(rows.size());
    }

    @Test
    void aRestoredReaderGoesOnAfterTheRowsEmittedBeforeTheCheckpoint() throws Exception {
        List<FactRow> all = batches(new FactFiles("UTF-8").createReader(new Configuration(), split(MEMBERS)))
                .stream().flatMap(List::stream).map(RecordAndPosition::getRecord).toList();
        long emitted = FactFiles.BATCH + 17;

        FileSourceSplit restored = split(MEMBERS).updateWithCheckpointedPosition(
                new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, emitted));
        List<List<RecordAndPosition<FactRow>>> rest =
                batches(new FactFiles("UTF-8").restoreReader(new Configuration(), restored));

        List<FactRow> after = rest.stream().flatMap(List::stream).map(RecordAndPosition::getRecord).toList();
        assertThat(after).hasSize(all.size() - (int) emitted);
        assertThat(after.get(0).seq).isEqualTo(all.get((int) emitted).seq);
        assertThat(rest.get(0).get(0).getRecordSkipCount()).as("positions count the rows before the checkpoint")
                .isEqualTo(emitted + 1);
    }

    @Test
    void aBadRowFailsTheReadingWithItsFileAndLineAfterTheRowsBefore(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(MEMBERS));
        lines.set(FactFiles.BATCH + 100, lines.get(FactFiles.BATCH + 100) + ",one field too many");
        Path file = dir.resolve("members.csv");
        Files.write(file, lines);

        assertThatThrownBy(() -> batches(new FactFiles("UTF-8").createReader(new Configuration(), split(file))))
                .isInstanceOf(FactException.class)
                .hasMessageContaining("members.csv:" + (FactFiles.BATCH + 101) + ": expected");
    }

    @Test
    void autoReadsAFileThatIsNotUtf8AsGbk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("organizations.csv");
        Files.write(file, Files.readString(Fixtures.SAMPLE.resolve("organizations.csv")).getBytes(Charset.forName("GBK")));

        List<FactRow> gbk = batches(new FactFiles("auto").createReader(new Configuration(), split(file)))
                .stream().flatMap(List::stream).map(RecordAndPosition::getRecord).toList();
        List<FactRow> utf8 = batches(new FactFiles("UTF-8").createReader(new Configuration(),
                split(Fixtures.SAMPLE.resolve("organizations.csv")))).stream().flatMap(List::stream)
                .map(RecordAndPosition::getRecord).toList();

        assertThat(gbk).hasSameSizeAs(utf8);
        assertThat(gbk.get(gbk.size() - 1).fact()).isEqualTo(utf8.get(utf8.size() - 1).fact());
        assertThatThrownBy(() -> batches(new FactFiles("UTF-8").createReader(new Configuration(), split(file))))
                .isInstanceOf(FactException.class).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void autoRefusesBytesThatAreNeitherUtf8NorGbkWithTheSingleMachinesMessage(@TempDir Path dir) throws Exception {
        byte[] text = Files.readAllBytes(Fixtures.SAMPLE.resolve("organizations.csv"));
        int third = 0;
        for (int i = 0, newlines = 0; i < text.length && newlines < 2; i++) {
            if (text[i] == '\n') {
                newlines++;
                third = i + 1;
            }
        }
        text[third] = (byte) 0xFF; // the first byte of line 3: not UTF-8, not GBK
        Path file = dir.resolve("organizations.csv");
        Files.write(file, text);

        assertThatThrownBy(() -> batches(new FactFiles("auto").createReader(new Configuration(), split(file))))
                .isInstanceOf(FactException.class).hasMessage("organizations.csv:3: the bytes are neither UTF-8 nor GBK");
    }
}
