package org.lifeline.excel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactParser;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Shown;

/**
 * Fact exports as the offices keep them: an Excel workbook ({@code .xlsx} or {@code .xls}) with one sheet per fact
 * kind, or a folder with one workbook (or CSV file) per kind. Sheets and columns are found through a
 * {@link ColumnMap} (Chinese headers such as {@code 团员编号}, or the contract's field names); every value goes
 * through the CSV reader's checks ({@link FactParser}).
 *
 * <p>Nothing is dropped silently: every data row is loaded or reported as {@code file:sheet:row:column} with its
 * field, never its value. Refused: sheets the column map does not know that hold anything, two sheets or files for
 * one kind ({@code members.csv} beside {@code members.xlsx}), unknown columns, values in columns without a header,
 * blank rows between data rows, merged cells, error values and formulas never computed (a formula's computed
 * value is read like a typed one). Numbers read as plain digits whatever the cell's format ({@code 440100000000},
 * never {@code 4.4E+11}); date cells read as dates; text dates as in CSV ({@code yyyy-MM-dd}).
 *
 * <p>Workbooks are streamed (POI's SAX reader for {@code .xlsx}, HSSF's event reader for {@code .xls}): besides the
 * facts, only a workbook's shared-string table and one row are held.
 */
public final class ExcelFacts {

    private static final int MAX_PROBLEMS = 50;

    private ExcelFacts() {
    }

    /** Whether a path names a workbook this reader takes ({@code .xlsx}, {@code .xls}). */
    public static boolean isWorkbook(Path path) {
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".xlsx") || n.endsWith(".xls");
    }

    /**
     * Whether a path is something to read with this class rather than {@link CsvFacts}: a workbook, or a folder
     * that holds one.
     */
    public static boolean handles(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                return s.anyMatch(ExcelFacts::isWorkbook);
            } catch (IOException e) {
                return false;
            }
        }
        return isWorkbook(path);
    }

    /**
     * Reads a workbook, or a folder of workbooks and CSV files (a folder of CSV files alone reads exactly as
     * {@link CsvFacts#read} does).
     *
     * @param encoding of CSV files in a folder: a charset name or {@code auto}
     * @param lenient  rows with dangling references are left out and listed in {@link CsvFacts.Loaded#rejected()}
     * @throws FactException listing the problems, each with file, sheet, row, column and field
     */
    public static CsvFacts.Loaded read(Path path, ColumnMap map, String encoding, CsvFacts.Progress progressOrNull,
                                       boolean lenient, FactParser.Limits limits) {
        // a workbook's sheets are read in parallel: progress is reported by one sheet at a time
        CsvFacts.Progress progress = progressOrNull == null ? null : (file, n) -> {
            synchronized (progressOrNull) {
                progressOrNull.read(file, n);
            }
        };
        List<String> problems = new ArrayList<>();
        Map<FactKind, String> sources = new EnumMap<>(FactKind.class);
        Map<FactKind, List<CsvFacts.FileResult>> tables = new EnumMap<>(FactKind.class);
        if (Files.isDirectory(path)) {
            List<Path> entries;
            try (Stream<Path> s = Files.list(path)) {
                entries = s.filter(p -> isWorkbook(p) || p.getFileName().toString().toLowerCase(Locale.ROOT)
                        .endsWith(".csv")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(path + ": " + e.getMessage(), e);
            }
            if (entries.stream().noneMatch(ExcelFacts::isWorkbook)) {
                return CsvFacts.read(path, encoding, progress, lenient, limits);
            }
            for (Path f : entries) {
                String name = Shown.id(f.getFileName().toString());
                String why = notAFile(f);
                if (name.startsWith("~$")) {
                    problems.add(name + ": an Excel lock file (close the workbook in Excel, then delete it)");
                } else if (why != null) {
                    problems.add(name + ": " + why);
                } else if (isWorkbook(f)) {
                    workbook(f, map, limits, progress, sources, tables, problems);
                } else {
                    csv(f, encoding, progress, limits, sources, tables, problems);
                }
            }
        } else if (!Files.exists(path)) {
            throw new FactException(path + ": no such file or directory");
        } else if (!isWorkbook(path)) {
            throw new FactException(Shown.id(path.getFileName().toString())
                    + ": not a workbook (.xlsx or .xls) nor a folder of fact files");
        } else {
            String why = notAFile(path);
            if (why != null) {
                throw new FactException(Shown.id(path.getFileName().toString()) + ": " + why);
            }
            workbook(path, map, limits, progress, sources, tables, problems);
        }
        if (problems.isEmpty() && tables.isEmpty()) {
            problems.add(path.getFileName() + ": no facts: no sheet is named for a fact kind (" + map.knownSheets() + ")");
        }
        if (!problems.isEmpty()) {
            throw new FactException(problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems);
        }
        FactSet.Builder builder = FactSet.builder().lenient(lenient);
        Map<String, Long> rows = new LinkedHashMap<>();
        for (List<CsvFacts.FileResult> parts : tables.values()) {
            for (CsvFacts.FileResult t : parts) {
                rows.put(t.name(), (long) t.facts().size());
                for (int i = 0; i < t.facts().size(); i++) {
                    builder.add(t.facts().get(i), t.name(), t.lines()[i]);
                }
            }
        }
        return new CsvFacts.Loaded(builder.build(), rows);
    }

    private static String notAFile(Path f) {
        if (Files.isSymbolicLink(f)) {
            return "a symbolic link; a fact file must be a regular file";
        }
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            return "not a regular file; a fact file must be a regular file";
        }
        return null;
    }

    private static void csv(Path f, String encoding, CsvFacts.Progress progress, FactParser.Limits limits,
                            Map<FactKind, String> sources, Map<FactKind, List<CsvFacts.FileResult>> tables,
                            List<String> problems) {
        String name = Shown.id(f.getFileName().toString());
        String stem = name.substring(0, name.length() - ".csv".length());
        FactKind kind = FactKind.byKey(stem).orElse(null);
        if (kind == null) {
            kind = java.util.Arrays.stream(FactKind.values()).filter(k -> k.key().equalsIgnoreCase(stem)).findFirst()
                    .orElse(null);
        }
        if (kind == null) {
            problems.add(name + ": unknown file (CSV fact files are named by the contract: "
                    + String.join(", ", Stream.of(FactKind.values()).map(k -> k.key() + ".csv").toList()) + ")");
            return;
        }
        if (claim(kind, name, sources, problems)) {
            CsvFacts.FileResult r = CsvFacts.readFile(f, kind, encoding, progress, limits);
            problems.addAll(r.problems());
            tables.put(kind, List.of(r));
        }
    }

    private static boolean claim(FactKind kind, String source, Map<FactKind, String> sources, List<String> problems) {
        String before = sources.putIfAbsent(kind, source);
        if (before != null) {
            problems.add(source + ": a second source for " + kind.key() + " (besides " + before
                    + "): keep one sheet or file per fact kind");
            return false;
        }
        return true;
    }

    private static void workbook(Path f, ColumnMap map, FactParser.Limits limits, CsvFacts.Progress progress,
                                 Map<FactKind, String> sources, Map<FactKind, List<CsvFacts.FileResult>> tables,
                                 List<String> problems) {
        String file = Shown.id(f.getFileName().toString());
        String stem = file.substring(0, file.lastIndexOf('.'));
        FactKind named = map.kindOfSheet(stem);
        List<SheetReader> read = new ArrayList<>();
        Set<String> parts = new HashSet<>();
        Map<SheetReader, FactKind> kindOf = new java.util.IdentityHashMap<>();
        XlsxSource.Sheets sheets = (sheetName, index, count) -> {
            String place = file + ":" + Shown.id(sheetName);
            FactKind kind = map.kindOfSheet(sheetName);
            java.util.regex.Matcher part = PART.matcher(sheetName.strip());
            boolean continued = false;
            if (kind == null && part.matches() && map.kindOfSheet(part.group(1)) != null) {
                kind = map.kindOfSheet(part.group(1)); // 团员 (2): more rows than one sheet holds
                continued = true;
            }
            if (kind == null && named != null && count == 1) {
                kind = named; // members.xlsx, 团员.xls: its one sheet holds the kind, whatever its name
            }
            if (kind != null) {
                String before = sources.get(kind);
                // a kind's parts (团员, 团员 (2)…) are sheets of one workbook; anything else is a second source
                boolean partOfOne = before != null && before.startsWith(file + ":") && (continued || parts.contains(before));
                if (!partOfOne && !claim(kind, place, sources, problems)) {
                    return null;
                }
                if (continued) {
                    parts.add(place);
                }
            }
            SheetReader r = new SheetReader(place, kind, map, limits, progress);
            read.add(r);
            if (kind != null) {
                kindOf.put(r, kind);
            }
            return r;
        };
        if (file.toLowerCase(Locale.ROOT).endsWith(".xls")) {
            XlsSource.read(f, sheets);
        } else {
            XlsxSource.read(f, sheets);
        }
        for (SheetReader r : read) {
            problems.addAll(r.problems);
            FactKind kind = kindOf.get(r);
            if (kind == null) {
                if (r.hasContent) {
                    problems.add(r.place() + ": unknown sheet: sheets are named " + map.knownSheets()
                            + " (the column map can name more)");
                }
            } else {
                tables.computeIfAbsent(kind, k -> new ArrayList<>()).add(new CsvFacts.FileResult(r.place(), r.facts, java.util.Arrays.copyOf(r.rows,
                        r.facts.size()), r.problems));
            }
        }
    }

    /** A sheet that continues another: {@code 团员 (2)}, {@code members（3）}. */
    private static final java.util.regex.Pattern PART = java.util.regex.Pattern.compile("(.+?)\\s*[(（](\\d{1,3})[)）]");
}
