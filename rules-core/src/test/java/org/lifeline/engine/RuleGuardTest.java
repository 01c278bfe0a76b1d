package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Rule files may touch only Lifeline's facts, java.time and java.util; each escape is refused with its line. */
class RuleGuardTest {

    @TempDir
    Path dir;

    private static String rule(String imports, String when, String then) {
        return "package rules;\nimport org.lifeline.fact.*;\n" + imports + "\n"
                + "rule \"T04.ESCAPE\" @taskId(\"4\") @severity(\"VIOLATION\")\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

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
    })
    void escapesAreRefusedWithFileAndLine(String spec) {
        String[] p = spec.split("\\|", -1);
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "escape.drl", rule(p[0], p[1], p[2])));
        List<RuleError> errors = Lifeline.validate(dir);
        assertThat(errors).as(spec).isNotEmpty().allSatisfy(e -> {
            assertThat(e.file()).isEqualTo("escape.drl");
            assertThat(e.line()).isBetween(3, 9);
        });
    }

    @Test
    void commentsAndStringsAreNotCode() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "ok.drl", rule("// import java.io.File;",
                "Organization( name != \"System.exit\" )", "/* Runtime.getRuntime() */ java.util.List.of();")));
        assertThat(Lifeline.validate(dir)).isEmpty();
    }

    @Test
    void aTrustedDirectoryMayUseAnything() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "t.drl", rule("import java.io.File;",
                "Organization( )", "new File(\"x\").getName();")));
        assertThat(Lifeline.validate(dir)).isNotEmpty();
        assertThat(Lifeline.builder().rulesDirectory(dir).trustRules(true).build().ruleIds()).containsExactly("T04.ESCAPE");
    }
}
