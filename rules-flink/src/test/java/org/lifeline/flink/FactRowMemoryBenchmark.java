package org.lifeline.flink;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * What the origin costs a row that a stage holds: the rows of one export file are serialised by Flink's POJO
 * serializer and deserialised again, as a task receives them, and kept (as a stage's keyed state keeps them on the
 * heap), in three forms: without an origin (as the job's member rows were), with their file and line as received,
 * and with their file and line after {@link FactRow#held} (the kind's and the file's names shared). Prints the heap
 * retained per row (used heap after a GC, with the rows kept, less before) and the serialised bytes per row; the
 * median of several runs. Not a test: rules-flink/README.md ("How facts are routed") quotes the command.
 *
 * <p>Arguments: a fact file of an export (e.g. {@code members.csv}), runs (5).
 */
public final class FactRowMemoryBenchmark {

    private FactRowMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        org.apache.flink.core.fs.Path file = new org.apache.flink.core.fs.Path(java.nio.file.Path.of(args[0])
                .toAbsolutePath().toUri());
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        TypeSerializer<FactRow> serializer = TypeInformation.of(FactRow.class)
                .createSerializer(new SerializerConfigImpl());
        List<FactRow> read = FactFiles.read(file, false, "UTF-8");
        int n = read.size();
        String[] forms = {"no origin", "file and line", "file and line, held"};
        byte[][] wire = new byte[2][];
        for (int w = 0; w < 2; w++) {
            DataOutputSerializer out = new DataOutputSerializer(1 << 20);
            for (FactRow r : read) {
                FactRow s = r.to(null);
                if (w == 0) {
                    s.origin = null;
                    s.line = -1;
                }
                serializer.serialize(s, out);
            }
            wire[w] = out.getCopyOfBuffer();
        }
        read = null;
        System.out.printf("%s: %,d rows; serialised %.1f bytes a row without origin, %.1f with file and line%n",
                args[0], n, (double) wire[0].length / n, (double) wire[1].length / n);
        double[][] perRow = new double[forms.length][runs];
        for (int run = 0; run < runs; run++) {
            for (int form = 0; form < forms.length; form++) {
                long before = usedAfterGc();
                List<FactRow> kept = new ArrayList<>(n);
                DataInputDeserializer in = new DataInputDeserializer(wire[form == 0 ? 0 : 1]);
                for (int i = 0; i < n; i++) {
                    FactRow r = serializer.deserialize(in);
                    kept.add(form == 2 ? r.held() : r);
                }
                long after = usedAfterGc();
                perRow[form][run] = (double) (after - before) / n;
                if (kept.size() != n) {
                    throw new IllegalStateException("lost rows");
                }
                kept = null;
            }
        }
        for (int form = 0; form < forms.length; form++) {
            double[] v = perRow[form].clone();
            java.util.Arrays.sort(v);
            System.out.printf("  %-22s %.1f bytes a row held (median of %d; runs %s)%n", forms[form] + ":",
                    v[runs / 2], runs, java.util.Arrays.toString(perRow[form]));
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
