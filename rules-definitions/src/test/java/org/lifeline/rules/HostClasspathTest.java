package org.lifeline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Monitor;
import org.lifeline.engine.Violation;
import org.lifeline.engine.ViolationListener;
import org.lifeline.fact.FactSet;
import org.lifeline.scenario.Scenario;

/**
 * What a host gets from the rules-definitions dependency alone is enough for the bundled rules: a new JVM on this
 * module's classpath without its provided dependencies (the classic compiler, the DRL parser, the Eclipse compiler,
 * JavaParser, the executable model's code generator) evaluates and monitors like this one; compiling a rules
 * directory there fails with a message naming what to add.
 */
class HostClasspathTest {

    /** The provided dependencies of rules-definitions' pom (with what they bring), by jar name. */
    private static final List<String> NOT_FOR_HOSTS = List.of("drools-mvel-", "mvel2-", "javaparser-core-",
            "drools-model-codegen-", "drools-codegen-common-", "drools-mvel-parser-", "drools-mvel-compiler-",
            "drools-model-prototype-", "drools-drl-parser-", "antlr4-runtime-", "drools-drl-ast-",
            "drools-drl-extensions-", "drools-ecj-", "ecj-", "antlr-runtime-");
    private static final Path SCENARIO = Path.of("src/test/resources/scenarios/T04.HOLLOW_BRANCH.yaml");
    private static final Path RULE_FILES = Path.of("target/classes/lifeline");

    @Test
    void theBundledRulesRunWithoutTheCompilersAndADirectoryAsksForThem() throws Exception {
        List<String> cp = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(e).getFileName().toString();
            if (NOT_FOR_HOSTS.stream().anyMatch(name::startsWith)) {
                left.add(name);
            } else {
                cp.add(e);
            }
        }
        assertThat(left).as("compiler jars left out").hasSizeGreaterThanOrEqualTo(10);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, cp), Host.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        List<String> lines = out.lines().filter(l -> l.startsWith("host: ")).map(l -> l.substring(6)).toList();
        assertThat(lines).as(out).hasSizeGreaterThan(2);
        assertThat(lines.subList(0, lines.size() - 1)).as("the same as with every jar").isEqualTo(Host.run())
                .anyMatch(l -> l.startsWith("violation ")).anyMatch(l -> l.startsWith("raised "));
        assertThat(lines.get(lines.size() - 1)).startsWith("fromDirectory: compiling rule files at run time")
                .contains("org.drools:drools-mvel").contains("com.github.javaparser:javaparser-core");
    }

    /** What the host does: prints every violation, every callback and what compiling a rules directory says. */
    static final class Host {

        public static void main(String[] args) throws IOException {
            for (String line : run()) {
                System.out.println("host: " + line);
            }
            try {
                Lifeline.fromDirectory(RULE_FILES);
                System.out.println("host: fromDirectory: compiled");
            } catch (IllegalStateException e) {
                System.out.println("host: fromDirectory: " + e.getMessage());
            }
        }

        static List<String> run() {
            List<String> out = new ArrayList<>();
            Scenario s = Scenario.read(SCENARIO);
            Lifeline lifeline = Lifeline.bundled();
            lifeline.evaluate(FactSet.of(s.facts()), s.asOf()).violations().forEach(v -> out.add("violation " + v));
            try (Monitor m = lifeline.monitor(LocalDate.of(2018, 6, 25), new ViolationListener() {
                public void raised(Violation v) {
                    out.add("raised " + v.ruleId() + " " + v.subjectId() + " " + v.severity());
                }

                public void resolved(Violation v) {
                    out.add("resolved " + v.ruleId() + " " + v.subjectId());
                }
            })) {
                m.insertAll(s.facts());
                m.setAsOf(s.asOf());
            }
            return out;
        }
    }
}
