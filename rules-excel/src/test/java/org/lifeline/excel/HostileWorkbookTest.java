package org.lifeline.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactParser;

/**
 * Workbooks built by a hostile hand: every one is loaded or refused with one line per problem naming the file (and,
 * for a cell, its sheet, row and column), never a stack trace, never the value.
 */
class HostileWorkbookTest {

    @TempDir
    Path dir;

    private static CsvFacts.Loaded read(Path p) {
        return ExcelFacts.read(p, ColumnMap.defaults(), "auto", null, false, FactParser.Limits.DEFAULT);
    }

    /** The lines a refused workbook gives; fails on anything but a FactException (a crash, an OOM, a hang). */
    private static List<String> refused(Path p) {
        try {
            read(p);
        } catch (FactException e) {
            assertThat(e.problems()).allSatisfy(l -> assertThat(l).doesNotContain("\n").doesNotContain("Exception"));
            return e.problems();
        }
        throw new AssertionError("expected the workbook to be refused");
    }

    private static void row(Sheet s, int r, String... values) {
        Row row = s.createRow(r);
        for (int i = 0; i < values.length; i++) {
            if (!values[i].isEmpty()) {
                row.createCell(i).setCellValue(values[i]);
            }
        }
    }

    /** A province, a branch and one member M1 (text cells only): sheet1 组织, sheet2 团员. */
    private Path province(Workbook wb, String file) throws Exception {
        Sheet o = wb.createSheet("组织");
        row(o, 0, "组织ID", "组织名称", "上级组织ID", "组织类别", "所属领域");
        row(o, 1, "GD", "团省委", "", "团省委", "地方团委");
        row(o, 2, "B1", "示例团支部", "GD", "团支部", "两新组织");
        Sheet m = wb.createSheet("团员");
        row(m, 0, "团员ID", "所在支部");
        row(m, 1, "M1", "B1");
        Path p = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(p)) {
            wb.write(out);
        }
        wb.close();
        return p;
    }

    /** The same .xlsx with one part's XML edited. */
    private static Path tamper(Path xlsx, String part, UnaryOperator<String> edit) throws Exception {
        Path out = xlsx.resolveSibling("t-" + xlsx.getFileName());
        try (ZipFile in = new ZipFile(xlsx.toFile()); ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream is = in.getInputStream(e)) {
                    byte[] bytes = is.readAllBytes();
                    if (e.getName().equals(part)) {
                        String xml = new String(bytes, StandardCharsets.UTF_8);
                        String edited = edit.apply(xml);
                        assertThat(edited).as("the edit changed " + part).isNotEqualTo(xml);
                        bytes = edited.getBytes(StandardCharsets.UTF_8);
                    }
                    zip.write(bytes);
                }
                zip.closeEntry();
            }
        }
        Files.move(out, xlsx, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return xlsx;
    }

    private static final String MEMBERS = "xl/worksheets/sheet2.xml";

    @Test
    void aSharedStringIndexPastTheTableIsOneLineNamingTheCell() throws Exception {
        Path p = tamper(province(new XSSFWorkbook(), "sst.xlsx"), MEMBERS,
                x -> x.replaceFirst("(<c r=\"A2\"[^>]*><v>)\\d+", "$199999"));
        assertThat(refused(p)).singleElement().asString()
                .isEqualTo("sst.xlsx:团员:2:A: a damaged sheet (a shared string that is not in the workbook's table)")
                .doesNotContain("示例团支部"); // POI's own message lists the whole table
    }

    @Test
    void aRowNumberThatIsNoNumberIsOneLineNotACrash() throws Exception {
        Path p = tamper(province(new XSSFWorkbook(), "rownum.xlsx"), MEMBERS, x -> x.replace("<row r=\"2\"", "<row r=\"x2\""));
        assertThat(refused(p)).singleElement().asString().isEqualTo("rownum.xlsx:团员: a damaged sheet (a row number that is no number)");
    }

    @Test
    void aStyleIndexThatIsNoNumberIsOneLineNotACrash() throws Exception {
        Path p = tamper(province(new XSSFWorkbook(), "style.xlsx"), MEMBERS, x -> x.replaceFirst("(<c r=\"A2\"[^>]*) s=\"\\d+\"", "$1 s=\"-\""));
        assertThat(refused(p)).singleElement().asString().isEqualTo("style.xlsx:团员:2:A: a damaged sheet (a cell style that is no number)");
    }

    @Test
    void aRowGivenTwiceIsRefusedNotSilentlyOverwritingTheFirst() throws Exception {
        Path p = tamper(province(new XSSFWorkbook(), "rows.xlsx"), MEMBERS, x -> x.replace("</sheetData>",
                "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>M2</t></is></c></row></sheetData>"));
        assertThat(refused(p)).containsExactly("rows.xlsx:团员:2: a damaged sheet (a row numbered 2 after row 2)");
    }

    @Test
    void aCellGivenTwiceInARowIsRefusedNotSilentlyOverwritingTheFirst() throws Exception {
        Path p = tamper(province(new XSSFWorkbook(), "cells.xlsx"), MEMBERS, x -> x.replaceFirst("(<row r=\"2\"[^>]*>)",
                "$1<c r=\"A2\" t=\"inlineStr\"><is><t>M2</t></is></c>"));
        assertThat(refused(p)).containsExactly("cells.xlsx:团员:2:A: a damaged sheet (a cell in column A after column A)");
    }

    @Test
    void aBooleanCellHoldingNeitherZeroNorOneIsRefusedNotReadAsFalse() throws Exception {
        Path p = tamper(province(new XSSFWorkbook(), "bool.xlsx"), MEMBERS, x -> x.replaceFirst("(<row r=\"2\"[^>]*>.*?)</row>",
                "$1<c r=\"C2\" t=\"b\"><v>2</v></c></row>").replaceFirst("(<row r=\"1\"[^>]*>.*?)</row>",
                "$1<c r=\"C1\" t=\"inlineStr\"><is><t>是否留校</t></is></c></row>"));
        assertThat(refused(p)).containsExactly("bool.xlsx:团员:2:C: a damaged sheet (a boolean cell that holds neither 0 nor 1)");
    }

    @Test
    void aCellReferencePastTheLastColumnIsOneLineNotACrash() throws Exception {
        Path p = tamper(province(new XSSFWorkbook(), "col.xlsx"), MEMBERS, x -> x.replace("<c r=\"B2\"", "<c r=\"ZZZZZZZZ2\""));
        assertThat(refused(p)).singleElement().asString().isEqualTo("col.xlsx:团员:2: a damaged sheet (a cell outside columns A–XFD)");
    }

    @Test
    void anExternalEntityInASheetIsRefusedAndNeverRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET-CONTENT");
        Path p = tamper(province(new XSSFWorkbook(), "xxe.xlsx"), MEMBERS, x -> x
                .replaceFirst("\\?>", "?><!DOCTYPE worksheet [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>")
                .replaceFirst("<c r=\"A2\"[^>]*>.*?</c>", "<c r=\"A2\" t=\"inlineStr\"><is><t>&x;</t></is></c>"));
        assertThat(refused(p)).singleElement().asString().startsWith("xxe.xlsx").doesNotContain("SECRET");
    }

    @Test
    void internalEntityExpansionInSharedStringsIsRefused() throws Exception {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\">");
        String prev = "a";
        for (int i = 0; i < 9; i++) {
            String n = "e" + i;
            dtd.append("<!ENTITY ").append(n).append(" \"").append(("&" + prev + ";").repeat(10)).append("\">");
            prev = n;
        }
        dtd.append("]>");
        String bomb = dtd.toString();
        String last = prev;
        Path p = tamper(province(new XSSFWorkbook(), "laughs.xlsx"), "xl/sharedStrings.xml", x -> x
                .replaceFirst("\\?>", "?>" + bomb).replaceFirst("<t>M1</t>", "<t>&" + last + ";</t>"));
        assertThat(refused(p)).singleElement().asString().startsWith("laughs.xlsx");
    }

    @Test
    void aZipBombSheetIsRefusedInOneLineNamingTheFile() throws Exception {
        Path p = tamper(province(new XSSFWorkbook(), "bomb.xlsx"), MEMBERS,
                x -> x.replace("<sheetData>", "<sheetData>" + " ".repeat(20_000_000)));
        assertThat(refused(p)).singleElement().asString().startsWith("bomb.xlsx: not a readable .xlsx workbook (Zip bomb detected!");
    }

    @Test
    void aCsvFileNamedXlsxAndAnEmptyXlsxAreOneLineEach() throws Exception {
        Path csv = Files.writeString(dir.resolve("members.xlsx"), "id,orgId\nM1,B1\n");
        assertThat(refused(csv)).singleElement().asString().startsWith("members.xlsx: not a readable .xlsx workbook");
        Path empty = Files.write(dir.resolve("empty.xlsx"), new byte[0]);
        assertThat(refused(empty)).containsExactly("empty.xlsx: not a readable .xlsx workbook (the file is empty)");
        Path xls = Files.writeString(dir.resolve("members.xls"), "id,orgId\nM1,B1\n");
        assertThat(refused(xls)).singleElement().asString().startsWith("members.xls: not a readable .xls workbook");
    }

    @Test
    void anEncryptedXlsIsOneLine() throws Exception {
        Biff8EncryptionKey.setCurrentUserPassword("secret");
        Path p;
        try {
            p = province(new HSSFWorkbook(), "locked.xls");
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }
        assertThat(refused(p)).singleElement().asString().startsWith("locked.xls");
    }

    @Test
    void anEncryptedXlsxIsOneLine() throws Exception {
        byte[] plain = Files.readAllBytes(province(new XSSFWorkbook(), "plain.xlsx"));
        org.apache.poi.poifs.crypt.EncryptionInfo info = new org.apache.poi.poifs.crypt.EncryptionInfo(
                org.apache.poi.poifs.crypt.EncryptionMode.agile);
        org.apache.poi.poifs.crypt.Encryptor enc = info.getEncryptor();
        enc.confirmPassword("secret");
        Path p = dir.resolve("locked.xlsx");
        try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
            try (OutputStream os = enc.getDataStream(fs)) {
                os.write(plain);
            }
            try (OutputStream out = Files.newOutputStream(p)) {
                fs.writeFilesystem(out);
            }
        }
        assertThat(refused(p)).singleElement().asString().startsWith("locked.xlsx: not a readable .xlsx workbook");
    }

    @Test
    void anExcel5WorkbookIsOneLine() throws Exception {
        Path p = dir.resolve("old.xls");
        try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[64]), "Book"); // BIFF5 names its stream Book
            try (OutputStream out = Files.newOutputStream(p)) {
                fs.writeFilesystem(out);
            }
        }
        assertThat(refused(p)).singleElement().asString().startsWith("old.xls: not a readable .xls workbook");
    }

    @Test
    void anXlsSharedStringIndexPastTheTableIsOneLineNotACrash() throws Exception {
        byte[] b = Files.readAllBytes(province(new HSSFWorkbook(), "sst.xls"));
        // the last LabelSST record (sid 0x00FD, 10 bytes) at row 1, column 0: M1 on the second sheet
        int at = -1;
        for (int i = 0; i + 14 <= b.length; i++) {
            if (b[i] == (byte) 0xFD && b[i + 1] == 0 && b[i + 2] == 10 && b[i + 3] == 0 && b[i + 4] == 1 && b[i + 5] == 0
                    && b[i + 6] == 0 && b[i + 7] == 0) {
                at = i;
            }
        }
        assertThat(at).isPositive();
        b[at + 10] = (byte) 0xF0;
        b[at + 11] = (byte) 0xFF;
        b[at + 12] = (byte) 0xFF;
        b[at + 13] = (byte) 0x7F;
        Path p = Files.write(dir.resolve("sst.xls"), b);
        assertThat(refused(p)).singleElement().asString().startsWith("sst.xls:团员:2:A: a damaged sheet");
    }

    @Test
    void aMillionTrailingBlankRowsAreReadQuicklyAndDropNothing() throws Exception {
        StringBuilder rows = new StringBuilder(48 * 1_048_576);
        for (int r = 3; r <= 1_048_576; r++) {
            rows.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\" s=\"0\"/></row>");
        }
        Path p = tamper(province(new XSSFWorkbook(), "tall.xlsx"), MEMBERS, x -> x.replace("</sheetData>", rows + "</sheetData>"));
        CsvFacts.Loaded loaded = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> read(p));
        assertThat(loaded.facts().byId(FactKind.MEMBERS)).containsOnlyKeys("M1");
    }

    @Test
    void hiddenSheetsAndHiddenRowsAreReadNotDropped() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Path p = province(wb, "hidden.xlsx");
        try (XSSFWorkbook w = new XSSFWorkbook(Files.newInputStream(p))) {
            row(w.getSheet("团员"), 2, "M2", "B1");
            w.getSheet("团员").getRow(2).setZeroHeight(true);
            w.setSheetHidden(w.getSheetIndex("团员"), true);
            try (OutputStream out = Files.newOutputStream(p)) {
                w.write(out);
            }
        }
        assertThat(read(p).facts().byId(FactKind.MEMBERS)).containsOnlyKeys("M1", "M2");
    }

    @Test
    void controlCharactersInAnIdAreNeverEchoed() throws Exception {
        Path p = tamper(province(new XSSFWorkbook(), "ctl.xlsx"), "xl/sharedStrings.xml", x -> x.replace("<t>M1</t>", "<t>M&#x1b;[31m1</t>"));
        List<String> lines;
        try {
            lines = List.of(String.valueOf(read(p).facts().byId(FactKind.MEMBERS).keySet()));
        } catch (FactException e) {
            lines = e.problems();
        }
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("\u001b"));
    }

    @Test
    void excelsPhantomFebruary29Of1900IsRefusedNotReadAsMarch1() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Path p = province(wb, "leap.xlsx");
        try (XSSFWorkbook w = new XSSFWorkbook(Files.newInputStream(p))) {
            Sheet m = w.getSheet("团员");
            m.getRow(0).createCell(2).setCellValue("入团时间");
            org.apache.poi.ss.usermodel.CellStyle date = w.createCellStyle();
            date.setDataFormat(w.createDataFormat().getFormat("yyyy-mm-dd"));
            m.getRow(1).createCell(2).setCellValue(60); // Excel shows 1900-02-29, a day that never was
            m.getRow(1).getCell(2).setCellStyle(date);
            row(m, 2, "M2", "B1");
            m.getRow(2).createCell(2).setCellValue(61); // 1900-03-01
            m.getRow(2).getCell(2).setCellStyle(date);
            try (OutputStream out = Files.newOutputStream(p)) {
                w.write(out);
            }
        }
        assertThat(refused(p)).singleElement().asString()
                .startsWith("leap.xlsx:团员:2:C: field 'joinedOn': a date cell on 1900-02-29");
    }

    // ---- column maps

    private List<String> mapProblems(String yaml) throws Exception {
        Path f = Files.writeString(dir.resolve("map.yaml"), yaml);
        try {
            ColumnMap.read(f);
        } catch (FactException e) {
            return e.problems();
        }
        throw new AssertionError("expected the column map to be refused");
    }

    @Test
    void aColumnMapGivingALabelTwiceIsRefusedNotSilentlyOverwritten() throws Exception {
        assertThat(mapProblems("labels:\n  OrgType:\n    团支部: BRANCH\n    团支部: GENERAL_BRANCH\n"))
                .containsExactly(dir.resolve("map.yaml") + ":4: not a column map (YAML): found duplicate key 团支部");
        assertThat(mapProblems("labels:\n  OrgType:\n    团支部: BRANCH\n    ' 团支部': GENERAL_BRANCH\n"))
                .containsExactly(dir.resolve("map.yaml") + ": labels.OrgType. 团支部: label '团支部' given twice");
    }

    @Test
    void aColumnMapGivingAFieldTwiceOrOneHeaderToTwoFieldsIsRefused() throws Exception {
        assertThat(mapProblems("kinds:\n  members:\n    columns:\n      id: [编号]\n      id: [序号]\n"))
                .containsExactly(dir.resolve("map.yaml") + ":5: not a column map (YAML): found duplicate key id");
        assertThat(mapProblems("kinds:\n  members:\n    columns:\n      id: [编号]\n      orgId: [编号]\n"))
                .singleElement().asString().contains("header '编号' names both");
        assertThat(mapProblems("kinds:\n  members:\n    columns:\n      orgId: [id]\n"))
                .singleElement().asString().contains("header 'id' names both");
    }

    @Test
    void aColumnMapOfGigabytesIsOneLineNotAnOutOfMemoryError() throws Exception {
        Path big = dir.resolve("map.yaml");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L * 1024 * 1024 * 1024); // sparse: takes no disk
        }
        try {
            ColumnMap.read(big);
            throw new AssertionError("expected the column map to be refused");
        } catch (FactException e) {
            assertThat(e.problems()).containsExactly(big + ": the column map is larger than 4 MB");
        }
    }

    @Test
    void aColumnMapOfAliasesCannotExpandAndTagsInstantiateNothing() throws Exception {
        StringBuilder b = new StringBuilder("x0: &x0 [a, a, a]\n");
        for (int i = 1; i <= 16; i++) {
            b.append("x").append(i).append(": &x").append(i).append(" [*x").append(i - 1).append(", *x").append(i - 1)
                    .append(", *x").append(i - 1).append("]\n");
        }
        String laughs = b.toString();
        assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> mapProblems(laughs + "kinds:\n  members:\n    sheets: *x16\n"))).isNotEmpty();
        assertThat(mapProblems("kinds: !!java.net.URL [\"http://example.invalid/\"]\n")).singleElement().asString()
                .contains("not a column map (YAML)");
    }
}
