package org.lifeline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * module's runtime classpath, which has none of its provided dependencies (the classic compiler, the DRL parser, the
 * Eclipse compiler, JavaParser, the executable model's code generator), evaluates and monitors like this one (plus
 * this test's own classes, which use the scenario reader); compiling a rules directory there fails with a message
 * naming what to add.
 */
class HostClasspathTest {

    /** This module's runtime classpath, written by the build (maven-dependency-plugin, build-classpath). */
    private static final Path HOST_CLASSPATH = Path.of("target/host-classpath.txt");
    private static final Path SCENARIO = Path.of("src/test/resources/scenarios/T04.HOLLOW_BRANCH.yaml");
    private static final Path RULE_FILES = Path.of("target/classes/lifeline");

    @Test
    void theBundledRulesRunWithoutTheCompilersAndADirectoryAsksForThem() throws Exception {
        List<String> cp = new ArrayList<>(List.of(Path.of("target/classes").toAbsolutePath().toString(),
                Path.of("target/test-classes").toAbsolutePath().toString()));
        cp.addAll(List.of(Files.readString(HOST_CLASSPATH).strip().split(File.pathSeparator)));
        assertThat(cp).noneMatch(e -> e.contains("drools-mvel") || e.contains("javaparser") || e.contains("ecj")
                || e.contains("drools-model-codegen") || e.contains("drl-parser") || e.contains("antlr"))
                .anyMatch(e -> e.contains("drools-model-compiler")).noneMatch(e -> e.contains("junit"));
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
            lifeline.evaluate(FactSet.of(s.facts()), s.asOf()).violations().forEach(v -> out.add("violation " + v.toString().replace("\n", "\\n")));
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
