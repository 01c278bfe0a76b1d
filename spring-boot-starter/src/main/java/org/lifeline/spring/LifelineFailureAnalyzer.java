package org.lifeline.spring;

import java.util.stream.Collectors;
import org.lifeline.engine.RuleCompilationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns rules that do not compile at start-up into Spring Boot's failure report: every error with its file and line,
 * in Chinese for policy staff, and what to do.
 */
class LifelineFailureAnalyzer extends AbstractFailureAnalyzer<RuleCompilationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RuleCompilationException cause) {
        String errors = cause.errors().stream().map(e -> "    " + e.file() + (e.line() > 0 ? ":" + e.line() : "") + ": "
                + e.messageZh()).collect(Collectors.joining("\n"));
        return new FailureAnalysis("Lifeline 规则有 " + cause.errors().size() + " 处错误，未加载 / the Lifeline rules have "
                + cause.errors().size() + " error(s), nothing was loaded:\n" + errors,
                "修正上述规则文件后重启（可先运行 ./lifeline validate 目录 检查）/ fix the files above and restart "
                        + "(check first with ./lifeline validate DIR), or remove lifeline.rules-dir to use the bundled rules.",
                cause);
    }
}
