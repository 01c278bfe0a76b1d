package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;

/**
 * Untrusted rule files may use only what rule-allowlist.yaml allows; every escape is refused at validate, with
 * file and line, before anything is compiled, so nothing of it runs.
 */
class RuleGuardTest {

    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;

    /** Line 1 package, 2 import of the facts, 3 extra imports, 4 rule, 5 when, 6 condition, 7 then, 8 consequence. */
    static String rule(String imports, String when, String then) {
        return "package rules;\nimport org.lifeline.fact.*;\n" + imports + "\n"
                + "rule \"T04.ESCAPE\" @taskId(\"4\") @severity(\"VIOLATION\")\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    private Path marker() {
        return elsewhere.resolve("pwned");
    }

    /** A payload that creates the marker file when it runs. */
    private String touch() {
        return "java.lang.Runtime.getRuntime().exec(\"touch " + marker() + "\").waitFor()";
    }

    /** The file is refused at validate on that line, building it throws, and nothing ran. */
    private void refusedAt(String drl, int line) {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "escape.drl", drl));
        List<RuleError> errors = Lifeline.validate(dir);
        assertThat(errors).as(drl).isNotEmpty().allSatisfy(e -> assertThat(e.file()).isEqualTo("escape.drl"));
        assertThat(errors).as(drl).anySatisfy(e -> assertThat(e.line()).isEqualTo(line));
        assertThatThrownBy(() -> Lifeline.fromDirectory(dir)).isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("escape.drl:" + line);
        assertThatThrownBy(() -> Lifeline.builder().rulesDirectory(dir).build()).isInstanceOf(RuleCompilationException.class);
        assertThat(errors.get(0).messageZh()).isNotEmpty();
        assertThat(marker()).as("the attack ran").doesNotExist();
    }

    // ------------------------------------------------------------------ the attacks of issue 12

    @Test
    void aCharLiteralQuoteDoesNotHideTheCallAfterIt() {
        refusedAt(rule("", "Organization( )", "char q = '\"'; " + touch() + ";"), 8);
    }

    /** Found by a hostile review after issue 12: work that cannot be bounded from inside the rule language. */
    @Test
    void regularExpressionsHugeAllocationsAndTextBlocksAreRefused() {
        String redos = "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\" matches \"((a|aa)(\\\\2)?)+$\"";
        refusedAt(rule("", "Organization( $id : id, " + redos + " )", ""), 6);
        refusedAt(rule("", "Organization( name not matches \"x.*\" )", ""), 6);
        refusedAt(rule("", "Organization( name soundslike \"x\" )", ""), 6);
        refusedAt(rule("", "$o : Organization( )", "String s = $o.name().replaceAll(\"((a|aa)(\\\\2)?)+$\", \"\");"), 8);
        refusedAt(rule("", "$o : Organization( )", "boolean b = $o.name().matches(\"a+\");"), 8);
        refusedAt(rule("", "$o : Organization( )", "int n = $o.name().split(\",\").length;"), 8);
        refusedAt(rule("", "Organization( )", "String s = \"xx\".repeat(1 << 29);"), 8);
        refusedAt(rule("", "Organization( )", "int b = java.math.BigInteger.valueOf(7).pow(Integer.MAX_VALUE / 2).bitLength();"), 8);
        // Drools' consequence parser reads """ as strings: the delete inside the text block would be a real delete
        refusedAt(rule("", "$o : Organization( )", "String s = \"\"\"\n    \" ; delete($o); String t = \"\n    \"\"\";"), 8);
    }

    @Test
    void aFormatterCannotWriteFiles() {
        refusedAt(rule("", "Organization( )", "new java.util.Formatter(\"" + marker() + "\").close();"), 8);
        refusedAt(rule("import java.util.*;", "Organization( )", "new Formatter(\"" + marker() + "\").close();"), 8);
    }

    @Test
    void reflectionThroughClassLiteralsIsRefused() {
        refusedAt(rule("", "Organization( )", "Object r = String.class.forName(\"java.lang.Runtime\").getMethod(\"getRuntime\")"
                + ".invoke(null);"), 8);
        refusedAt(rule("", "Organization( )", "Organization.class.getClassLoader().loadClass(\"java.lang.Runtime\");"), 8);
        refusedAt(rule("", "$o : Organization( )", "$o.getClass().getClassLoader();"), 8);
    }

    @Test
    void theSameInConstraintsEvalAndFrom() {
        refusedAt(rule("", "Organization( name == String.valueOf(" + touch() + ") )", ""), 6);
        refusedAt(rule("", "Organization( name == \"\" + String.class.forName(\"java.lang.Runtime\") )", ""), 6);
        refusedAt(rule("", "Organization( )\n    eval( " + touch() + " == 0 )", ""), 7);
        refusedAt(rule("import java.util.List;", "$l : List( ) from java.util.List.of(" + touch() + ")", ""), 6);
        refusedAt(rule("import java.util.List;", "$n : Number( ) from accumulate( Organization( $i : name ), "
                + "init( int s = 0; ), action( s = " + touch() + "; ), result( s ) )", ""), 6);
        refusedAt(rule("", "accumulate( Organization( $i : name ), $n : count( " + touch() + " ) )", ""), 6);
    }

    @Test
    void dialectMvelFunctionsGlobalsDeclarationsQueriesAreRefused() {
        String mvel = "package rules;\nimport org.lifeline.fact.*;\ndialect \"mvel\"\n"
                + "rule \"T04.ESCAPE\" @taskId(\"4\") @severity(\"VIOLATION\")\nwhen\n    Organization( )\nthen\n    "
                + touch() + ";\nend\n";
        refusedAt(mvel, 3);
        refusedAt(rule("", "Organization( )", touch() + ";").replace("when", "    dialect \"mvel\"\nwhen"), 5);
        refusedAt(rule("function int f() { return " + touch() + "; }", "Organization( )", ""), 3);
        refusedAt(rule("global java.util.List out;", "Organization( )", ""), 3);
        refusedAt(rule("declare Evil\n  x : int\nend", "Organization( )", ""), 3);
        refusedAt(rule("query q(String x) Organization( name == x ) end", "Organization( )", ""), 3);
        refusedAt(rule("import function java.lang.Runtime.getRuntime;", "Organization( )", ""), 3);
        refusedAt(rule("import static java.lang.Runtime.getRuntime;", "Organization( )", ""), 3);
        refusedAt(rule("import accumulate java.util.Timer t;", "Organization( )", ""), 3);
    }

    @Test
    void processesTimersAndTheEngineAreOutOfReach() {
        refusedAt(rule("", "Organization( )", "ProcessHandle.allProcesses().count();"), 8);
        refusedAt(rule("", "Organization( )", "new java.util.Timer();"), 8);
        refusedAt(rule("", "Organization( )", "drools.getKieRuntime().getKieBase().removeRule(\"rules\", \"T04.X\");"), 8);
        refusedAt(rule("", "Organization( )", "kcontext.getKieRuntime();"), 8);
        refusedAt(rule("", "Organization( )", "org.lifeline.engine.Finding.of(drools.getKieRuntime() == null ? drools : drools, \"x\");"), 8);
    }

    @Test
    void metadataMustBeAPlainLiteralAndIsCheckedBeforeCompiling() {
        String drl = rule("", "Organization( )", "").replace("@severity(\"VIOLATION\")",
                "@severity(\"VIOLATION\")\n  @note('\"' + " + touch() + ")");
        refusedAt(drl, 5);
        refusedAt(rule("", "Organization( )", "").replace("@taskId(\"4\")", "@taskId(\"4\" + \"\")"), 4);
        refusedAt(rule("", "Organization( )", "").replace("@taskId(\"4\")", "@taskId(\"4\") @k(a = 1, b = " + touch() + ")"), 4);
        refusedAt(rule("", "Organization( ) @watch(name)", ""), 6);
    }

    /** The metadata attack is real: trusted, the same file runs its payload while being compiled. */
    @Test
    void metadataIsCodeWhenTrusted() {
        String drl = rule("", "Organization( )", "").replace("@severity(\"VIOLATION\")",
                "@severity(\"VIOLATION\")\n  @note('\"' + " + touch() + ")");
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "escape.drl", drl));
        Lifeline.builder().rulesDirectory(dir).trustRules(true).build();
        assertThat(marker()).exists();
    }

    @Test
    void attributesThatRunCodeAreRefused() {
        refusedAt(rule("", "Organization( )", "").replace("when", "    salience ( " + touch() + " )\nwhen"), 5);
        refusedAt(rule("", "Organization( )", "").replace("when", "    enabled ( " + touch() + " == 0 )\nwhen"), 5);
        refusedAt(rule("", "Organization( )", "").replace("when", "    timer ( int: 1s )\nwhen"), 5);
    }

    @Test
    void aThousandSegmentChainIsRefusedWithoutCrashing() {
        StringBuilder chain = new StringBuilder("a0");
        for (int i = 1; i < 1000; i++) {
            chain.append(".a").append(i);
        }
        refusedAt(rule("", "Organization( )", chain + ";"), 8);
        refusedAt(rule("", "Organization( name == " + chain + " )", ""), 6);
        refusedAt(rule("import " + chain + ";", "Organization( )", ""), 3);
        refusedAt(rule("", "Organization( )", "").replace("@taskId(\"4\")", "@taskId(" + chain + ")"), 4);
        StringBuilder parens = new StringBuilder();
        parens.append("(".repeat(1000)).append("1").append(")".repeat(1000));
        refusedAt(rule("", "Organization( )", "int x = " + parens + ";"), 8);
    }

    @Test
    void unicodeEscapesAreRefused() {
        refusedAt(rule("", "Organization( )", "// \\u000a " + touch() + ";"), 8);
    }

    @Test
    void consequencesMayNotLoopOrChangeFactsDirectly() {
        refusedAt(rule("", "Organization( )", "for (int i = 0; i < 3; i++) { }"), 8);
        refusedAt(rule("", "Organization( )", "while (true) { }"), 8);
        refusedAt(rule("", "$o : Organization( )", "update($o);"), 8);
        refusedAt(rule("", "$o : Organization( )", "delete($o);"), 8);
        refusedAt(rule("", "$o : Organization( )", "insert(\"x\");"), 8);
        refusedAt(rule("", "$o : Organization( )", "java.util.List.of(1).forEach(x -> { });"), 8);
        refusedAt(rule("", "$o : Organization( )", "Object f = new Object() { };"), 8);
        refusedAt(rule("", "$o : Organization( )", "java.util.List.of(1).stream().map(String::valueOf);"), 8);
        refusedAt(rule("", "$o : Organization( )", "try { } catch (Exception e) { }"), 8);
    }

    // ------------------------------------------------------------------ what stays allowed

    @ParameterizedTest
    @ValueSource(strings = {
        "import java.io.File;|Organization( )|",
        "import java.net.URL;|Organization( )|",
        "import java.lang.reflect.Method;|Organization( )|",
        "import java.util.concurrent.Executors;|Organization( )|",
        "import function java.lang.Math.max;|Organization( )|",
        "|Organization( )|System.exit(1);",
        "|Organization( )|Runtime.getRuntime().halt(1);",
        "|Organization( )|new ProcessBuilder(\"rm\").start();",
        "|Organization( )|new Thread(() -> {}).start();",
        "|Organization( )|java.nio.file.Files.delete(java.nio.file.Path.of(\"x\"));",
        "|$o : Organization( )|$o.getClass().getMethods();",
        "|Organization( )|Class.forName(\"x\");",
        "|Organization( name == System.getenv(\"HOME\") )|",
        "|Organization( )|org.lifeline.engine.Lifeline.bundled();",
        "|Organization( )|org.lifeline.fact.CsvFacts.read(null, null, null);",
        "|Organization( )|Integer.getInteger(\"user.home\");",
        "|Organization( )|java.time.LocalDate.now();",
        "|$o : Organization( )|$o.type().getDeclaringClass();",
        "|Organization( $t : type.declaringClass )|",
    })
    void escapesAreRefusedWithFileAndLine(String spec) {
        String[] p = spec.split("\\|", -1);
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "escape.drl", rule(p[0], p[1], p[2])));
        List<RuleError> errors = Lifeline.validate(dir);
        assertThat(errors).as(spec).isNotEmpty().allSatisfy(e -> {
            assertThat(e.file()).isEqualTo("escape.drl");
            assertThat(e.line()).isBetween(3, 9);
            assertThat(e.messageZh()).startsWith("规则文件不得使用");
        });
    }

    @Test
    void commentsAndStringsAreNotCode() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "ok.drl", rule("// import java.io.File;",
                "Organization( name != \"System.exit\" )", "/* Runtime.getRuntime() */ java.util.List.of();")));
        assertThat(Lifeline.validate(dir)).isEmpty();
    }

    @Test
    void theStyleOfTheBundledRulesIsAllowed() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "ok.drl", """
                package rules;
                import org.lifeline.fact.*;
                import org.lifeline.calendar.AsOf;
                import org.lifeline.calendar.Milestone;
                import org.lifeline.calendar.Setting;
                import org.lifeline.engine.*;
                import java.util.List;
                import java.util.Set;

                rule "T04.STYLE" @taskId("4") @severity("VIOLATION") @description("示例 \\"引号\\"")
                when
                    AsOf( $today : date )
                    $m : Milestone( key == "T04", $required : share )
                    Setting( name == "minBranchMembers", $min : intValue )
                    Organization( type in (OrgType.BRANCH, OrgType.COMMITTEE), type not in (OrgType.CITY_COMMITTEE),
                                  sector != Sector.UNIVERSITY || purpose == null, name str[startsWith] "x", $id : id )
                    OrgInfo( orgId == $id, ancestors not contains "GD", $top : topUnitId != null )
                    $r : Roster( orgId == $id, size >= $min, largestBurst($min).size() >= 0.5 * size,
                                 Math.abs(size - $min) > 1 )
                    $members : List( size > 0 ) from accumulate(
                        Member( orgId == $id, reportedAt == null, joinedOn < $today.minusDays(3), $mid : id ),
                        collectList( $mid ) )
                    accumulate( Member( orgId == $id, $mid : id ),
                                $n : count( $mid ), $all : collectSet( $mid ); $n.intValue() > 0 )
                    not Member( orgId == $id, graduationYear != null )
                    FeePayment( $p : id ) from $r.payments
                then
                    String detail = $members.size() + "/" + $all.size();
                    if ($n > 1) {
                        detail = detail + "!";
                    }
                    insertLogical( Finding.of(drools, $id).at($m).members($members).related(List.of($p)).detail(detail) );
                    insertLogical( new Share("T04.STYLE", $top, $members.size(), $r.size()) );
                end
                """));
        List<RuleError> errors = Lifeline.validate(dir);
        assertThat(errors).isEmpty();
    }

    @Test
    void theBundledRulesPassTheGuard() throws IOException {
        Path rules = Path.of("../rules-definitions/src/main/resources/lifeline/rules");
        try (Stream<Path> files = Files.list(rules)) {
            List<Path> drl = files.filter(f -> f.toString().endsWith(".drl")).sorted().toList();
            assertThat(drl).isNotEmpty();
            for (Path f : drl) {
                assertThat(RuleGuard.check(f.getFileName().toString(), Files.readString(f))).as(f.toString()).isEmpty();
            }
        }
    }

    @Test
    void aTrustedDirectoryMayUseAnything() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "t.drl", rule("import java.io.File;",
                "Organization( )", "new File(\"x\").getName(); System.out.println(\"trusted\");")));
        assertThat(Lifeline.validate(dir)).isNotEmpty();
        assertThat(Lifeline.builder().rulesDirectory(dir).trustRules(true).build().ruleIds()).containsExactly("T04.ESCAPE");
    }

    /** The consequence attack is real: trusted, it runs when the rule fires. */
    @Test
    void theCharLiteralAttackRunsWhenTrusted() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "escape.drl",
                rule("", "Organization( )", "char q = '\"'; " + touch() + ";")));
        Lifeline trusted = Lifeline.builder().rulesDirectory(dir).trustRules(true).build();
        trusted.evaluate(FactSet.of(List.of(Organization.of("GD", "团省委", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL))),
                LocalDate.of(2018, 7, 1));
        assertThat(marker()).exists();
    }
}
