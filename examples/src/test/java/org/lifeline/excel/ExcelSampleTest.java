package org.lifeline.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.cli.Main;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactParser;

/** The bundled sample as the offices keep it: the same province as a workbook gives the same findings as CSV. */
class ExcelSampleTest {

    static Lifeline bundled;
    static final LocalDate AS_OF = LocalDate.of(2018, 9, 26);

    @TempDir
    Path dir;

    @BeforeAll
    static void warm() {
        bundled = Lifeline.bundled();
    }

    private Path sampleCsv() throws Exception {
        Path csv = Files.createDirectories(dir.resolve("csv"));
        for (FactKind k : FactKind.values()) {
            try (InputStream in = Main.class.getClassLoader().getResourceAsStream("sample/" + k.key() + ".csv")) {
                if (in != null) {
                    Files.copy(in, csv.resolve(k.key() + ".csv"));
                }
            }
        }
        return csv;
    }

    @Test
    void theSampleAsAWorkbookGivesExactlyTheViolationsOfItsCsvExport() throws Exception {
        CsvFacts.Loaded fromCsv = CsvFacts.read(sampleCsv(), "auto", null);
        Path xlsx = dir.resolve("province.xlsx");
        try (FactWorkbook w = new FactWorkbook(xlsx, ColumnMap.defaults())) {
            fromCsv.facts().stream().forEach(w);
        }
        CsvFacts.Loaded fromXlsx = ExcelFacts.read(xlsx, ColumnMap.defaults(), "auto", null, false, FactParser.Limits.DEFAULT);

        // the facts themselves, kind by kind, in order
        for (FactKind k : FactKind.values()) {
            assertThat(new ArrayList<>(fromXlsx.facts().all(k))).as(k.key())
                    .containsExactlyElementsOf(new ArrayList<>(fromCsv.facts().all(k)));
        }
        Evaluation csv = bundled.evaluate(fromCsv.facts(), AS_OF);
        Evaluation excel = bundled.evaluate(fromXlsx.facts(), AS_OF);
        assertThat(csv.violations()).hasSizeGreaterThan(100);
        assertThat(excel.violations()).containsExactlyElementsOf(csv.violations()); // records: field for field
        assertThat(excel.spotCheckPlan()).isEqualTo(csv.spotCheckPlan());
        assertThat(fromXlsx.rowsPerFile()).containsEntry("province.xlsx:团员", (long) fromCsv.facts().all(FactKind.MEMBERS).size());
    }

    @Test
    void theCommandLineReadsAWorkbookAndWritesTheReportAsAWorkbook() throws Exception {
        CsvFacts.Loaded fromCsv = CsvFacts.read(sampleCsv(), "auto", null);
        Path xlsx = dir.resolve("province.xlsx");
        try (FactWorkbook w = new FactWorkbook(xlsx, ColumnMap.defaults())) {
            fromCsv.facts().stream().forEach(w);
        }
        Path report = dir.resolve("report.xlsx");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"check", "--facts", xlsx.toString(), "--as-of", AS_OF.toString(), "--format",
            "xlsx", "--out", report.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertThat(err.toString()).isEqualTo("lifeline: report written to " + report.toAbsolutePath() + System.lineSeparator());
        assertThat(code).isZero();
        try (Workbook wb = WorkbookFactory.create(report.toFile(), null, true)) {
            assertThat(wb.getSheetName(0)).isEqualTo(XlsxReport.SUMMARY);
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertThat(names).contains("广州市团委", "抽查-联络组1");
            Sheet gz = wb.getSheet("广州市团委");
            assertThat(gz.getRow(0).getCell(0).getStringCellValue()).isEqualTo("任务");
            assertThat(gz.getPaneInformation().isFreezePane()).isTrue();
            Sheet calls = wb.getSheet("抽查-联络组1");
            assertThat(calls.getRow(1).getCell(0).getCellType()).isEqualTo(CellType.STRING);
        }
    }

    @Test
    void theSamplesWaivedFindingsHaveTheirOwnSheetAndTheSummaryCountsThemApart() throws Exception {
        Path report = dir.resolve("sample.xlsx");
        int code = Main.run(new String[] {"check", "--format", "xlsx", "--out", report.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        try (Workbook wb = WorkbookFactory.create(report.toFile(), null, true)) {
            assertThat(wb.getSheet(XlsxReport.SUMMARY).getRow(1).getCell(0).getStringCellValue())
                    .contains("共 598 项").contains("已豁免 2 项（不计入）");
            Sheet waived = wb.getSheet(XlsxReport.WAIVERS);
            assertThat(waived).isNotNull();
            assertThat(waived.getRow(0).getCell(0).getStringCellValue()).isEqualTo("豁免编号");
            List<String> ids = new ArrayList<>();
            for (int r = 1; waived.getRow(r) != null && !waived.getRow(r).getCell(0).getStringCellValue().isEmpty(); r++) {
                ids.add(waived.getRow(r).getCell(0).getStringCellValue());
            }
            assertThat(ids).hasSize(2);
            List<String> text = new ArrayList<>();
            waived.forEach(row -> row.forEach(c -> text.add(c.getStringCellValue())));
            assertThat(text).contains(org.lifeline.report.ReportModel.WAIVERS_ZH);
        }
    }

    @Test
    void csvReportHasAByteOrderMarkUnlessNoBomIsGiven() {
        StringWriter out = new StringWriter();
        assertThat(Main.run(new String[] {"check", "--format", "csv"}, new PrintWriter(out), new PrintWriter(new StringWriter())))
                .isZero();
        assertThat(out.toString()).startsWith("\ufeffruleId,");
        StringWriter plain = new StringWriter();
        assertThat(Main.run(new String[] {"check", "--format", "csv", "--no-bom"}, new PrintWriter(plain),
                new PrintWriter(new StringWriter()))).isZero();
        assertThat(plain.toString()).startsWith("ruleId,");
        StringWriter withBom = new StringWriter();
        assertThat(Main.run(new String[] {"check", "--format", "csv", "--bom"}, new PrintWriter(withBom),
                new PrintWriter(new StringWriter()))).isZero();
        assertThat(withBom.toString()).startsWith("\ufeffruleId,");
    }

    @Test
    void aBadWorkbookExitsTwoWithSheetRowAndColumnAndABadColumnMapNamesItsEntry() throws Exception {
        Path xlsx = dir.resolve("bad.xlsx");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            var o = wb.createSheet("组织");
            var h = o.createRow(0);
            h.createCell(0).setCellValue("组织ID");
            h.createCell(1).setCellValue("组织名称");
            h.createCell(2).setCellValue("组织类别");
            h.createCell(3).setCellValue("所属领域");
            var r = o.createRow(1);
            r.createCell(0).setCellValue("GD");
            r.createCell(1).setCellValue("团省委");
            r.createCell(2).setCellValue("团中央"); // not a label of the map
            r.createCell(3).setCellValue("地方团委");
            try (var out = Files.newOutputStream(xlsx)) {
                wb.write(out);
            }
        }
        StringWriter err = new StringWriter();
        assertThat(Main.run(new String[] {"check", "--facts", xlsx.toString(), "--as-of", "2018-09-26"},
                new PrintWriter(new StringWriter()), new PrintWriter(err))).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("lifeline: bad.xlsx:组织:2:C: Organization GD: field 'type': unknown value "
                + "of 3 characters (one of PROVINCIAL_COMMITTEE, CITY_COMMITTEE, COUNTY_COMMITTEE, TOWNSHIP_COMMITTEE, "
                + "STREET_WORK_COMMITTEE, WORK_COMMITTEE, COMMITTEE, GENERAL_BRANCH, BRANCH)");
        Path map = dir.resolve("map.yaml");
        Files.writeString(map, "kinds:\n  people:\n    sheets: [人员]\n");
        StringWriter err2 = new StringWriter();
        assertThat(Main.run(new String[] {"check", "--facts", xlsx.toString(), "--as-of", "2018-09-26", "--column-map",
            map.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err2))).isEqualTo(2);
        assertThat(err2.toString()).startsWith("lifeline: " + map + ": kinds.people: unknown fact kind");
    }

    @Test
    void xlsxNeedsAnOutputFile() {
        StringWriter err = new StringWriter();
        assertThat(Main.run(new String[] {"check", "--format", "xlsx"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err))).isEqualTo(2);
        assertThat(err.toString()).contains("--out FILE.xlsx");
    }
}
