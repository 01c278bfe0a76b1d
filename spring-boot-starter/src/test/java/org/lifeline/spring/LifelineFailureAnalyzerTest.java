package org.lifeline.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lifeline.engine.RuleCompilationException;
import org.lifeline.engine.RuleError;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

class LifelineFailureAnalyzerTest {

    @Test
    void rulesThatDoNotCompileAreReportedFileByFileInChineseWithWhatToDo() {
        RuleCompilationException cause = new RuleCompilationException(List.of(
                new RuleError("t04.drl", 14, 5, "[ERR 102] mismatched input ')'"),
                new RuleError("calendar.yaml", 0, 0, "milestones: expected a map")));
        MockEnvironment env = new MockEnvironment().withProperty("lifeline.rules-dir", "/srv/rules");
        FailureAnalysis a = new LifelineFailureAnalyzer(env).analyze(new IllegalStateException("wrapped", cause));
        assertThat(a.getDescription()).contains("lifeline.rules-dir=/srv/rules", "2 处错误", "t04.drl:14: 语法错误",
                "calendar.yaml: 日历或联络组文件有误");
        assertThat(a.getAction()).contains("./lifeline validate");
    }
}
