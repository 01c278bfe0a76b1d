package org.lifeline.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactParser;

/** Writes facts to an export directory as they come, one open file per kind. */
public final class StreamingCsvWriter implements Consumer<Fact>, AutoCloseable {

    private final Path dir;
    private final Map<FactKind, BufferedWriter> writers = new EnumMap<>(FactKind.class);

    public StreamingCsvWriter(Path dir) {
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
            CsvFacts.writeRow(w, FactParser.format(f).values());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        for (BufferedWriter w : writers.values()) {
            w.close();
        }
    }
}
