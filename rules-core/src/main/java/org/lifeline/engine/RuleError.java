package org.lifeline.engine;

/**
 * One mistake in a rule set: the file (relative to the rules directory), the line and column (0 when
 * unknown) and the compiler's or checker's message (English; for a waiver, Chinese then English), with {@link #messageZh()} saying in Chinese what
 * kind of mistake it is, for policy staff.
 */
public record RuleError(String file, int line, int column, String message) {

    /** What kind of mistake this is, in Chinese, followed by the English detail. */
    public String messageZh() {
        String m = message;
        String kind;
        if (m.startsWith("豁免")) { // waivers: the message is already Chinese, then English
            return "豁免文件有误：" + m;
        } else if (file.endsWith(".yaml")) {
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
        } else if (m.contains("metadata value")) {
            kind = "规则元数据只能是带引号的文字或数字（元数据在编译时即被执行，不得含代码）";
        } else if (m.contains("rule files")) {
            kind = "规则文件不得使用该类型、方法或写法（允许使用的内容见 rule-allowlist.yaml 允许清单）";
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
