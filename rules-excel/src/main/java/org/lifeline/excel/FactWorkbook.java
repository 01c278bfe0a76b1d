package org.lifeline.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactParser;

/**
 * Writes facts as one {@code .xlsx} workbook the way an office's export looks, for {@link ExcelFacts} to read back:
 * one sheet per kind named and headed by the {@link ColumnMap} (团员: 团员ID, 所在支部…), fixed values as their
 * Chinese labels, dates as date cells, numbers as number cells, member numbers of digits as number cells (as Excel
 * makes them when they are typed in), every other text as a text cell. A kind with more rows than a sheet holds
 * goes on in {@code 团员 (2)}, {@code 团员 (3)}… Streams (SXSSF): memory stays small whatever the number of facts.
 */
public final class FactWorkbook implements Consumer<Fact>, AutoCloseable {

    private static final int MAX_DATA_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1;

    private final Path file;
    private final ColumnMap map;
    private final SXSSFWorkbook wb = new SXSSFWorkbook(200);
    private final Map<FactKind, SXSSFSheet> sheets = new EnumMap<>(FactKind.class);
    private final Map<FactKind, Integer> parts = new EnumMap<>(FactKind.class);
    private final Map<FactKind, RecordComponent[]> components = new EnumMap<>(FactKind.class);
    private final CellStyle date;
    private final CellStyle timestamp;
    private final CellStyle month;

    public FactWorkbook(Path file, ColumnMap map) {
        this.file = file;
        this.map = map;
        wb.setCompressTempFiles(true);
        date = format("yyyy-mm-dd");
        timestamp = format("yyyy-mm-dd hh:mm");
        month = format("yyyy-mm");
    }

    private CellStyle format(String pattern) {
        CellStyle s = wb.createCellStyle();
        s.setDataFormat(wb.createDataFormat().getFormat(pattern));
        return s;
    }

    @Override
    public void accept(Fact f) {
        FactKind kind = FactKind.of(f);
        SXSSFSheet sheet = sheets.get(kind);
        if (sheet == null || sheet.getLastRowNum() >= MAX_DATA_ROWS) {
            int part = parts.merge(kind, 1, Integer::sum);
            sheet = wb.createSheet(map.sheetName(kind) + (part == 1 ? "" : " (" + part + ")"));
            sheets.put(kind, sheet);
            components.computeIfAbsent(kind, k -> k.type().getRecordComponents());
            SXSSFRow h = sheet.createRow(0);
            List<String> fields = FactParser.fieldNames(kind);
            for (int i = 0; i < fields.size(); i++) {
                h.createCell(i).setCellValue(map.header(kind, fields.get(i)));
            }
            sheet.createFreezePane(0, 1);
        }
        SXSSFRow row = sheet.createRow(sheet.getLastRowNum() + 1);
        RecordComponent[] comps = components.get(kind);
        for (int i = 0; i < comps.length; i++) {
            Object v;
            try {
                v = comps[i].getAccessor().invoke(f);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (v != null) {
                cell(row.createCell(i), comps[i], v);
            }
        }
    }

    private void cell(SXSSFCell c, RecordComponent comp, Object v) {
        if (v instanceof LocalDate d) {
            c.setCellValue(d);
            c.setCellStyle(date);
        } else if (v instanceof LocalDateTime t) {
            c.setCellValue(t);
            c.setCellStyle(timestamp);
        } else if (v instanceof YearMonth m) {
            c.setCellValue(m.atDay(1));
            c.setCellStyle(month);
        } else if (v instanceof Number n) {
            c.setCellValue(n.doubleValue());
        } else if (v instanceof Boolean || v instanceof Enum<?>) {
            c.setCellValue(map.label(ColumnMap.valueType(comp), String.valueOf(v)));
        } else if (v instanceof List<?> l) {
            Class<?> element = ColumnMap.valueType(comp);
            c.setCellValue(String.join(";", l.stream().map(x -> map.label(element, String.valueOf(x))).toList()));
        } else if (comp.getName().equals("memberNumber") && digits((String) v)) {
            c.setCellValue(Double.parseDouble((String) v));
        } else {
            c.setCellValue(String.valueOf(v));
        }
    }

    /** 1 to 15 digits without a leading zero: a number cell keeps it exactly. */
    private static boolean digits(String s) {
        return !s.isEmpty() && s.length() <= 15 && s.charAt(0) != '0' && s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    @Override
    public void close() {
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                wb.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
