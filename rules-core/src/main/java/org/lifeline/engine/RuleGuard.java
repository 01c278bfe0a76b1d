package org.lifeline.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What rule files may touch. DRL can call any Java; rule files edited by policy staff may import only Lifeline's
 * fact and helper types, {@code java.time} and {@code java.util}, and may not name I/O, networking, reflection,
 * threads, processes or the JVM ({@code System}, {@code Runtime}) anywhere in their code. Comments and string
 * literals are not code. A host can trust a rules directory explicitly to lift this.
 */
final class RuleGuard {

    private static final List<String> ALLOWED_IMPORTS = List.of("org.lifeline.fact.", "org.lifeline.calendar.",
            "org.lifeline.engine.Finding", "org.lifeline.engine.OrgInfo", "org.lifeline.engine.Share",
            "org.lifeline.engine.Roster", "org.lifeline.engine.SharedKey", "org.lifeline.engine.SharedKeyKind",
            "java.time.", "java.util.");
    /** Parts of java.util that reach threads, files, class loading or logging. */
    private static final List<String> DENIED_UTIL = List.of("java.util.concurrent", "java.util.logging", "java.util.jar",
            "java.util.zip", "java.util.prefs", "java.util.spi", "java.util.ServiceLoader", "java.util.Timer");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+|function\\s+|accumulate\\s+)?([\\w.*$]+)",
            Pattern.MULTILINE);
    /** Names that reach outside the rules, wherever they appear in code. */
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(java\\s*\\.\\s*(io|nio|net|lang\\s*\\.\\s*(reflect|invoke|Process|Runtime|System|Thread|Class))"
                    + "|javax\\s*\\.|sun\\s*\\.|jdk\\s*\\.|System|Runtime|ProcessBuilder|Process|Thread|ThreadGroup|"
                    + "ClassLoader|Class\\s*\\.\\s*forName|getClass|Executors?|ForkJoinPool|Unsafe|MethodHandles?|"
                    + "ScriptEngine\\w*|exit|halt|getRuntime|setAccessible)\\b");
    /** A fully qualified name in code: a.b.C */
    private static final Pattern QUALIFIED = Pattern.compile("\\b([a-z][a-z0-9_]*(\\s*\\.\\s*[a-z][a-z0-9_]*)+)\\s*\\.\\s*[A-Z]\\w*");

    private RuleGuard() {
    }

    /** Every forbidden use in a rule file, with its line. */
    static List<RuleError> check(String path, String text) {
        List<RuleError> errors = new ArrayList<>();
        String code = blankCommentsAndStrings(text);
        Matcher im = IMPORT.matcher(code);
        while (im.find()) {
            String kind = im.group(1) == null ? "" : im.group(1).trim();
            String target = im.group(2);
            if (kind.equals("function") || kind.equals("accumulate")) {
                errors.add(new RuleError(path, RuleSet.line(code, im.start()), 0,
                        "import " + kind + " " + target + " is not allowed in rule files (logic belongs in readable rules)"));
            } else if (ALLOWED_IMPORTS.stream().noneMatch(target::startsWith)
                    || DENIED_UTIL.stream().anyMatch(target::startsWith)) {
                errors.add(new RuleError(path, RuleSet.line(code, im.start()), 0, "import " + target
                        + " is not allowed: rule files may import only org.lifeline.fact.*, org.lifeline.calendar.*, "
                        + "Finding, OrgInfo, Roster, SharedKey, SharedKeyKind, Share, java.time.* and java.util.*"));
            }
        }
        String body = IMPORT.matcher(code).replaceAll(m -> " ".repeat(m.group().length()));
        body = body.replaceAll("(?m)^\\s*package\\s+[\\w.]+", " ");
        Matcher f = FORBIDDEN.matcher(body);
        while (f.find()) {
            errors.add(new RuleError(path, RuleSet.line(body, f.start()), 0, "'" + f.group().replaceAll("\\s+", "")
                    + "' is not allowed in rule files (no I/O, network, reflection, threads, processes or JVM control)"));
        }
        Matcher q = QUALIFIED.matcher(body);
        while (q.find()) {
            String pkg = q.group(1).replaceAll("\\s+", "") + ".";
            boolean allowed = pkg.startsWith("org.lifeline.fact.") || pkg.startsWith("org.lifeline.calendar.")
                    || pkg.equals("java.time.") || pkg.equals("java.util.") || pkg.startsWith("java.time.");
            if (!allowed && !pkg.startsWith("java.") && !looksLikeProperty(body, q.start())) {
                errors.add(new RuleError(path, RuleSet.line(body, q.start()), 0, "the name " + q.group().replaceAll("\\s+", "")
                        + " is outside what rule files may use"));
            } else if (!allowed && pkg.startsWith("java.")) {
                errors.add(new RuleError(path, RuleSet.line(body, q.start()), 0, "the name " + q.group().replaceAll("\\s+", "")
                        + " is outside what rule files may use (java.time and java.util only)"));
            }
        }
        return errors;
    }

    /** {@code $m.deadline.X}: a property path on a bound variable, not a package name. */
    private static boolean looksLikeProperty(String body, int start) {
        return start > 0 && (body.charAt(start - 1) == '$' || body.charAt(start - 1) == '.');
    }

    /** Comments and string literals replaced by spaces, keeping line breaks, so that offsets and lines stay. */
    static String blankCommentsAndStrings(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                for (; i < end; i++) {
                    out.append(text.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (c == '"') {
                out.append('"');
                i++;
                while (i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        out.append(' ');
                        i++;
                    }
                    out.append(' ');
                    i++;
                }
                if (i < text.length()) {
                    out.append(text.charAt(i));
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

}
