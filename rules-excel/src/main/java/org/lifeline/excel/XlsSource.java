package org.lifeline.excel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.hssf.eventusermodel.FormatTrackingHSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFEventFactory;
import org.apache.poi.hssf.eventusermodel.HSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFRequest;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.MergeCellsRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.RKRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.lifeline.fact.FactException;

/**
 * An {@code .xls} (Excel 97–2003) workbook read as a stream of records by HSSF's event API: every cell record
 * (shared and plain strings, numbers with their format, booleans, errors, formulas with their cached value) feeds
 * a {@link SheetReader}, as {@link XlsxSource} does for {@code .xlsx}.
 */
final class XlsSource {

    private XlsSource() {
    }

    static void read(Path file, XlsxSource.Sheets sheets) {
        String name = file.getFileName().toString();
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            Listener listener = new Listener(sheets);
            FormatTrackingHSSFListener formats = new FormatTrackingHSSFListener(listener);
            listener.formats = formats;
            HSSFRequest request = new HSSFRequest();
            request.addListenerForAllRecords(formats);
            new HSSFEventFactory().processWorkbookEvents(request, fs);
        } catch (IOException | org.apache.poi.util.RecordFormatException | IllegalArgumentException
                 | IllegalStateException e) {
            throw new FactException(name + ": not a readable .xls workbook (" + XlsxSource.firstLine(e) + ")");
        } catch (IndexOutOfBoundsException e) {
            // POI's own messages may quote the workbook's text: name the failure, not them
            throw new FactException(name + ": a damaged .xls workbook (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static final class Listener implements HSSFListener {
        private final XlsxSource.Sheets sheets;
        FormatTrackingHSSFListener formats;
        private final List<String> names = new ArrayList<>();
        private SSTRecord sst;
        private boolean use1904;
        private int sheetIndex = -1;
        private SheetReader sheet;
        private boolean skipping;
        private FormulaRecord pendingString;

        Listener(XlsxSource.Sheets sheets) {
            this.sheets = sheets;
        }

        @Override
        public void processRecord(Record r) {
            try {
                process(r);
            } catch (SheetReader.Stop stop) {
                skipping = true; // the rest of this sheet is ignored
            }
        }

        private void process(Record r) {
            if (r instanceof BoundSheetRecord b) {
                names.add(b.getSheetname());
            } else if (r instanceof DateWindow1904Record d) {
                use1904 = d.getWindowing() == 1;
            } else if (r instanceof SSTRecord s) {
                sst = s;
            } else if (r instanceof BOFRecord bof) {
                if (bof.getType() == BOFRecord.TYPE_WORKSHEET) {
                    sheetIndex++;
                    skipping = false;
                    String n = sheetIndex < names.size() ? names.get(sheetIndex) : "Sheet" + (sheetIndex + 1);
                    sheet = sheets.open(n, sheetIndex, names.size());
                    if (sheet != null) {
                        sheet.use1904(use1904);
                    }
                }
            } else if (r instanceof EOFRecord) {
                if (sheet != null) {
                    if (!skipping) {
                        sheet.end();
                    }
                    sheet = null;
                }
            } else if (sheet != null && !skipping) {
                cell(r);
            }
        }

        private void cell(Record r) {
            if (r instanceof StringRecord s && pendingString != null) {
                sheet.text(pendingString.getRow() + 1, pendingString.getColumn(), s.getString());
                pendingString = null;
                return;
            }
            pendingString = null;
            if (r instanceof LabelSSTRecord l) {
                if (sst == null || l.getSSTIndex() < 0 || l.getSSTIndex() >= sst.getNumUniqueStrings()) {
                    throw new FactException(sheet.place() + ":" + (l.getRow() + 1) + ":"
                            + org.apache.poi.ss.util.CellReference.convertNumToColString(l.getColumn())
                            + ": a damaged sheet (a shared string that is not in the workbook's table)");
                }
                sheet.text(l.getRow() + 1, l.getColumn(), sst.getString(l.getSSTIndex()).getString());
            } else if (r instanceof LabelRecord l) {
                sheet.text(l.getRow() + 1, l.getColumn(), l.getValue());
            } else if (r instanceof NumberRecord n) {
                sheet.number(n.getRow() + 1, n.getColumn(), n.getValue(), isDate(n));
            } else if (r instanceof RKRecord k) {
                sheet.number(k.getRow() + 1, k.getColumn(), k.getRKNumber(), isDate(k));
            } else if (r instanceof BoolErrRecord b) {
                if (b.isBoolean()) {
                    sheet.bool(b.getRow() + 1, b.getColumn(), b.getBooleanValue());
                } else {
                    sheet.unusable(b.getRow() + 1, b.getColumn(), "an Excel error value (such as #N/A or #VALUE!)");
                }
            } else if (r instanceof FormulaRecord f) {
                CellType t = f.getCachedResultTypeEnum();
                switch (t) {
                    case NUMERIC -> sheet.number(f.getRow() + 1, f.getColumn(), f.getValue(), isDate(f));
                    case STRING -> pendingString = f; // the text follows in a StringRecord
                    case BOOLEAN -> sheet.bool(f.getRow() + 1, f.getColumn(), f.getCachedBooleanValue());
                    case ERROR -> sheet.unusable(f.getRow() + 1, f.getColumn(), "an Excel error value (such as #N/A or #VALUE!)");
                    default -> sheet.text(f.getRow() + 1, f.getColumn(), null);
                }
            } else if (r instanceof MergeCellsRecord m) {
                for (int i = 0; i < m.getNumAreas(); i++) {
                    sheet.merged(m.getAreaAt(i).formatAsString());
                }
            }
        }

        private boolean isDate(CellValueRecordInterface cell) {
            int index = formats.getFormatIndex(cell);
            String pattern = formats.getFormatString(cell);
            return pattern != null && DateUtil.isADateFormat(index, pattern);
        }
    }
}
