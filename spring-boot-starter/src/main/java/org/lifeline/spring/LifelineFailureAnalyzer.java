package org.lifeline.spring;

import java.util.stream.Collectors;
import org.lifeline.engine.RuleCompilationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns rules that do not compile at start-up into Spring Boot's failure report: every error with its file and line,
 * in Chinese for policy staff, and what to do.
 */
class LifelineFailureAnalyzer extends AbstractFailureAnalyzer<RuleCompilationException> {

    private final Environment environment;

    LifelineFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RuleCompilationException cause) {
        String errors = cause.errors().stream().map(e -> "    " + e.file() + (e.line() > 0 ? ":" + e.line() : "") + ": "
                + e.messageZh()).collect(Collectors.joining("\n"));
        String dir = environment.getProperty("lifeline.rules-dir");
        String where = dir == null ? "" : "（lifeline.rules-dir=" + dir + "）";
        return new FailureAnalysis("Lifeline 规则" + where + "有 " + cause.errors().size() + " 处错误，未加载 / the Lifeline rules"
                + (dir == null ? "" : " in " + dir) + " have " + cause.errors().size() + " error(s), nothing was loaded:\n" + errors,
                "修正上述规则文件后重启（可先运行 ./lifeline validate 目录 检查）/ fix the files above and restart "
                        + "(check first with ./lifeline validate DIR), or remove lifeline.rules-dir to use the bundled rules.",
                cause);
    }
}
