package org.lifeline.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Severity;
import org.lifeline.engine.SpotCheckPlan;
import org.lifeline.engine.SubjectType;
import org.lifeline.engine.Violation;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;
import org.lifeline.report.ReportModel;

class XlsxReportTest {

    private static final String HOSTILE = "=HYPERLINK(\"http://x\",\"y\")/:*?[]团委名称很长很长很长很长很长很长很长很长很长很长很长";

    private static XSSFWorkbook report() throws Exception {
        FactSet facts = FactSet.of(List.of(
                Organization.of("GD", "团省委", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL),
                Organization.of("C1", "广州市团委", "GD", OrgType.CITY_COMMITTEE, Sector.REGIONAL),
                Organization.of("C2", HOSTILE, "GD", OrgType.CITY_COMMITTEE, Sector.REGIONAL),
                Organization.of("B1", "示例团支部", "C1", OrgType.BRANCH, Sector.TWO_NEW)));
        Violation late = new Violation("T13_ONLINE_SHARE", 13, Severity.VIOLATION, SubjectType.ORGANIZATION, "C1", "C1",
                "C1", "广州市团委", 1, LocalDate.of(2018, 9, 30), 0.42, 0.6, List.of("000123"), List.of(), "在线交费比例未达标",
                "online share below");
        Violation odd = new Violation("A_REPORTED_BEFORE_JOINED", 0, Severity.ANOMALY, SubjectType.MEMBER, "000123", "C1",
                "B1", "示例团支部", 1, null, null, null, List.of("000123"), List.of(), "报到早于入团", "reported before joining");
        Violation hostile = new Violation("T4_HOLLOW", 4, Severity.WARNING, SubjectType.ORGANIZATION, "C2", "C2", "C2",
                HOSTILE, 2, LocalDate.of(2018, 10, 15), null, null, List.of(), List.of(), HOSTILE, "x");
        SpotCheckPlan plan = new SpotCheckPlan(Map.of(1, List.of(new SpotCheckPlan.Call("000123", "B1", "示例团支部",
                "A_REPORTED_BEFORE_JOINED", "000123", "抽查核实"))));
        Evaluation e = new Evaluation(LocalDate.of(2018, 9, 26), "test", List.of(late, odd, hostile), plan, List.of(),
                List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxReport.write(new ReportModel(e, facts, null), out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void theWorkbookHasASummaryASheetPerUnitAndASpotCheckSheetPerLiaisonGroup() throws Exception {
        try (XSSFWorkbook wb = report()) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(4);
            assertThat(wb.getSheetName(0)).isEqualTo("汇总");
            assertThat(wb.getSheetName(1)).isEqualTo("广州市团委");
            assertThat(wb.getSheetName(3)).isEqualTo("抽查-联络组1");
            for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                XSSFSheet s = wb.getSheetAt(i);
                assertThat(s.getPaneInformation().isFreezePane()).as(s.getSheetName()).isTrue();
                assertThat(s.getCTWorksheet().isSetAutoFilter()).as(s.getSheetName()).isTrue();
            }
        }
    }

    @Test
    void summaryCellsCountFindingsAndAreColouredByTheWorst() throws Exception {
        try (XSSFWorkbook wb = report()) {
            XSSFSheet s = wb.getSheet("汇总");
            assertThat(s.getRow(4).getCell(2).getStringCellValue()).isEqualTo("1 毕业生统计");
            int task13 = 2 + 12; // tasks 1..14 from column C
            XSSFCell cell = s.getRow(5).getCell(task13);
            assertThat(cell.getNumericCellValue()).isEqualTo(1);
            assertThat(cell.getCellStyle().getFillForegroundXSSFColor().getARGBHex()).endsWith("E74C3C");
            XSSFCell anomaly = s.getRow(5).getCell(2 + 14);
            assertThat(anomaly.getCellStyle().getFillForegroundXSSFColor().getARGBHex()).endsWith("8E44AD");
        }
    }

    @Test
    void unitSheetsGiveTheFindingInChineseWithPathAndPercentages() throws Exception {
        try (XSSFWorkbook wb = report()) {
            XSSFSheet s = wb.getSheet("广州市团委");
            var late = s.getRow(2); // task 0 (data anomalies) first, as in every report
            assertThat(late.getCell(0).getStringCellValue()).isEqualTo("任务13 在线收缴团费");
            assertThat(late.getCell(1).getStringCellValue()).isEqualTo("逾期未完成");
            assertThat(late.getCell(3).getStringCellValue()).isEqualTo("在线交费比例未达标");
            assertThat(late.getCell(4).getStringCellValue()).isEqualTo("广州市团委");
            assertThat(late.getCell(5).getStringCellValue()).isEqualTo("广州市团委");
            assertThat(late.getCell(8).getNumericCellValue()).isEqualTo(0.42);
            assertThat(late.getCell(8).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(late.getCell(9).getNumericCellValue()).isEqualTo(0.6);
            var odd = s.getRow(1); // a member's finding: the member by id, the path of the branch responsible
            assertThat(odd.getCell(4).getCellType()).isEqualTo(CellType.STRING);
            assertThat(odd.getCell(4).getStringCellValue()).isEqualTo("000123");
            assertThat(odd.getCell(5).getStringCellValue()).isEqualTo("广州市团委 / 示例团支部");
            assertThat(odd.getCell(6).getStringCellValue()).isEqualTo("示例团支部");
            assertThat(odd.getCell(11).getCellType()).isEqualTo(CellType.STRING);
            assertThat(odd.getCell(11).getStringCellValue()).isEqualTo("000123");
        }
    }

    @Test
    void namesFromTheDataStayTextAndSheetNamesStayWithinExcelsRules() throws Exception {
        try (XSSFWorkbook wb = report()) {
            XSSFSheet s = wb.getSheetAt(2);
            assertThat(s.getSheetName()).hasSizeLessThanOrEqualTo(31).doesNotContainAnyWhitespaces()
                    .doesNotContain("/", ":", "*", "?", "[", "]").startsWith("=HYPERLINK");
            XSSFCell message = s.getRow(1).getCell(3);
            assertThat(message.getCellType()).isEqualTo(CellType.STRING);
            assertThat(message.getStringCellValue()).isEqualTo(HOSTILE);
            XSSFCell summaryName = wb.getSheet("汇总").getRow(6).getCell(0);
            assertThat(summaryName.getCellType()).isEqualTo(CellType.STRING);
        }
    }

    @Test
    void spotChecksGiveTheMemberAsTextWithOrganisationPathAndChineseRule() throws Exception {
        try (XSSFWorkbook wb = report()) {
            var call = wb.getSheet("抽查-联络组1").getRow(1);
            assertThat(call.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(call.getCell(0).getStringCellValue()).isEqualTo("000123");
            assertThat(call.getCell(2).getStringCellValue()).isEqualTo("广州市团委 / 示例团支部");
            assertThat(call.getCell(4).getStringCellValue()).isEqualTo("报到早于入团");
        }
    }

    @Test
    void sheetNamesAreCutToThirtyOneCharactersAndMadeUnique() {
        Set<String> taken = new HashSet<>();
        String a = XlsxReport.sheetName("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", taken);
        taken.add(a.toLowerCase());
        String b = XlsxReport.sheetName("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", taken);
        assertThat(a).hasSize(31);
        assertThat(b).hasSizeLessThanOrEqualTo(31).endsWith("(2)").isNotEqualTo(a);
        assertThat(XlsxReport.sheetName("a/b:c", Set.of())).isEqualTo("a_b_c");
    }

    @Test
    void chineseCountsDoubleInColumnWidths() {
        assertThat(XlsxReport.width("广州市团委")).isEqualTo(10);
        assertThat(XlsxReport.width("C1-U")).isEqualTo(4);
    }
}
