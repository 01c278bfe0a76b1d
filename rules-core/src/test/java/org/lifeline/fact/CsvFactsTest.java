package org.lifeline.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export reader against input that used to be lost without a word (issue 12, item 4) and dangling rows. */
class CsvFactsTest {

    private static final String ORGS = """
            id,name,parentId,type,sector
            GD,团省委,,PROVINCIAL_COMMITTEE,REGIONAL
            GZ,广州市团委,GD,CITY_COMMITTEE,REGIONAL
            B1,示例团支部,GZ,BRANCH,TWO_NEW
            """;
    private static final String MEMBERS = """
            id,orgId,joinedOn
            M1,B1,2017-03-01
            M2,B1,
            """;

    @TempDir
    Path dir;

    private Path export(String members) throws Exception {
        Files.writeString(dir.resolve("organizations.csv"), ORGS, StandardCharsets.UTF_8);
        if (members != null) {
            Files.writeString(dir.resolve("members.csv"), members, StandardCharsets.UTF_8);
        }
        return dir;
    }

    private List<String> problems() {
        return catchThrowableOfType(FactException.class, () -> CsvFacts.read(dir, "auto", null)).problems();
    }

    @Test
    void factFileNamesAreMatchedWithoutRegardToCase() throws Exception {
        export(null);
        Files.writeString(dir.resolve("Members.CSV"), MEMBERS);
        CsvFacts.Loaded loaded = CsvFacts.read(dir, "auto", null);
        assertThat(loaded.facts().byId(FactKind.MEMBERS).keySet()).containsExactly("M1", "M2");
        assertThat(loaded.rowsPerFile()).containsEntry("Members.CSV", 2L);
        Files.writeString(dir.resolve("members.csv"), MEMBERS);
        assertThat(problems()).containsExactly("members.csv: a second file for members.csv (besides Members.CSV; names "
                + "differ only in case)");
    }

    @Test
    void aLinkADirectoryOrAnyOtherNonRegularFactFileIsRefused() throws Exception {
        export(null);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("m.csv"), MEMBERS);
        Files.createSymbolicLink(dir.resolve("members.csv"), elsewhere.resolve("m.csv"));
        assertThat(problems()).containsExactly("members.csv: a symbolic link; a fact file must be a regular file in the directory");
        Files.delete(dir.resolve("members.csv"));
        Files.createDirectories(dir.resolve("members.csv"));
        assertThat(problems()).containsExactly("members.csv: a directory; a fact file must be a regular file");
        Files.delete(dir.resolve("members.csv"));
        Files.createDirectories(dir.resolve("CADRES.csv"));
        assertThat(problems()).containsExactly("CADRES.csv: a directory; a fact file must be a regular file");
    }

    @Test
    void controlCharactersInAnyFieldAreRefusedWithFileLineAndField() throws Exception {
        export(MEMBERS.replace("M2,B1,", "M2,B1\u0000,"));
        assertThat(problems()).containsExactly("members.csv:3: Member M2: field 'orgId': control character U+0000 at "
                + "character 3 (control characters, tab and line breaks are not allowed in any field)");
        Files.writeString(dir.resolve("organizations.csv"), ORGS.replace("B1,示例团支部,", "B1,\"示例\n团支部\","));
        Files.writeString(dir.resolve("members.csv"), MEMBERS);
        assertThat(problems()).containsExactly("organizations.csv:4: Organization B1: field 'name': control character "
                + "U+000A at character 3 (control characters, tab and line breaks are not allowed in any field)");
        export(MEMBERS.replace("M2,B1,", "M2,B1,\t"));
        assertThat(problems()).singleElement().asString().startsWith("members.csv:3: Member M2: field 'joinedOn': control character U+0009");
    }

    @Test
    void blankLinesAreRefusedUnlessAtTheEnd() throws Exception {
        export(MEMBERS + "\n\r\n\n");
        assertThat(CsvFacts.read(dir, "auto", null).facts().size()).isEqualTo(5);
        export(MEMBERS.replace("M2,B1,", "\nM2,B1,"));
        assertThat(problems()).containsExactly("members.csv:3: blank line (blank lines are allowed only at the end of the file)");
        export(MEMBERS.replace("M2,B1,", "\"\"\nM2,B1,"));
        assertThat(problems()).containsExactly("members.csv:3: expected 3 fields as in the header, got 1");
    }

    @Test
    void amountsAndDatesOutOfRangeAreRefused() throws Exception {
        export(MEMBERS.replace("M2,B1,", "M2,B1,+999999999-12-31"));
        Files.writeString(dir.resolve("feePayments.csv"), """
                id,memberId,month,paidOn,channel,amountCents
                P1,M1,2018-09,2018-09-03,ONLINE,-50
                """);
        assertThat(problems()).containsExactly(
                "members.csv:3: Member M2: field 'joinedOn': expected a date yyyy-MM-dd in the years 1900 to 2100, got one outside them",
                "feePayments.csv:2: FeePayment P1: field 'amountCents': expected a number of 0 or more, got a negative one");
        assertThat(catchThrowableOfType(FactException.class, () -> CsvFacts.read(dir, "auto", null, false,
                new FactParser.Limits(2018, 2018))).problems()).contains(
                "members.csv:2: Member M1: field 'joinedOn': expected a date yyyy-MM-dd in the years 2018 to 2018, got one outside them");
    }

    @Test
    void anUnknownOrgIdRefusesTheExportUnlessLenient() throws Exception {
        export(MEMBERS + "M7,NOPE,2017-01-01\n");
        Files.writeString(dir.resolve("feePayments.csv"), """
                id,memberId,month,paidOn,channel,amountCents
                P1,M1,2018-09,2018-09-03,ONLINE,50
                P7,M7,2018-09,2018-09-03,ONLINE,50
                """);
        assertThat(problems()).containsExactly("members.csv:4: Member M7: field 'orgId': no organisation with this id");
        CsvFacts.Loaded loaded = CsvFacts.read(dir, "auto", null, true);
        assertThat(loaded.rejected()).extracting(FactSet.Rejected::line).containsExactly(
                "members.csv:4: Member M7: field 'orgId': no organisation with this id",
                "feePayments.csv:3: FeePayment P7: field 'memberId': the member it names was rejected (members.csv:4)");
        assertThat(loaded.facts().byId(FactKind.MEMBERS).keySet()).containsExactly("M1", "M2");
        long rows = loaded.rowsPerFile().values().stream().mapToLong(Long::longValue).sum();
        assertThat(loaded.facts().size() + loaded.rejected().size()).isEqualTo(rows).isEqualTo(8);
    }

    /** One file read at every buffer size from 1 to 9 characters and at the default: facts, lines and problems alike. */
    private static List<String> readAtEveryBufferSize(Path file, FactKind kind, String encoding) {
        List<String> atDefault = described(CsvFacts.readFile(file, kind, encoding, null, FactParser.Limits.DEFAULT));
        for (int buffer = 1; buffer <= 9; buffer++) {
            assertThat(described(CsvFacts.readFile(file, kind, encoding, null, FactParser.Limits.DEFAULT, buffer)))
                    .as("buffer of %d characters", buffer).isEqualTo(atDefault);
        }
        return atDefault;
    }

    private static List<String> described(CsvFacts.FileResult r) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < r.facts().size(); i++) {
            out.add(r.lines()[i] + " " + r.facts().get(i));
        }
        r.problems().forEach(p -> out.add("problem: " + p));
        return out;
    }

    @Test
    void aFileIsReadAlikeWhereverTheStreamsBufferEndsWithBomCrlfAndQuotedLineBreaks() throws Exception {
        Path f = dir.resolve("organizations.csv");
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        String text = "id,name,parentId,type,sector\r\nGD,\"团省委\",,PROVINCIAL_COMMITTEE,REGIONAL\r\n"
                + "GZ,\"广州\"\"市\"\"团委\",GD,CITY_COMMITTEE,REGIONAL\r\n\r\nB1,\"示例\n团支部\",GZ,BRANCH,TWO_NEW\r\n\r\n\n";
        Files.write(f, concat(bom, text.getBytes(StandardCharsets.UTF_8)));
        assertThat(readAtEveryBufferSize(f, FactKind.ORGANIZATIONS, "auto")).satisfiesExactly(
                gd -> assertThat(gd).startsWith("2 Organization[id=GD, name=团省委,"),
                gz -> assertThat(gz).startsWith("3 Organization[id=GZ, name=广州\"市\"团委,"),
                blank -> assertThat(blank).isEqualTo("problem: organizations.csv:4: blank line (blank lines are allowed "
                        + "only at the end of the file)"),
                b1 -> assertThat(b1).startsWith("problem: organizations.csv:5: Organization B1: field 'name': control "
                        + "character U+000A"));
    }

    @Test
    void aGbkFileIsReadAgainFromTheStartAsGbkWhenItsBytesAreNotUtf8() throws Exception {
        Path f = dir.resolve("organizations.csv");
        // the first bytes that are not UTF-8 come after two rows already parsed as UTF-8
        String text = ORGS + "B2,示例团支部二,GZ,BRANCH,TWO_NEW\n";
        Files.write(f, text.getBytes(java.nio.charset.Charset.forName("GBK")));
        List<String> gbk = readAtEveryBufferSize(f, FactKind.ORGANIZATIONS, "auto");
        assertThat(gbk).hasSize(4).allSatisfy(l -> assertThat(l).doesNotStartWith("problem"));
        assertThat(gbk.get(1)).startsWith("3 Organization[id=GZ, name=广州市团委,");
        assertThat(readAtEveryBufferSize(f, FactKind.ORGANIZATIONS, "UTF-8")).containsExactly(
                "problem: organizations.csv: the bytes are not valid UTF-8 (try --encoding auto or GBK)");
        assertThat(readAtEveryBufferSize(f, FactKind.ORGANIZATIONS, "GBK")).isEqualTo(gbk);
    }

    @Test
    void bytesThatAreNeitherUtf8NorGbkAfterAStopForTooManyProblemsStillRefuseTheFileByTheirLine() throws Exception {
        Path f = dir.resolve("members.csv");
        StringBuilder text = new StringBuilder("id,orgId,joinedOn\n");
        for (int i = 1; i <= 60; i++) {
            text.append("M").append(i).append(",B1,not-a-date\n");
        }
        byte[] bad = {(byte) 0x80, (byte) 0xff, '\n'}; // a lone continuation byte, then a byte GBK has no character for
        Files.write(f, concat(text.toString().getBytes(StandardCharsets.UTF_8), bad));
        assertThat(readAtEveryBufferSize(f, FactKind.MEMBERS, "auto"))
                .containsExactly("problem: members.csv:62: the bytes are neither UTF-8 nor GBK");
    }

    @Test
    void equalTextsOfASharedColumnGiveOneValueObjectWhetherTheirRowsFollowEachOtherOrNot() throws Exception {
        Path f = dir.resolve("feePayments.csv");
        Files.writeString(f, """
                id,memberId,month,paidOn,channel,amountCents,payerKey
                P1,M1,2018-09,2018-09-03,ONLINE,50,acct-1
                P2,M1,2018-10,2018-10-03,ONLINE,50,acct-1
                P3,M2,2018-10,2018-09-03,ONLINE,50,acct-2
                P4,M2,2018-13,2018-10-03,ONLINE,50,acct-2
                P5,M1,2018-09,2018-10-03,ONLINE,50,acct-1
                """);
        CsvFacts.FileResult r = CsvFacts.readFile(f, FactKind.FEE_PAYMENTS, "auto", null, FactParser.Limits.DEFAULT);
        assertThat(r.problems()).singleElement().asString().startsWith("feePayments.csv:5: FeePayment P4: field 'month'");
        List<FeePayment> p = r.facts().stream().map(FeePayment.class::cast).toList();
        assertThat(p).extracting(FeePayment::id).containsExactly("P1", "P2", "P3", "P5");
        assertThat(p.get(1).memberId()).isSameAs(p.get(0).memberId());
        assertThat(p.get(3).memberId()).isSameAs(p.get(0).memberId()).isNotSameAs(p.get(2).memberId());
        assertThat(p.get(3).payerKey()).isSameAs(p.get(0).payerKey());
        assertThat(p.get(3).month()).isSameAs(p.get(0).month()).isEqualTo(java.time.YearMonth.of(2018, 9));
        assertThat(p.get(2).month()).isSameAs(p.get(1).month()).isEqualTo(java.time.YearMonth.of(2018, 10));
        assertThat(p.get(2).paidOn()).isSameAs(p.get(0).paidOn());
        assertThat(p.get(3).paidOn()).isSameAs(p.get(1).paidOn()).isEqualTo(java.time.LocalDate.of(2018, 10, 3));
    }

    @Test
    void aMembersIdIsOneStringForTheMemberAndEveryPaymentTransferAndCadreNamingIt() throws Exception {
        export(MEMBERS);
        Files.writeString(dir.resolve("feePayments.csv"), """
                id,memberId,month,paidOn,channel,amountCents
                P1,M2,2018-09,2018-09-03,ONLINE,50
                P2,M1,2018-09,2018-09-03,ONLINE,50
                P3,M2,2018-10,2018-10-03,ONLINE,50
                """);
        Files.writeString(dir.resolve("cadres.csv"), "id,orgId,memberId,role\nK1,B1,M1,SECRETARY\n");
        Files.writeString(dir.resolve("transfers.csv"), "id,memberId,fromOrgId,toOrgId,appliedOn,status\n"
                + "T1,M2,B1,GZ,2018-07-01,PENDING\n");
        FactSet facts = CsvFacts.read(dir, "auto", null).facts();
        Map<String, Fact> members = facts.byId(FactKind.MEMBERS);
        for (FeePayment p : facts.all(FeePayment.class)) {
            assertThat(p.memberId()).as(p.id()).isSameAs(members.get(p.memberId()).id());
        }
        assertThat(facts.all(Cadre.class)).singleElement().satisfies(c -> assertThat(c.memberId()).isSameAs(members.get("M1").id()));
        assertThat(facts.all(Transfer.class)).singleElement().satisfies(t -> assertThat(t.memberId()).isSameAs(members.get("M2").id()));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
