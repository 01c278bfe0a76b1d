package org.lifeline.excel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.lifeline.fact.FactException;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An {@code .xlsx} workbook read as a stream: POI's {@link XSSFReader} hands each sheet's XML to a SAX handler that
 * sees every cell with its type and raw value (shared string, inline string, number with its format, boolean,
 * error, formula with or without its cached value) and feeds a {@link SheetReader}. Nothing but the shared-string
 * table and one row at a time is held.
 */
final class XlsxSource {

    /** Chooses the reader of each sheet by its name, its position and the number of sheets; null: skip it. */
    interface Sheets {
        SheetReader open(String sheetName, int index, int count);
    }

    private XlsxSource() {
    }

    static void read(Path file, Sheets sheets) {
        String name = file.getFileName().toString();
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            boolean use1904 = date1904(reader);
            boolean[] dateStyles = dateStyles(styles);
            XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
            java.util.List<String> names = new java.util.ArrayList<>();
            while (it.hasNext()) {
                try (InputStream in = it.next()) {
                    names.add(it.getSheetName());
                }
            }
            // the sheets are parsed in parallel (one task each; each reader is alone with its sheet), as CsvFacts
            // reads files
            java.util.List<java.util.concurrent.Callable<Void>> tasks = new java.util.ArrayList<>();
            java.util.List<InputStream> streams = new java.util.ArrayList<>();
            try {
                it = (XSSFReader.SheetIterator) reader.getSheetsData();
                int index = 0;
                while (it.hasNext()) {
                    InputStream in = it.next();
                    streams.add(in);
                    SheetReader sheet = sheets.open(it.getSheetName(), index, names.size());
                    index++;
                    if (sheet == null) {
                        continue;
                    }
                    sheet.use1904(use1904);
                    tasks.add(() -> {
                        XMLReader xml = XMLHelper.newXMLReader();
                        xml.setContentHandler(new Handler(sheet, strings, dateStyles));
                        try {
                            xml.parse(new InputSource(in));
                            sheet.end();
                        } catch (SheetReader.Stop stop) {
                            // enough problems, or an unknown sheet found not empty
                        }
                        return null;
                    });
                }
                run(tasks);
            } finally {
                for (InputStream in : streams) {
                    in.close();
                }
            }
        } catch (org.apache.poi.EmptyFileException e) {
            throw new FactException(name + ": not a readable .xlsx workbook (the file is empty)");
        } catch (OpenXML4JException | org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException
                 | org.apache.poi.ooxml.POIXMLException | IOException | SAXException | ParserConfigurationException e) {
            throw new FactException(name + ": not a readable .xlsx workbook (" + firstLine(e) + ")");
        } catch (org.apache.poi.util.RecordFormatException | IllegalStateException | IllegalArgumentException
                 | IndexOutOfBoundsException e) {
            // POI's own messages may quote the workbook's text (its shared strings): name the failure, not them
            throw new FactException(name + ": a damaged .xlsx workbook (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void run(java.util.List<java.util.concurrent.Callable<Void>> tasks) throws IOException, SAXException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Math.min(Math.min(4, tasks.size()), Runtime.getRuntime().availableProcessors())), r -> {
                    Thread t = new Thread(r, "lifeline-xlsx");
                    t.setDaemon(true);
                    return t;
                });
        try {
            for (java.util.concurrent.Future<Void> f : pool.invokeAll(tasks)) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    if (e.getCause() instanceof SAXException sax) {
                        throw sax;
                    }
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FactException("interrupted while reading a workbook");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Per cell style: whether its number format shows a date (worked out once, read by every sheet's thread). */
    private static boolean[] dateStyles(StylesTable styles) {
        if (styles == null) {
            return new boolean[0];
        }
        boolean[] out = new boolean[styles.getNumCellStyles()];
        for (int i = 0; i < out.length; i++) {
            XSSFCellStyle st = styles.getStyleAt(i);
            int fmt = st.getDataFormat();
            String pattern = st.getDataFormatString();
            if (pattern == null) {
                pattern = BuiltinFormats.getBuiltinFormat(fmt);
            }
            out[i] = pattern != null && DateUtil.isADateFormat(fmt, pattern);
        }
        return out;
    }

    /** The first line of a parser's message, without control characters, cut to 160 characters. */
    static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = m.lines().findFirst().orElse("").replaceAll("[\\p{Cntrl}]", "");
        return line.length() <= 160 ? line : line.substring(0, 160) + "…";
    }

    /** The last row and column (0-based) a sheet may have: Excel's 1,048,576 rows and 16,384 columns (XFD). */
    static final int MAX_ROW = 1_048_576;
    static final int MAX_COLUMN = 16_383;

    /** Whether the workbook counts dates from 1904 (old Mac workbooks). */
    private static boolean date1904(XSSFReader reader) throws IOException, OpenXML4JException, SAXException,
            ParserConfigurationException {
        boolean[] on = {false};
        try (InputStream in = reader.getWorkbookData()) {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String local, String qName, Attributes a) {
                    if (local.equals("workbookPr")) {
                        String v = a.getValue("date1904");
                        on[0] = "1".equals(v) || "true".equals(v);
                    }
                }
            });
            xml.parse(new InputSource(in));
        }
        return on[0];
    }

    /** The SAX handler of one sheet. */
    private static final class Handler extends DefaultHandler {
        private final SheetReader sheet;
        private final ReadOnlySharedStringsTable strings;
        private final boolean[] dateStyles;
        private final StringBuilder text = new StringBuilder();
        private boolean capture;
        private int phonetic;
        private int row;
        private int col;
        private String type;
        private int style;
        private boolean formula;
        private boolean hasValue;

        Handler(SheetReader sheet, ReadOnlySharedStringsTable strings, boolean[] dateStyles) {
            this.sheet = sheet;
            this.strings = strings;
            this.dateStyles = dateStyles;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes a) {
            switch (local) {
                case "row" -> {
                    String r = a.getValue("r");
                    int previous = row;
                    row = 0; // a damaged row number is named without the row before it
                    col = -1;
                    row = r != null ? rowNumber(r) : previous + 1;
                    if (row < 1 || row > MAX_ROW) {
                        throw damaged("a row numbered outside 1–" + MAX_ROW);
                    }
                    if (row <= previous) { // a second row 2 would silently overwrite the first
                        throw damaged("a row numbered " + row + " after row " + previous);
                    }
                }
                case "c" -> {
                    String r = a.getValue("r");
                    int previousCol = col;
                    col = r != null ? column(r) : col + 1;
                    if (col < 0 || col > MAX_COLUMN) {
                        throw damaged("a cell outside columns A–XFD");
                    }
                    if (col <= previousCol) { // a second A2 would silently overwrite the first
                        throw damaged("a cell in column " + org.apache.poi.ss.util.CellReference.convertNumToColString(col)
                                + " after column " + org.apache.poi.ss.util.CellReference.convertNumToColString(previousCol));
                    }
                    type = a.getValue("t");
                    String s = a.getValue("s");
                    style = s == null ? 0 : index(s, "a cell style that is no number");
                    formula = false;
                    hasValue = false;
                    text.setLength(0);
                }
                case "f" -> formula = true;
                case "v" -> {
                    capture = true;
                    hasValue = true;
                }
                case "is" -> hasValue = true;
                case "rPh" -> phonetic++;
                case "t" -> capture = phonetic == 0;
                case "mergeCell" -> sheet.merged(a.getValue("ref"));
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (capture) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            switch (local) {
                case "v", "t" -> capture = false;
                case "rPh" -> phonetic--;
                case "c" -> cell();
                default -> {
                }
            }
        }

        private void cell() {
            if (!hasValue) {
                if (formula) {
                    sheet.unusable(row, col, "a formula without a computed value (open and save the workbook in "
                            + "Excel, or paste the values)");
                } else {
                    sheet.text(row, col, null);
                }
                return;
            }
            String v = text.toString();
            String t = type == null ? "n" : type;
            switch (t) {
                case "s" -> {
                    int i = index(v.trim(), "a shared string that is no number");
                    if (i >= strings.getCount()) {
                        throw damaged("a shared string that is not in the workbook's table");
                    }
                    sheet.text(row, col, strings.getItemAt(i).getString());
                }
                case "inlineStr", "str" -> sheet.text(row, col, v);
                case "b" -> {
                    String b = v.trim();
                    if (!b.equals("1") && !b.equals("0") && !b.equalsIgnoreCase("true") && !b.equalsIgnoreCase("false")) {
                        throw damaged("a boolean cell that holds neither 0 nor 1");
                    }
                    sheet.bool(row, col, b.equals("1") || b.equalsIgnoreCase("true"));
                }
                case "e" -> sheet.unusable(row, col, "an Excel error value (such as #N/A or #VALUE!)");
                case "d" -> sheet.text(row, col, isoDate(v));
                default -> {
                    if (v.isBlank()) {
                        sheet.text(row, col, null);
                    } else {
                        double n;
                        try {
                            n = Double.parseDouble(v.trim());
                        } catch (NumberFormatException e) {
                            sheet.unusable(row, col, "a number cell that holds no number");
                            return;
                        }
                        sheet.number(row, col, n, isDate(style));
                    }
                }
            }
        }

        /** A damaged sheet, named with the row and column reached: {@code file:sheet:row:column: a damaged sheet (why)}. */
        private FactException damaged(String why) {
            String at = sheet.place() + (row > 0 && row <= MAX_ROW ? ":" + row
                    + (col >= 0 && col <= MAX_COLUMN ? ":" + org.apache.poi.ss.util.CellReference.convertNumToColString(col) : "")
                    : "");
            return new FactException(at + ": a damaged sheet (" + why + ")");
        }

        /** A row number (the {@code r} of a row). */
        private int rowNumber(String r) {
            return index(r.trim(), "a row number that is no number");
        }

        /** A non-negative index written in the sheet's XML. */
        private int index(String v, String why) {
            try {
                int i = Integer.parseInt(v);
                if (i >= 0) {
                    return i;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw damaged(why);
        }

        /** An ISO 8601 date cell ({@code t="d"}): its date, or date and time, as the CSV reader reads them. */
        private static String isoDate(String v) {
            String s = v.trim();
            if (s.endsWith("Z")) {
                s = s.substring(0, s.length() - 1);
            }
            if (s.endsWith("T00:00:00") || s.endsWith("T00:00")) {
                return s.substring(0, s.indexOf('T'));
            }
            return s;
        }

        private boolean isDate(int styleIndex) {
            return styleIndex >= 0 && styleIndex < dateStyles.length && dateStyles[styleIndex];
        }

        /** The column of a cell reference such as {@code AB12}: 27. */
        private static int column(String ref) {
            int c = 0;
            for (int i = 0; i < ref.length() && c <= MAX_COLUMN + 1; i++) { // stops before an int overflows
                char ch = ref.charAt(i);
                if (ch >= 'A' && ch <= 'Z') {
                    c = c * 26 + (ch - 'A' + 1);
                } else if (ch >= 'a' && ch <= 'z') {
                    c = c * 26 + (ch - 'a' + 1);
                } else {
                    break;
                }
            }
            return c - 1;
        }
    }
}
