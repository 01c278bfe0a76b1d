package org.lifeline.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactParser;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;

class ExcelFactsTest {

    @TempDir
    Path dir;

    private static CsvFacts.Loaded read(Path p) {
        return ExcelFacts.read(p, ColumnMap.defaults(), "auto", null, false, FactParser.Limits.DEFAULT);
    }

    private static List<String> problems(Path p) {
        try {
            read(p);
        } catch (FactException e) {
            return e.problems();
        }
        throw new AssertionError("expected the workbook to be refused");
    }

    /** A province of two organisations and one member, with the member row built by the caller. */
    private Path workbook(Workbook wb, String file, MemberRow member) throws Exception {
        Sheet o = wb.createSheet("组织");
        row(o, 0, "组织ID", "组织名称", "上级组织ID", "组织类别", "所属领域");
        row(o, 1, "GD", "团省委", "", "团省委", "地方团委");
        row(o, 2, "B1", "示例团支部", "GD", "团支部", "两新组织");
        Sheet m = wb.createSheet("团员");
        row(m, 0, "团员ID", "所在支部", "入团时间", "团员编号", "报到时间", "是否留校");
        member.fill(wb, m.createRow(1));
        Path p = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(p)) {
            wb.write(out);
        }
        wb.close();
        return p;
    }

    interface MemberRow {
        void fill(Workbook wb, Row r);
    }

    private static void row(Sheet s, int r, String... values) {
        Row row = s.createRow(r);
        for (int i = 0; i < values.length; i++) {
            if (!values[i].isEmpty()) {
                row.createCell(i).setCellValue(values[i]);
            }
        }
    }

    private static CellStyle dateStyle(Workbook wb, String pattern) {
        CellStyle s = wb.createCellStyle();
        s.setDataFormat(wb.createDataFormat().getFormat(pattern));
        return s;
    }

    /** Every kind of cell the member row may hold: numbers, dates, booleans, formulas with cached values, blanks. */
    private static MemberRow everyCellType() {
        return (wb, r) -> {
            r.createCell(0).setCellValue("M1");                         // string (shared string in .xlsx)
            r.createCell(1).setCellFormula("\"B\"&\"1\"");              // formula with a cached text value
            r.createCell(2).setCellValue(LocalDate.of(2017, 2, 25));    // date cell
            r.getCell(2).setCellStyle(dateStyle(wb, "yyyy\"年\"m\"月\"d\"日\""));
            r.createCell(3).setCellValue(440100000000d);                // numeric member number, General format
            r.createCell(4).setCellValue(LocalDateTime.of(2018, 6, 22, 14, 21));
            r.getCell(4).setCellStyle(dateStyle(wb, "yyyy-mm-dd hh:mm"));
            r.createCell(5).setCellValue(true);                         // boolean cell
            r.createCell(6).setCellStyle(dateStyle(wb, "@"));           // a blank (formatted) cell, no header: nothing
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        };
    }

    private static void assertEveryCellTypeRead(CsvFacts.Loaded loaded) {
        Member m = (Member) loaded.facts().byId(FactKind.MEMBERS).get("M1");
        assertThat(m.orgId()).isEqualTo("B1");
        assertThat(m.joinedOn()).isEqualTo(LocalDate.of(2017, 2, 25));
        assertThat(m.memberNumber()).isEqualTo("440100000000");
        assertThat(m.reportedAt()).isEqualTo(LocalDateTime.of(2018, 6, 22, 14, 21));
        assertThat(m.staysAtSchool()).isTrue();
        Organization b1 = (Organization) loaded.facts().byId(FactKind.ORGANIZATIONS).get("B1");
        assertThat(b1.type()).isEqualTo(OrgType.BRANCH); // the label 团支部
    }

    @Test
    void xlsxCellsOfEveryTypeReadAsTheCsvTextWouldAndANumericMemberNumberStaysItsDigits() throws Exception {
        assertEveryCellTypeRead(read(workbook(new XSSFWorkbook(), "province.xlsx", everyCellType())));
    }

    @Test
    void xlsCellsOfEveryTypeReadTheSameThroughHssfEvents() throws Exception {
        assertEveryCellTypeRead(read(workbook(new HSSFWorkbook(), "province.xls", everyCellType())));
    }

    @Test
    void inlineStringsAndTextDatesAndContractHeadersAreReadToo() throws Exception {
        // SXSSF writes inline strings (no shared-string table)
        Path p = dir.resolve("inline.xlsx");
        try (org.apache.poi.xssf.streaming.SXSSFWorkbook wb = new org.apache.poi.xssf.streaming.SXSSFWorkbook()) {
            Sheet o = wb.createSheet("organizations");
            row(o, 0, "id", "name", "parentId", "type", "sector");
            row(o, 1, "GD", "团省委", "", "PROVINCIAL_COMMITTEE", "REGIONAL");
            Sheet m = wb.createSheet("members");
            row(m, 0, "id", "orgId", "joinedOn");
            row(m, 1, "M1", "GD", "2017-02-25");
            try (OutputStream out = Files.newOutputStream(p)) {
                wb.write(out);
            }
        }
        Member m = (Member) read(p).facts().byId(FactKind.MEMBERS).get("M1");
        assertThat(m.joinedOn()).isEqualTo(LocalDate.of(2017, 2, 25));
    }

    @Test
    void aBadValueIsReportedWithFileSheetRowColumnAndFieldNeverItsValue() throws Exception {
        Path p = workbook(new XSSFWorkbook(), "bad.xlsx", (wb, r) -> {
            r.createCell(0).setCellValue("M1");
            r.createCell(1).setCellValue("B1");
            r.createCell(2).setCellValue("90000000000x"); // not a date: must not be echoed
        });
        assertThat(problems(p)).singleElement().satisfies(line -> {
            assertThat(line).startsWith("bad.xlsx:团员:2:C: Member M1: field 'joinedOn': expected a date yyyy-MM-dd");
            assertThat(line).doesNotContain("90000000000");
        });
    }

    @Test
    void aNumberPastExcelsFifteenDigitsIsRefusedAsAlreadyRounded() throws Exception {
        Path p = workbook(new XSSFWorkbook(), "long.xlsx", (wb, r) -> {
            r.createCell(0).setCellValue("M1");
            r.createCell(1).setCellValue("B1");
            r.createCell(3).setCellValue(4401000000000000000d);
        });
        assertThat(problems(p)).singleElement().asString()
                .startsWith("long.xlsx:团员:2:D: field 'memberNumber': a number of").contains("Excel keeps 15");
    }

    @Test
    void blankRowsBetweenDataRowsAreRefusedButTrailingOnesAreNot() throws Exception {
        Path p = workbook(new XSSFWorkbook(), "gaps.xlsx", (wb, r) -> {
            r.createCell(0).setCellValue("M1");
            r.createCell(1).setCellValue("B1");
            Row later = r.getSheet().createRow(4); // rows 3 and 4 are blank
            later.createCell(0).setCellValue("M2");
            later.createCell(1).setCellValue("B1");
            r.getSheet().createRow(7).createCell(0).setCellValue(" "); // trailing blank
        });
        assertThat(problems(p)).containsExactly("gaps.xlsx:团员:3-4: blank rows (blank rows are allowed only at the end of the sheet)");
    }

    @Test
    void unknownColumnsValuesWithoutHeaderUnknownSheetsAndMergedCellsAreRefused() throws Exception {
        Path p = workbook(new XSSFWorkbook(), "messy.xlsx", (wb, r) -> {
            r.createCell(0).setCellValue("M1");
            r.createCell(1).setCellValue("B1");
            r.createCell(9).setCellValue("hidden"); // column J has no header
            wb.getSheet("组织").getRow(0).createCell(6).setCellValue("备注");
            wb.createSheet("说明").createRow(0).createCell(0).setCellValue("填表说明");
            wb.createSheet("空白");
            wb.getSheet("团员").addMergedRegion(new CellRangeAddress(1, 1, 4, 5));
        });
        List<String> problems = problems(p);
        assertThat(problems).anySatisfy(l -> assertThat(l).startsWith("messy.xlsx:组织:1:G: unknown column '备注' for 组织"));
        assertThat(problems).anySatisfy(l -> assertThat(l).startsWith("messy.xlsx:团员:2:J: a value in a column without a header"));
        assertThat(problems).anySatisfy(l -> assertThat(l).startsWith("messy.xlsx:团员: merged cells E2:F2"));
        assertThat(problems).anySatisfy(l -> assertThat(l).startsWith("messy.xlsx:说明: unknown sheet"));
        assertThat(problems).noneSatisfy(l -> assertThat(l).contains("空白")); // an empty sheet holds nothing to lose
    }

    @Test
    void aFormulaWithoutAComputedValueAndAnErrorCellAreRefused() throws Exception {
        Path p = workbook(new XSSFWorkbook(), "formula.xlsx", (wb, r) -> {
            r.createCell(0).setCellValue("M1");
            r.createCell(1).setCellFormula("\"B\"&\"1\""); // never evaluated: no cached value
            r.createCell(3).setCellErrorValue(org.apache.poi.ss.usermodel.FormulaError.NA.getCode());
        });
        assertThat(problems(p)).containsExactly(
                "formula.xlsx:团员:2:B: field 'orgId': a formula without a computed value (open and save the workbook in "
                        + "Excel, or paste the values)",
                "formula.xlsx:团员:2:D: field 'memberNumber': an Excel error value (such as #N/A or #VALUE!)");
    }

    @Test
    void aFolderMayMixCsvAndWorkbooksButNotTwoSourcesForOneKind() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("export"));
        Files.writeString(folder.resolve("organizations.csv"), "id,name,parentId,type,sector\nGD,团省委,,PROVINCIAL_COMMITTEE,REGIONAL\n");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet m = wb.createSheet("Sheet1"); // the file's name says the kind
            row(m, 0, "团员ID", "所在支部");
            row(m, 1, "M1", "GD");
            try (OutputStream out = Files.newOutputStream(folder.resolve("团员.xlsx"))) {
                wb.write(out);
            }
        }
        assertThat(read(folder).facts().byId(FactKind.MEMBERS)).containsKey("M1");
        Files.writeString(folder.resolve("members.csv"), "id,orgId\nM2,GD\n");
        assertThat(problems(folder)).singleElement().asString().contains("a second source for members");
    }

    @Test
    void aKindLongerThanASheetGoesOnInNumberedSheets() throws Exception {
        Path p = dir.resolve("parts.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            row(wb.createSheet("组织"), 0, "组织ID", "组织名称", "上级组织ID", "组织类别", "所属领域");
            wb.getSheet("组织").createRow(1);
            row(wb.getSheet("组织"), 1, "GD", "团省委", "", "团省委", "地方团委");
            Sheet a = wb.createSheet("团员");
            row(a, 0, "团员ID", "所在支部");
            row(a, 1, "M1", "GD");
            Sheet b = wb.createSheet("团员 (2)");
            row(b, 0, "团员ID", "所在支部");
            row(b, 1, "M2", "GD");
            try (OutputStream out = Files.newOutputStream(p)) {
                wb.write(out);
            }
        }
        CsvFacts.Loaded loaded = read(p);
        assertThat(loaded.facts().byId(FactKind.MEMBERS)).containsOnlyKeys("M1", "M2");
        assertThat(loaded.rowsPerFile()).containsEntry("parts.xlsx:团员 (2)", 1L);
    }

    @Test
    void aColumnMapFileRenamesHeadersAndIsCheckedAgainstTheContract() throws Exception {
        Path mapFile = dir.resolve("map.yaml");
        Files.writeString(mapFile, "kinds:\n  members:\n    sheets: [学员]\n    columns:\n      id: [编号]\n      orgId: [支部]\n");
        ColumnMap map = ColumnMap.read(mapFile);
        assertThat(map.sheetName(FactKind.MEMBERS)).isEqualTo("学员");
        assertThat(map.header(FactKind.MEMBERS, "orgId")).isEqualTo("支部");
        assertThat(map.header(FactKind.ORGANIZATIONS, "id")).isEqualTo("组织ID"); // other kinds keep the defaults
        Files.writeString(mapFile, "kinds:\n  members:\n    columns:\n      phone: [电话]\nlabels:\n  OrgType:\n    支部: BRANCHES\n");
        assertThatThrownBy(() -> ColumnMap.read(mapFile)).isInstanceOf(FactException.class)
                .satisfies(e -> assertThat(((FactException) e).problems()).containsExactly(
                        mapFile + ": kinds.members.columns.phone: unknown field (fields: id, orgId, joinedOn, memberNumber, "
                                + "reportedAt, workUnitId, graduationYear, schoolOrgId, personKey, staysAtSchool)",
                        mapFile + ": labels.OrgType.支部: 'BRANCHES' is not a value of OrgType"));
    }

    @Test
    void numbersReadAsPlainDigits() {
        assertThat(SheetReader.numberText(440100000000d)).isEqualTo("440100000000");
        assertThat(SheetReader.numberText(50d)).isEqualTo("50");
        assertThat(SheetReader.numberText(0.35)).isEqualTo("0.35");
        assertThat(SheetReader.numberText(95.0)).isEqualTo("95");
    }
}
