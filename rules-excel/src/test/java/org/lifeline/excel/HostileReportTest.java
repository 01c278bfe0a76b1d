package org.lifeline.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Severity;
import org.lifeline.engine.SpotCheckPlan;
import org.lifeline.engine.SubjectType;
import org.lifeline.engine.Violation;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;
import org.lifeline.report.ReportModel;

/**
 * Organisation names a hostile city could export, written into the Excel report: the report is always written, every
 * name stays a text cell (never a formula), within Excel's limits, and the workbook opens in LibreOffice.
 */
class HostileReportTest {

    @TempDir
    Path dir;

    /** Past Excel's 32,767 characters per cell (varied, so that reading it back is no zip bomb for POI). */
    private static final String LONG = "长长长" + new java.util.Random(1).ints(40_000, 0x4E00, 0x9FA5)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
    private static final List<String> NAMES = List.of("=1+2", "+1+2", "-1+2", "@SUM(1,2)", "=HYPERLINK(\"http://x\",\"y\")",
            "控制\u0001字符\u001b[31m\u0000", "孤立\uD800代理", "非字符\uFFFE\uFFFF", "History", "'引号'", LONG, "[]:*?/\\");

    private static byte[] report() throws Exception {
        List<Fact> facts = new ArrayList<>();
        facts.add(Organization.of("GD", "团省委", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL));
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            String id = "C" + i;
            String name = NAMES.get(i);
            facts.add(Organization.of(id, name, "GD", OrgType.CITY_COMMITTEE, Sector.REGIONAL));
            violations.add(new Violation("T4_HOLLOW", 4, Severity.VIOLATION, SubjectType.ORGANIZATION, id, id, id, name, 1,
                    LocalDate.of(2018, 10, 15), null, null, List.of(), List.of(), name + "为空心团支部", "hollow"));
        }
        Evaluation e = new Evaluation(LocalDate.of(2018, 10, 26), "test", violations, new SpotCheckPlan(Map.of()),
                List.of(), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxReport.write(new ReportModel(e, FactSet.of(facts), null), out);
        return out.toByteArray();
    }

    @Test
    void everyHostileNameIsWrittenAsTextWithinExcelsCellLimit() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(report()))) {
            List<String> texts = new ArrayList<>();
            for (Sheet s : wb) {
                for (Row r : s) {
                    for (Cell c : r) {
                        assertThat(c.getCellType()).as(s.getSheetName() + "!" + c.getAddress()).isNotEqualTo(CellType.FORMULA);
                        if (c.getCellType() == CellType.STRING) {
                            assertThat(c.getStringCellValue().length()).isLessThanOrEqualTo(32_767);
                            texts.add(c.getStringCellValue());
                        }
                    }
                }
            }
            assertThat(texts).contains("=1+2", "+1+2", "-1+2", "@SUM(1,2)");
            assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("长长长").hasSizeLessThanOrEqualTo(32_767));
            assertThat(wb.getNumberOfSheets()).isEqualTo(NAMES.size() + 1);
            for (Sheet s : wb) {
                assertThat(s.getSheetName()).hasSizeBetween(1, 31).doesNotContain("[", "]", ":", "*", "?", "/", "\\")
                        .isNotEqualToIgnoringCase("History");
            }
        }
    }

    @Test
    void theReportWithHostileNamesOpensInLibreOfficeWithoutComputingAnything() throws Exception {
        assumeTrue(new ProcessBuilder("which", "soffice").start().waitFor() == 0, "LibreOffice is not installed");
        Path xlsx = Files.write(dir.resolve("report.xlsx"), report());
        Process p = new ProcessBuilder("soffice", "-env:UserInstallation=" + dir.resolve("profile").toUri(), "--headless",
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir",
                dir.toString(), xlsx.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(log).isTrue();
        List<Path> csvs;
        try (var s = Files.list(dir)) {
            csvs = s.filter(f -> f.toString().endsWith(".csv")).toList();
        }
        assertThat(csvs).as(log).isNotEmpty();
        String all = String.join("\n", csvs.stream().map(f -> {
            try {
                return Files.readString(f, StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList());
        assertThat(all).contains("=1+2").doesNotContain(",3,"); // the text is shown, never computed
    }
}
