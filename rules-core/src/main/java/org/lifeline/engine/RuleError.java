package org.lifeline.engine;

/**
 * One mistake in a rule set: the file (relative to the rules directory), the line and column (0 when
 * unknown) and the compiler's or checker's message (English), with {@link #messageZh()} saying in Chinese what
 * kind of mistake it is, for policy staff.
 */
public record RuleError(String file, int line, int column, String message) {

    /** What kind of mistake this is, in Chinese, followed by the English detail. */
    public String messageZh() {
        String m = message;
        String kind;
        if (file.endsWith(".yaml")) {
            kind = "日历或联络组文件有误";
        } else if (m.contains("no viable alternative") || m.contains("mismatched input") || m.contains("extraneous input")
                || m.contains("missing") && m.contains("at '") || m.contains("Parser returned a null Package")) {
            kind = "语法错误（括号、引号或关键字有误）";
        } else if (m.contains("Unable to Analyse Expression") || m.contains("unable to resolve") || m.contains("Unable to resolve")) {
            kind = "无法识别的字段、类型或表达式";
        } else if (m.contains("is not of the form")) {
            kind = "规则编号须为 Tnn.名称 或 A.名称";
        } else if (m.contains("needs @taskId")) {
            kind = "规则缺少 @taskId 或 @severity 元数据";
        } else if (m.contains("does not match rule id")) {
            kind = "@taskId 与规则编号中的任务号不一致";
        } else if (m.contains("is used twice")) {
            kind = "规则编号重复";
        } else if (m.startsWith("milestone")) {
            kind = "规则读取的时间节点不在日历文件中";
        } else if (m.startsWith("setting")) {
            kind = "规则读取的设置不在日历文件中";
        } else if (m.contains("not allowed") || m.contains("outside what rule files may use")) {
            kind = "规则文件不得使用该导入或类（仅限团组织数据、java.time、java.util）";
        } else {
            kind = "规则错误";
        }
        return kind + "：" + m;
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message;
    }
}
