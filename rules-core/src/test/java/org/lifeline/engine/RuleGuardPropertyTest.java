package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random rule code: whatever mixes in a forbidden call, type, {@code new}, class literal, loop or lambda, hidden
 * among allowed code, strings, char literals and comments, is refused; random allowed code is accepted.
 */
class RuleGuardPropertyTest {

    /** Forbidden expressions (each names or calls something outside the allow-list). */
    private static final List<String> FORBIDDEN_EXPRESSIONS = List.of(
            "Runtime.getRuntime().exec(\"touch /tmp/x\")",
            "java.lang.Runtime.getRuntime()",
            "System.getenv(\"HOME\")",
            "System.currentTimeMillis()",
            "new java.io.File(\"x\").delete()",
            "new java.util.Formatter(\"/tmp/x\")",
            "new java.util.Timer()",
            "new java.util.ArrayList()",
            "new Thread()",
            "ProcessHandle.allProcesses().count()",
            "String.class.getName()",
            "\"x\".getClass().getName()",
            "Organization.class.getClassLoader()",
            "$o.getClass()",
            "$o.type().getDeclaringClass()",
            "Class.forName(\"java.lang.Runtime\")",
            "Integer.getInteger(\"x\")",
            "java.time.LocalDate.now()",
            "java.util.List.of(1).stream().count()",
            "java.util.List.of(1).iterator()",
            "drools.getKieRuntime()",
            "kcontext.getRule()",
            "org.lifeline.engine.Lifeline.bundled()",
            "org.lifeline.fact.CsvFacts.read(null, null, null)",
            "Thread.currentThread()",
            "java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"))",
            "javax.script.ScriptEngineManager.class",
            "unknownName",
            "$o.unknownField",
            "((Object) $o).getClass()",
            "java.util.List.of(1).forEach(x -> { })",
            "java.util.Optional.of(1).map(String::valueOf)",
            "new Object() { }.hashCode()");

    /** Forbidden statements for consequences. */
    private static final List<String> FORBIDDEN_STATEMENTS = List.of(
            "for (int i = 0; i < 2; i++) { }",
            "while (false) { }",
            "do { } while (false);",
            "try { } finally { }",
            "throw new IllegalStateException();",
            "return;",
            "insert(\"x\");",
            "update($o);",
            "retract($o);",
            "delete($o);",
            "synchronized (this) { }",
            "class X { }",
            "modify($o) { }");

    /** Allowed expressions over $o (an Organization) and $id (its id, a String). */
    private static final List<String> ALLOWED_EXPRESSIONS = List.of(
            "$id", "$id.length()", "$id.toUpperCase()", "\"a\\\"b\"", "'\"'", "1", "2.5", "true",
            "$o.name()", "$o.type()", "OrgType.BRANCH", "Sector.UNIVERSITY.name()", "Math.max(1, 2)",
            "java.time.LocalDate.of(2018, 6, 30).plusDays(3)", "java.util.List.of($id).size()",
            "String.valueOf(3)", "Integer.valueOf(2).intValue()", "$o.type() == OrgType.BRANCH",
            "java.time.YearMonth.of(2018, 9).atEndOfMonth()", "java.util.Objects.equals($id, \"x\")");

    /** How forbidden code hides: after char literals and strings with quotes, inside comments' neighbours. */
    private static final List<String> DISGUISES = List.of(
            "%s", "char q = '\"'; %s", "String s = \"/*\"; %s /* */", "// \"\n%s", "/* \" */ %s",
            "String t = \"\\\"\"; %s", "if (true) { %s }", "if ($id == null) { } else { %s }", "{ %s }",
            "char c = '\\''; %s");

    @Provide
    Arbitrary<String> forbiddenExpression() {
        Arbitrary<String> inner = Arbitraries.of(FORBIDDEN_EXPRESSIONS);
        Arbitrary<String> allowed = Arbitraries.of(ALLOWED_EXPRESSIONS);
        Arbitrary<String> wrapper = Arbitraries.of(
                "%s", "String.valueOf(%s)", "(%s)", "\"\" + %s", "%s + \"\"", "java.util.List.of(%s)",
                "java.util.Objects.toString(%s)", "true ? %s : null", "Math.abs(String.valueOf(%s).length())");
        return Combinators.combine(inner, allowed, wrapper, wrapper)
                .as((f, a, w1, w2) -> String.format(w1, String.format(w2, f)) + " != " + a);
    }

    @Provide
    Arbitrary<String> forbiddenConsequence() {
        Arbitrary<String> statement = Arbitraries.oneOf(
                forbiddenExpression().map(e -> "Object x = " + e + ";"),
                forbiddenExpression().map(e -> "insertLogical( " + e + " );"),
                Arbitraries.of(FORBIDDEN_STATEMENTS));
        Arbitrary<String> allowed = Arbitraries.of(ALLOWED_EXPRESSIONS).map(a -> "Object y = " + a + ";");
        return Combinators.combine(statement, allowed, Arbitraries.of(DISGUISES), Arbitraries.integers().between(0, 1))
                .as((s, a, d, order) -> order == 0 ? a + "\n    " + String.format(d, s) : String.format(d, s) + "\n    " + a);
    }

    @Provide
    Arbitrary<String> allowedConsequence() {
        Arbitrary<String> expr = Arbitraries.of(ALLOWED_EXPRESSIONS);
        Arbitrary<String> combined = Combinators.combine(expr, expr, Arbitraries.of("%s + \"/\" + %s", "String.valueOf(%s).equals(String.valueOf(%s))",
                        "java.util.List.of(%s, %s)", "java.util.Objects.equals(%s, %s)"))
                .as((a, b, w) -> String.format(w, a, b));
        return Combinators.combine(combined, Arbitraries.of(DISGUISES))
                .as((c, d) -> String.format(d, "insertLogical( org.lifeline.engine.Finding.of(drools, $id).detail(" + c + ") );"));
    }

    @Property(tries = 300)
    void forbiddenCodeInConsequencesIsAlwaysRefused(@ForAll("forbiddenConsequence") String code) {
        String drl = RuleGuardTest.rule("", "$o : Organization( $id : id )", code);
        assertThat(RuleGuard.check("p.drl", drl)).as(drl).isNotEmpty();
    }

    @Property(tries = 300)
    void forbiddenCodeInConstraintsIsAlwaysRefused(@ForAll("forbiddenExpression") String expr) {
        String drl = RuleGuardTest.rule("", "$o : Organization( $id : id )\n    Organization( " + expr + " )", "");
        assertThat(RuleGuard.check("p.drl", drl)).as(drl).isNotEmpty();
    }

    @Property(tries = 200)
    void forbiddenCodeInMetadataIsAlwaysRefused(@ForAll("forbiddenExpression") String expr) {
        String drl = RuleGuardTest.rule("", "Organization( )", "").replace("@taskId(\"4\")", "@taskId(\"4\") @note(" + expr + ")");
        assertThat(RuleGuard.check("p.drl", drl)).as(drl).isNotEmpty();
    }

    @Property(tries = 200)
    void allowedCodeIsAccepted(@ForAll("allowedConsequence") String code) {
        String drl = RuleGuardTest.rule("", "$o : Organization( $id : id )", code);
        assertThat(RuleGuard.check("p.drl", drl)).as(drl).isEmpty();
    }
}
