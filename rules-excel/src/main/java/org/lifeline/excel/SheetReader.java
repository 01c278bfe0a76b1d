package org.lifeline.excel;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.util.CellReference;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactParser;
import org.lifeline.fact.Shown;

/**
 * One sheet of facts, fed cell by cell by a streaming parser ({@link XlsxSource}, {@link XlsSource}): the first
 * non-blank row is the header, mapped to fields through the {@link ColumnMap}; each later row becomes a fact through
 * {@link FactParser.RowReader}, the CSV reader's checks. Cells are turned into the text the CSV reader would get:
 * numbers in plain digits (never {@code 4.4E+11}), date cells as {@code yyyy-MM-dd}, labels as contract values.
 * A sheet read with no kind ({@code kind == null}) only notes whether it holds anything.
 */
final class SheetReader {

    /** Thrown to stop reading a sheet early (too many problems). */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    static final int MAX_PROBLEMS = 50;
    /** Excel keeps 15 significant digits: a longer number has already been rounded. */
    private static final int EXCEL_DIGITS = 15;

    private final String place;
    private final FactKind kind;
    private final ColumnMap map;
    private final FactParser.Limits limits;
    private final CsvFacts.Progress progress;
    final List<Fact> facts = new ArrayList<>();
    int[] rows = new int[1024];
    final List<String> problems = new ArrayList<>();
    boolean hasContent;

    private boolean use1904;
    private int headerRow = -1;
    /** Per sheet column: the index among the reader's columns, or -1 (no header). */
    private int[] readerColumn = new int[0];
    private Class<?>[] columnType;
    private boolean[] columnIsList;
    private String[] columnField;
    private FactParser.RowReader reader;
    private int columns;
    private Object[] values;
    private int row = -1;
    private boolean rowBlank = true;
    private int blankFrom = -1;
    private int lastRow;
    private final List<String> rowProblems = new ArrayList<>();
    private final List<String> merged = new ArrayList<>();

    /** @param place {@code file:sheet}, put in front of every problem */
    SheetReader(String place, FactKind kind, ColumnMap map, FactParser.Limits limits, CsvFacts.Progress progress) {
        this.place = place;
        this.kind = kind;
        this.map = map;
        this.limits = limits;
        this.progress = progress;
    }

    String place() {
        return place;
    }

    void use1904(boolean on) {
        this.use1904 = on;
    }

    // ---- cells, as the parsers see them (row: 1-based, column: 0-based) ----

    void text(int r, int c, String text) {
        if (text == null || text.isBlank()) {
            startRow(r);
            return;
        }
        put(r, c, text, null);
    }

    void number(int r, int c, double n, boolean dateFormatted) {
        put(r, c, null, new double[] {n, dateFormatted ? 1 : 0});
    }

    void bool(int r, int c, boolean b) {
        put(r, c, b ? "true" : "false", null);
    }

    /** A cell the parser cannot give a value for: an error value, a formula never computed. */
    void unusable(int r, int c, String why) {
        startRow(r);
        hasContent = true;
        rowBlank = false;
        if (kind == null) {
            throw new Stop();
        }
        if (headerRow < 0 || r == headerRow) {
            problems.add(at(r, c) + ": a header cell " + why);
        } else {
            rowProblems.add(at(r, c) + ": " + fieldOf(c) + why);
        }
    }

    /** A merged area, such as {@code A1:B2}. */
    void merged(String area) {
        merged.add(area);
    }

    private String fieldOf(int c) {
        return c < readerColumn.length && readerColumn[c] >= 0 ? "field '" + columnField[readerColumn[c]] + "': " : "";
    }

    private void put(int r, int c, String text, double[] number) {
        startRow(r);
        hasContent = true;
        if (kind == null) {
            throw new Stop(); // an unknown sheet: that it holds something is all there is to know
        }
        rowBlank = false;
        if (headerRow < 0 || r == headerRow) {
            header(r, c, text, number);
            return;
        }
        int rc = c < readerColumn.length ? readerColumn[c] : -1;
        if (rc < 0) {
            rowProblems.add(at(r, c) + ": a value in a column without a header (a hidden or extra column? give it "
                    + "a header from the column map, or delete it)");
            return;
        }
        try {
            values[rc] = convert(rc, text, number);
        } catch (IllegalArgumentException e) {
            rowProblems.add(at(r, c) + ": field '" + columnField[rc] + "': " + e.getMessage());
        }
    }

    private void startRow(int r) {
        if (r != row) {
            endRow();
            row = r;
            rowBlank = true;
            if (values != null) {
                Arrays.fill(values, null);
            }
        }
    }

    // ---- the header ----

    private final List<String> headerNames = new ArrayList<>();
    private final Map<Integer, String> headerFields = new HashMap<>();

    private void header(int r, int c, String text, double[] number) {
        headerRow = r;
        String name = text != null ? text.trim() : plain(number[0]);
        String field = map.field(kind, name);
        if (field == null) {
            problems.add(at(r, c) + ": unknown column '" + Shown.id(name) + "' for " + map.sheetName(kind) + " ("
                    + kind.key() + "): the column map names its columns " + headersOf(kind));
            return;
        }
        if (headerFields.containsValue(field)) {
            problems.add(at(r, c) + ": a second column for field '" + field + "'");
            return;
        }
        headerFields.put(c, field);
    }

    private String headersOf(FactKind k) {
        List<String> out = new ArrayList<>();
        for (String f : FactParser.fieldNames(k)) {
            out.add(map.header(k, f));
        }
        return String.join(", ", out) + " (or the contract names " + String.join(", ", FactParser.fieldNames(k)) + ")";
    }

    private void headerDone() {
        if (!headerFields.containsValue("id")) {
            problems.add(place + ":" + headerRow + ": no id column (" + map.header(kind, "id") + ")");
        }
        if (!problems.isEmpty()) {
            throw new Stop();
        }
        int width = headerFields.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        readerColumn = new int[width];
        Arrays.fill(readerColumn, -1);
        List<Integer> cols = headerFields.keySet().stream().sorted().toList();
        columns = cols.size();
        columnField = new String[columns];
        columnType = new Class<?>[columns];
        columnIsList = new boolean[columns];
        Map<String, RecordComponent> components = new HashMap<>();
        for (RecordComponent rc : kind.type().getRecordComponents()) {
            components.put(rc.getName(), rc);
        }
        for (int i = 0; i < columns; i++) {
            readerColumn[cols.get(i)] = i;
            columnField[i] = headerFields.get(cols.get(i));
            RecordComponent rc = components.get(columnField[i]);
            columnType[i] = ColumnMap.valueType(rc);
            columnIsList[i] = rc.getType() == List.class;
            headerNames.add(columnField[i]);
        }
        reader = FactParser.rows(kind, headerNames, limits);
        values = new Object[columns];
        lastRow = headerRow;
    }

    // ---- rows ----

    private void endRow() {
        if (row < 0 || kind == null) {
            return;
        }
        if (row == headerRow) {
            headerDone();
            return;
        }
        if (headerRow < 0) {
            return; // blank rows above the header
        }
        if (rowBlank) {
            if (blankFrom < 0) {
                blankFrom = row;
            }
            return;
        }
        int r = row;
        if (blankFrom < 0 && r > lastRow + 1) {
            blankFrom = lastRow + 1; // rows missing from the file are blank rows too
        }
        if (blankFrom >= 0) {
            problems.add(place + ":" + (blankFrom == r - 1 ? String.valueOf(blankFrom) : blankFrom + "-" + (r - 1))
                    + ": blank row" + (blankFrom == r - 1 ? "" : "s") + " (blank rows are allowed only at the end of the sheet)");
            blankFrom = -1;
        }
        lastRow = r;
        if (!rowProblems.isEmpty()) {
            problems.addAll(rowProblems);
            rowProblems.clear();
        } else {
            try {
                facts.add(reader.parse(Arrays.asList(values), field -> field == null ? place + ":" + r
                        : place + ":" + r + ":" + CellReference.convertNumToColString(columnOf(field))));
                if (facts.size() > rows.length) {
                    rows = Arrays.copyOf(rows, rows.length * 2);
                }
                rows[facts.size() - 1] = r;
                if (progress != null && facts.size() % 100_000 == 0) {
                    progress.read(place, facts.size());
                }
            } catch (FactException e) {
                problems.addAll(e.problems());
            }
        }
        if (problems.size() >= MAX_PROBLEMS) {
            problems.add(place + ": stopped after " + MAX_PROBLEMS + " problems");
            throw new Stop();
        }
    }

    private int columnOf(String field) {
        for (int c = 0; c < readerColumn.length; c++) {
            if (readerColumn[c] >= 0 && columnField[readerColumn[c]].equals(field)) {
                return c;
            }
        }
        return 0;
    }

    /** The end of the sheet. */
    void end() {
        if (kind == null) {
            return;
        }
        endRow();
        row = -1;
        if (headerRow < 0 && problems.isEmpty() && hasContent) {
            problems.add(place + ": no header row");
        }
        if (!merged.isEmpty()) {
            problems.add(place + ": merged cells " + String.join(", ", merged.subList(0, Math.min(3, merged.size())))
                    + (merged.size() > 3 ? " and " + (merged.size() - 3) + " more" : "")
                    + " (a merged cell leaves the cells it covers blank: unmerge and fill every cell)");
        }
        if (progress != null && headerRow > 0) {
            progress.read(place, facts.size());
        }
    }

    private String at(int r, int c) {
        return place + ":" + r + ":" + CellReference.convertNumToColString(c);
    }

    // ---- cell values as text ----

    private Object convert(int rc, String text, double[] number) {
        Class<?> type = columnType[rc];
        if (number != null) {
            return number[1] != 0 ? dateText(number[0], type) : numberText(number[0]);
        }
        if (columnIsList[rc]) {
            List<String> items = new ArrayList<>();
            for (String item : text.split("[;；]")) {
                if (!item.isBlank()) {
                    items.add(map.value(type, item.trim()));
                }
            }
            return items;
        }
        return type.isEnum() || type == boolean.class ? map.value(type, text) : text;
    }

    /** A number as plain digits: {@code 440100000000}, {@code 0.35}; refused past Excel's 15 digits. */
    static String numberText(double n) {
        if (Double.isNaN(n) || Double.isInfinite(n)) {
            throw new IllegalArgumentException("expected a number, got a value that is not one");
        }
        if (n == Math.rint(n) && Math.abs(n) < 1e15) {
            return Long.toString((long) n); // whole numbers of up to 15 digits: most cells
        }
        BigDecimal d = new BigDecimal(Double.toString(n)).stripTrailingZeros();
        int digits = Math.max(d.precision(), d.precision() - d.scale()); // significant, or before the point
        if (digits > EXCEL_DIGITS) {
            throw new IllegalArgumentException("a number of " + digits + " digits: Excel keeps 15 and has "
                    + "rounded it (store ids and numbers as text cells)");
        }
        return d.scale() <= 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private String plain(double n) {
        return numberText(n);
    }

    /** Date cells repeat (a few thousand days among millions of rows): their text is worked out once, up to 10,000. */
    private final Map<Class<?>, Map<Double, String>> dates = new HashMap<>();

    private String dateText(double serial, Class<?> type) {
        Map<Double, String> known = dates.computeIfAbsent(type, t -> new HashMap<>());
        String text = known.get(serial);
        if (text == null) {
            text = dateTextOf(serial, type);
            if (known.size() < 10_000) { // timestamps seldom repeat: the cache stays small
                known.put(serial, text);
            }
        }
        return text;
    }

    /** A date cell as the text the field expects: a date, a month or a timestamp. */
    private String dateTextOf(double serial, Class<?> type) {
        if (!use1904 && serial >= 60 && serial < 61) {
            throw new IllegalArgumentException("a date cell on 1900-02-29, a day Excel counts but that never was");
        }
        LocalDateTime t = org.apache.poi.ss.usermodel.DateUtil.getLocalDateTime(serial, use1904, true);
        if (t == null) {
            throw new IllegalArgumentException("a date cell outside Excel's calendar");
        }
        boolean midnight = t.toLocalTime().equals(LocalTime.MIDNIGHT);
        if (type == YearMonth.class && midnight && t.getDayOfMonth() == 1) {
            return YearMonth.from(t).toString();
        }
        if (type == LocalDateTime.class || !midnight) {
            return t.getSecond() == 0 ? t.toLocalDate() + "T" + String.format("%02d:%02d", t.getHour(), t.getMinute())
                    : t.toString();
        }
        return LocalDate.from(t).toString();
    }
}
