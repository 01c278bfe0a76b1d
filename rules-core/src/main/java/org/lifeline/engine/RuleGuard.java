package org.lifeline.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AccumulateImportDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.ParserError;

/**
 * What untrusted rule files may do, checked on the PARSED rules before anything is compiled (compiling already
 * runs code: the classic compiler evaluates rule metadata with MVEL). Each file is parsed with Drools' own DRL
 * parser; then every import, attribute, metadata value, pattern type, constraint, {@code from} and accumulate
 * expression and consequence is checked against the allow-list {@code rule-allowlist.yaml} ({@link RuleAllowList}),
 * Java code being parsed with JavaParser ({@link RuleCode}). Anything it cannot read or type is refused. A host
 * can trust a rules directory explicitly to skip this.
 */
final class RuleGuard {

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,18}(\\.[0-9]{1,18})?");
    private static final Pattern BINDING = Pattern.compile("^\\s*(\\$?[A-Za-z_][A-Za-z0-9_$]*)\\s*:=?(?!:)\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\+u");
    private static final List<String> WORD_OPERATORS = List.of("contains", "memberOf", "matches", "excludes", "soundslike", "str");

    private final String path;
    private final String text;
    private final RuleAllowList allow = RuleAllowList.get();
    private final List<RuleError> errors = new ArrayList<>();
    private RuleTypes types;

    private RuleGuard(String path, String text) {
        this.path = path;
        this.text = text;
    }

    /** Every use a rule file may not make, with its line; empty when the file may be compiled. */
    static List<RuleError> check(String path, String text) {
        RuleGuard g = new RuleGuard(path, text);
        try {
            g.run();
        } catch (StackOverflowError e) {
            g.error(0, 0, "this file is nested too deeply to be checked (not allowed in rule files)");
        } catch (RuntimeException e) {
            g.error(0, 0, "this file could not be checked, so it is refused: " + e + " (not allowed in rule files)");
        }
        return g.errors;
    }

    private void run() {
        Matcher u = UNICODE_ESCAPE.matcher(text);
        if (u.find()) {
            error(RuleSet.line(text, u.start()), 0, "unicode escapes (\\u) are not allowed in rule files; write the character itself");
            return;
        }
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, text);
        } catch (Exception e) {
            error(0, 0, "the file cannot be parsed: " + e.getMessage());
            return;
        }
        if (parser.hasErrors() || pkg == null) {
            for (DroolsError e : parser.getErrors()) {
                int line = e instanceof ParserError pe ? pe.getRow() : (e.getLines().length > 0 ? e.getLines()[0] : 0);
                int col = e instanceof ParserError pe ? pe.getCol() : 0;
                errors.add(new RuleError(path, Math.max(line, 0), Math.max(col, 0), e.getMessage()));
            }
            if (errors.isEmpty()) {
                error(0, 0, "Parser returned a null Package");
            }
            return;
        }
        List<String> imports = new ArrayList<>();
        for (ImportDescr i : pkg.getImports()) {
            imports.add(i.getTarget());
        }
        types = new RuleTypes(allow, RuleGuard.class.getClassLoader(), pkg.getName(), imports);
        for (ImportDescr i : pkg.getImports()) {
            checkImport(i);
        }
        for (FunctionImportDescr f : pkg.getFunctionImports()) {
            error(lineOf(f, "import"), 0, "'import function' and 'import static' (" + f.getTarget()
                    + ") are not allowed in rule files");
        }
        for (AccumulateImportDescr a : pkg.getAccumulateImports()) {
            error(lineOf(a, "import accumulate"), 0, "'import accumulate' (" + a.getTarget() + ") is not allowed in rule files");
        }
        for (FunctionDescr f : pkg.getFunctions()) {
            error(lineOf(f, "function"), 0, "'function' (" + f.getName() + ") is not allowed in rule files: write the logic in the rule");
        }
        for (GlobalDescr g : pkg.getGlobals()) {
            error(lineOf(g, "global"), 0, "'global' (" + g.getIdentifier() + ") is not allowed in rule files");
        }
        List<BaseDescr> declarations = new ArrayList<>();
        declarations.addAll(pkg.getTypeDeclarations());
        declarations.addAll(pkg.getEnumDeclarations());
        declarations.addAll(pkg.getEntryPointDeclarations());
        declarations.addAll(pkg.getWindowDeclarations());
        for (BaseDescr d : declarations) {
            error(lineOf(d, "declare"), 0, "'declare' is not allowed in rule files: rules read Lifeline's facts only");
        }
        for (AttributeDescr a : pkg.getAttributes()) {
            checkAttribute(a, 0);
        }
        for (RuleDescr r : pkg.getRules()) {
            if (r instanceof QueryDescr) {
                error(r.getLine(), 0, "'query' (" + r.getName() + ") is not allowed in rule files");
            } else {
                checkRule(r);
            }
        }
    }

    private void checkImport(ImportDescr i) {
        String target = i.getTarget();
        int line = i.getLine();
        if (target.endsWith(".*")) {
            String pkg = target.substring(0, target.length() - 2);
            if (!allow.allowedPackage(pkg)) {
                error(line, 0, "import " + target + " is not allowed in rule files: no type of that package may be used");
            }
            return;
        }
        try {
            if (types.qualified(target) == null) {
                error(line, 0, "import " + target + ": unknown type (not allowed in rule files)");
            }
        } catch (RuleTypes.Refused e) {
            error(line, 0, "import " + target + " is not allowed: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ rules

    private void checkRule(RuleDescr r) {
        for (AttributeDescr a : r.getAttributes().values()) {
            checkAttribute(a, r.getLine());
        }
        checkAnnotations(r.getAnnotations(), r.getLine(), "rule \"" + r.getName() + "\"");
        Map<String, Class<?>> bound = new HashMap<>();
        RuleCode code = new RuleCode(allow, types, bound);
        lhs(r.getLhs(), code);
        if (r.getConsequence() != null) {
            consequence(r, String.valueOf(r.getConsequence()), code);
        }
        for (Map.Entry<String, Object> named : r.getNamedConsequences().entrySet()) {
            consequence(r, String.valueOf(named.getValue()), code);
        }
    }

    private void checkAttribute(AttributeDescr a, int fallbackLine) {
        int line = a.getLine() > 0 ? a.getLine() : fallbackLine;
        String name = a.getName();
        String value = a.getValue() == null ? "" : a.getValue().trim();
        if (!allow.attribute(name)) {
            error(line, 0, "the rule attribute '" + name + "' is not allowed in rule files");
        } else if (a.getType() == AttributeDescr.Type.EXPRESSION) {
            error(line, 0, "the rule attribute '" + name + "' must be a plain value, not an expression, in rule files");
        } else if (name.equals("dialect") && !value.equals("java")) {
            error(line, 0, "dialect \"" + value + "\" is not allowed in rule files: rules are written in the java dialect");
        } else if (name.equals("salience") && !value.matches("-?[0-9]+")) {
            error(line, 0, "salience must be a whole number in rule files");
        }
    }

    /** Metadata values are evaluated while compiling: each must be a quoted string or a number, nothing else. */
    private void checkAnnotations(java.util.Collection<AnnotationDescr> annotations, int line, String where) {
        for (AnnotationDescr a : annotations) {
            for (Map.Entry<String, Object> v : a.getValueMap().entrySet()) {
                Object value = v.getValue();
                if (value == null) {
                    continue;
                }
                if (!(value instanceof String s) || !isLiteral(s.trim())) {
                    error(annotationLine(a.getName(), line), 0, "the metadata value of @" + a.getName() + " in " + where
                            + " must be a plain literal (one quoted string, or a number): metadata is evaluated while compiling, so it is not allowed in rule files to be code");
                }
            }
        }
    }

    /**
     * A metadata value that is only a literal: one quoted string (whose only escapes are \\" \\\\ \\n \\t),
     * or a number. Checked by hand: a regular expression over long text can overflow the stack.
     */
    static boolean isLiteral(String v) {
        if (NUMBER.matcher(v).matches()) {
            return true;
        }
        if (v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') {
            return false;
        }
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == '"') {
                return false;
            }
            if (c == '\\') {
                i++;
                if (i >= v.length() - 1 || "\"\\nt".indexOf(v.charAt(i)) < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private int annotationLine(String name, int fromLine) {
        Matcher m = Pattern.compile("@\\s*" + Pattern.quote(name) + "\\b").matcher(text);
        int from = offsetOfLine(Math.max(fromLine, 1));
        return m.find(from) ? RuleSet.line(text, m.start()) : fromLine;
    }

    // ------------------------------------------------------------------ conditions

    private void lhs(BaseDescr d, RuleCode code) {
        if (d instanceof AndDescr || d instanceof OrDescr || d instanceof NotDescr || d instanceof ExistsDescr) {
            for (Object c : ((org.drools.drl.ast.descr.ConditionalElementDescr) d).getDescrs()) {
                lhs((BaseDescr) c, code);
            }
        } else if (d instanceof ForallDescr f) {
            for (BaseDescr c : f.getDescrs()) {
                lhs(c, code);
            }
        } else if (d instanceof PatternDescr p) {
            pattern(p, code);
        } else if (d instanceof EvalDescr) {
            error(d.getLine(), d.getColumn(), "eval(…) is not allowed in rule files: write the condition as a constraint");
        } else {
            error(d.getLine(), d.getColumn(), "this kind of condition (" + d.getClass().getSimpleName().replace("Descr", "")
                    + ") is not allowed in rule files");
        }
    }

    private void pattern(PatternDescr p, RuleCode code) {
        int line = p.getLine();
        checkAnnotations(p.getAnnotations(), line, "a pattern");
        if (p.isQuery()) {
            error(line, p.getColumn(), "calling a query is not allowed in rule files");
            return;
        }
        Class<?> type = null;
        try {
            type = types.qualified(p.getObjectType());
            if (type == null) {
                error(line, p.getColumn(), "unknown fact type '" + p.getObjectType() + "' (not allowed in rule files)");
            }
        } catch (RuleTypes.Refused e) {
            error(line, p.getColumn(), e.getMessage());
        }
        PatternSourceDescr source = p.getSource();
        if (source != null) {
            source(source, line, code);
        }
        if (p.getIdentifier() != null) {
            bind(code, p.getIdentifier(), type == null ? Object.class : type, line, p.getColumn());
        }
        for (BaseDescr c : p.getDescrs()) {
            if (c instanceof ExprConstraintDescr e && e.getType() == ExprConstraintDescr.Type.NAMED) {
                constraint(e.getExpression(), e.getLine() > 0 ? e.getLine() : line, e.getColumn(), type, code);
            } else {
                error(c.getLine() > 0 ? c.getLine() : line, c.getColumn(),
                        "this kind of constraint (positional or unnamed) is not allowed in rule files: name the field");
            }
        }
    }

    private void source(PatternSourceDescr source, int line, RuleCode code) {
        if (source instanceof FromDescr f) {
            String expr = f.getDataSource() == null ? f.getExpression() : f.getDataSource().getText();
            report(line, 0, expr, issues -> code.expression(expr, issues));
        } else if (source instanceof CollectDescr c) {
            pattern(c.getInputPattern(), code);
        } else if (source instanceof AccumulateDescr a) {
            accumulate(a, line, code);
        } else if (source instanceof EntryPointDescr) {
            return;
        } else {
            error(line, 0, "this kind of 'from' (" + source.getClass().getSimpleName().replace("Descr", "")
                    + ") is not allowed in rule files");
        }
    }

    private void accumulate(AccumulateDescr a, int line, RuleCode code) {
        if (a.getInput() != null) {
            lhs(a.getInput(), code);
        }
        if (!a.isExternalFunction()) {
            List<String> blocks = Arrays.asList(a.getInitCode(), a.getActionCode(), a.getReverseCode());
            report(line, 0, null, issues -> code.inlineAccumulate(blocks, a.getResultCode(), issues));
            return;
        }
        for (AccumulateDescr.AccumulateFunctionCallDescr f : a.getFunctions()) {
            if (!allow.accumulateFunction(f.getFunction())) {
                error(line, 0, "the accumulate function '" + f.getFunction() + "' is not allowed in rule files (allowed: "
                        + "count, sum, min, max, average, collectList, collectSet)");
                continue;
            }
            Class<?> arg = null;
            for (String param : f.getParams()) {
                Class<?> t = report(line, 0, param, issues -> code.expression(param, issues));
                arg = arg == null ? t : arg;
            }
            if (f.getBind() != null) {
                bind(code, f.getBind(), resultOf(f.getFunction(), arg), line, 0);
            }
        }
    }

    private static Class<?> resultOf(String function, Class<?> arg) {
        return switch (function) {
            case "count" -> Long.class;
            case "sum", "average" -> Number.class;
            case "collectList" -> List.class;
            case "collectSet" -> java.util.Set.class;
            default -> arg == null || arg.isPrimitive() || Number.class.isAssignableFrom(arg) ? Number.class : arg;
        };
    }

    private void constraint(String expression, int line, int column, Class<?> type, RuleCode code) {
        String rest = expression;
        String var = null;
        Matcher b = BINDING.matcher(expression);
        if (b.matches()) {
            var = b.group(1);
            rest = b.group(2);
        }
        String java;
        try {
            java = toJava(rest);
        } catch (IllegalArgumentException e) {
            error(line, column + 1, e.getMessage() + ": " + expression.strip().replaceAll("\\s+", " "));
            return;
        }
        String java2 = java;
        Class<?> t = report(line, column, expression, issues -> code.constraint(java2, type, issues));
        if (var != null) {
            bind(code, var, t == null ? Object.class : box(t), line, column);
        }
    }

    private void bind(RuleCode code, String var, Class<?> type, int line, int column) {
        String bad = code.badVariableName(var);
        if (bad != null) {
            error(line, column + 1, bad + " (not allowed in rule files)");
        }
        code.bind(var, type);
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
    }

    /**
     * A DRL constraint as a Java expression: {@code a not contains b} becomes {@code a == b} (the operands are what
     * is checked), {@code x in (a, b)} becomes {@code x == __in__(a, b)}, {@code !.} becomes {@code .}. Inline casts
     * ({@code #}) and operators outside the allow-list are refused.
     */
    String toJava(String c) {
        StringBuilder out = new StringBuilder(c.length() + 16);
        int i = 0;
        int n = c.length();
        while (i < n) {
            char ch = c.charAt(i);
            if (ch == '"' || ch == '\'') {
                int end = i + 1;
                while (end < n && c.charAt(end) != ch) {
                    end += c.charAt(end) == '\\' ? 2 : 1;
                }
                if (end >= n) {
                    throw new IllegalArgumentException("an unclosed quote");
                }
                out.append(c, i, end + 1);
                i = end + 1;
            } else if (ch == '#') {
                throw new IllegalArgumentException("inline casts (#) are not allowed in rule files");
            } else if (ch == '!' && i + 1 < n && c.charAt(i + 1) == '.') {
                out.append('.');
                i += 2;
            } else if (Character.isJavaIdentifierStart(ch)) {
                int end = i;
                while (end < n && Character.isJavaIdentifierPart(c.charAt(end))) {
                    end++;
                }
                String word = c.substring(i, end);
                boolean member = previousNonSpace(out) == '.';
                String op = null;
                int after = end;
                if (!member && word.equals("not")) {
                    int j = skipSpaces(c, end);
                    int k = j;
                    while (k < n && Character.isJavaIdentifierPart(c.charAt(k))) {
                        k++;
                    }
                    String next = c.substring(j, k);
                    if (WORD_OPERATORS.contains(next) || next.equals("in")) {
                        op = "not " + next;
                        after = k;
                    }
                } else if (!member && (WORD_OPERATORS.contains(word) || word.equals("in"))) {
                    op = word;
                }
                if (op == null) {
                    out.append(word);
                    i = end;
                    continue;
                }
                if (!allow.operator(op)) {
                    throw new IllegalArgumentException("the operator '" + op + "' is not allowed in rule files");
                }
                int j = skipSpaces(c, after);
                if (op.endsWith("in")) {
                    if (j >= n || c.charAt(j) != '(') {
                        throw new IllegalArgumentException("'in' must be followed by a list in parentheses");
                    }
                    out.append(" == ").append(RuleCode.IN);
                    i = j;
                } else {
                    if (j < n && c.charAt(j) == '[') {
                        int close = c.indexOf(']', j);
                        if (close < 0 || !c.substring(j + 1, close).matches("[A-Za-z]+")) {
                            throw new IllegalArgumentException("the operator '" + op + "[…]' is not allowed in rule files");
                        }
                        j = close + 1;
                    }
                    out.append(" == ");
                    i = j;
                }
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    private static int skipSpaces(String c, int i) {
        while (i < c.length() && Character.isWhitespace(c.charAt(i))) {
            i++;
        }
        return i;
    }

    private static char previousNonSpace(StringBuilder out) {
        for (int i = out.length() - 1; i >= 0; i--) {
            if (!Character.isWhitespace(out.charAt(i))) {
                return out.charAt(i);
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------ consequences

    private void consequence(RuleDescr r, String body, RuleCode code) {
        int from = offsetOfLine(Math.max(r.getConsequenceLine(), r.getLine()));
        String head = body.strip();
        head = head.substring(0, Math.min(head.length(), 40));
        int at = head.isEmpty() ? -1 : text.indexOf(head, from);
        int firstLine;
        if (at >= 0) {
            int bodyAt = at - body.indexOf(head);
            firstLine = RuleSet.line(text, Math.max(bodyAt, 0));
        } else {
            firstLine = Math.max(r.getConsequenceLine(), r.getLine());
        }
        List<RuleCode.Issue> issues = new ArrayList<>();
        code.block(body, issues, true);
        for (RuleCode.Issue i : issues) {
            error(i.line() > 0 ? firstLine + i.line() - 1 : firstLine, i.line() == 1 ? 0 : i.column(), i.message());
        }
    }

    // ------------------------------------------------------------------ reporting

    private interface Check {
        Class<?> run(List<RuleCode.Issue> issues);
    }

    /** Runs a check of a snippet that starts on {@code line} and reports its issues on the file's lines. */
    private Class<?> report(int line, int column, String snippet, Check check) {
        List<RuleCode.Issue> issues = new ArrayList<>();
        Class<?> t = check.run(issues);
        for (RuleCode.Issue i : issues) {
            int l = i.line() > 1 ? line + i.line() - 1 : line;
            error(l, i.line() > 1 ? i.column() : column + Math.max(i.column(), 1), i.message());
        }
        return t;
    }

    private void error(int line, int column, String message) {
        String m = message.contains("rule files") ? message : message + " (not allowed in rule files)";
        errors.add(new RuleError(path, Math.max(line, 0), Math.max(column, 0), m));
    }

    private int lineOf(BaseDescr d, String keyword) {
        if (d.getLine() > 0) {
            return d.getLine();
        }
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(keyword) + "\\b").matcher(text);
        return m.find() ? RuleSet.line(text, m.start()) : 0;
    }

    private int offsetOfLine(int line) {
        int offset = 0;
        for (int l = 1; l < line && offset >= 0; l++) {
            offset = text.indexOf('\n', offset);
            if (offset < 0) {
                return 0;
            }
            offset++;
        }
        return offset;
    }
}
