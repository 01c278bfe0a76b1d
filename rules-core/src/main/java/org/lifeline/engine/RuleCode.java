package org.lifeline.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.VarType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the Java (and MVEL-like) code of one rule against the allow-list: constraint expressions, {@code from}
 * expressions, accumulate arguments and consequences. Every name must be a bound variable, a field of the
 * pattern's type or an allowed type; every call and {@code new} must be allowed on the static type it is made on.
 * Whatever cannot be parsed or typed is refused (fail closed). Nothing here loads rule code or runs it.
 */
final class RuleCode {

    /** A refusal inside one snippet: 1-based line and column within the snippet. */
    record Issue(int line, int column, String message) {
    }

    /** The static type of an expression; {@code type} is true when the expression names a type, not a value. */
    private record T(Class<?> c, boolean type) {
        static T value(Class<?> c) {
            return new T(c, false);
        }
    }

    private static final Class<?> NULL = Void.class;
    private static final int MAX_DEPTH = 120;
    private static final int MAX_NAME_SEGMENTS = 40;
    private static final Set<String> RESERVED = Set.of("drools", "kcontext", "this", "super");
    /** Stand-in for DRL's {@code x in (a, b)} after rewriting. */
    static final String IN = "__in__";

    private final RuleAllowList allow;
    private final RuleTypes types;
    /** Variables bound in the rule (patterns, accumulate results), with their static types. */
    private final Map<String, Class<?>> bound;
    private final JavaParser parser = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
            .setAttributeComments(false));

    // per snippet
    private List<Issue> issues;
    private Map<String, Class<?>> locals;
    private Class<?> implicit;
    private boolean consequence;

    RuleCode(RuleAllowList allow, RuleTypes types, Map<String, Class<?>> bound) {
        this.allow = allow;
        this.types = types;
        this.bound = bound;
    }

    /** Whether a name may be bound as a variable (not a reserved word, not a type name). */
    String badVariableName(String name) {
        if (RESERVED.contains(name)) {
            return "'" + name + "' cannot be used as a variable name";
        }
        try {
            if (types.simple(name) != null) {
                return "the variable name '" + name + "' is also the name of a type";
            }
        } catch (RuleTypes.Refused e) {
            return "the variable name '" + name + "' is also the name of a type";
        }
        return null;
    }

    /** Binds a variable of the rule; bound twice with different types, it is only an Object. */
    void bind(String name, Class<?> type) {
        Class<?> before = bound.get(name);
        bound.put(name, before == null || before == type ? type : Object.class);
    }

    // ------------------------------------------------------------------ entry points

    /**
     * A constraint's expression (after DRL operators have been rewritten), evaluated on a fact of type
     * {@code pattern} (null when there is none). Returns the static type of its leftmost operand (what a binding
     * in front of it takes), or null when refused.
     */
    Class<?> constraint(String java, Class<?> pattern, List<Issue> out) {
        return expression(java, pattern, false, out, true);
    }

    /** An expression ({@code from}, accumulate argument or result) outside any pattern; its type, or null. */
    Class<?> expression(String java, List<Issue> out) {
        return expression(java, null, false, out, false);
    }

    private Class<?> expression(String java, Class<?> pattern, boolean inConsequence, List<Issue> out, boolean leftmost) {
        start(out, pattern, inConsequence, new HashMap<>());
        return checkExpression(java, leftmost);
    }

    private Class<?> checkExpression(String java, boolean leftmost) {
        if (!shallowText(java)) {
            return null;
        }
        ParseResult<Expression> r;
        try {
            r = parser.parseExpression(java);
        } catch (StackOverflowError so) {
            refuse(null, "this expression is nested too deeply");
            return null;
        }
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            refuse(null, "this expression cannot be read (rule files may use only plain Java expressions and DRL's "
                    + "operators): " + oneLine(java));
            return null;
        }
        Expression e = r.getResult().get();
        if (!shallow(e)) {
            return null;
        }
        try {
            T t = expr(e);
            Expression left = leftmost ? leftOperand(e) : e;
            if (left != e) {
                T lt = exprQuiet(left);
                return lt == null || lt.type() ? null : lt.c();
            }
            return t == null || t.type() ? null : t.c();
        } catch (StackOverflowError so) {
            refuse(null, "this expression is nested too deeply");
            return null;
        }
    }

    /** A consequence: statements. Locals it declares stay local to it. */
    void block(String java, List<Issue> out, boolean isConsequence) {
        start(out, null, isConsequence, new HashMap<>());
        checkBlock(java);
    }

    /**
     * An accumulate's own code: {@code init}, {@code action}, {@code reverse} (statements sharing their locals)
     * and {@code result} (an expression over them). Returns the result's type, or null.
     */
    Class<?> inlineAccumulate(List<String> blocks, String result, List<Issue> out) {
        start(out, null, false, new HashMap<>());
        for (String b : blocks) {
            if (b != null && !b.isBlank()) {
                checkBlock(b);
            }
        }
        return result == null ? null : checkExpression(result, false);
    }

    private void checkBlock(String java) {
        if (!shallowText(java)) {
            return;
        }
        ParseResult<BlockStmt> r;
        try {
            r = parser.parseBlock("{" + java + "\n}");
        } catch (StackOverflowError so) {
            refuse(null, "this code is nested too deeply");
            return;
        }
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            String detail = r.getProblems().isEmpty() ? "" : ": " + r.getProblems().get(0).getMessage().lines().findFirst().orElse("");
            int line = r.getProblems().isEmpty() ? 0 : r.getProblems().get(0).getLocation()
                    .flatMap(l -> l.getBegin().getRange()).map(rg -> rg.begin.line).orElse(0);
            issues.add(new Issue(line, 0, "this code cannot be read as plain Java statements" + detail));
            return;
        }
        BlockStmt b = r.getResult().get();
        try {
            for (Statement s : b.getStatements()) {
                if (shallow(s)) {
                    stmt(s);
                }
            }
        } catch (StackOverflowError so) {
            refuse(null, "this code is nested too deeply");
        }
    }

    private void start(List<Issue> out, Class<?> pattern, boolean inConsequence, Map<String, Class<?>> newLocals) {
        issues = out;
        implicit = pattern;
        consequence = inConsequence;
        locals = newLocals;
    }

    /** Refuses text whose brackets nest deeper than the checker goes, before parsing it (parsers recurse). */
    private boolean shallowText(String java) {
        int depth = 0;
        for (int i = 0; i < java.length(); i++) {
            char c = java.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
                if (depth > MAX_DEPTH) {
                    refuse(null, "this code is nested too deeply (more than " + MAX_DEPTH + " brackets)");
                    return false;
                }
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return true;
    }

    private boolean shallow(Node root) {
        int max = 0;
        for (Node n : root.findAll(Node.class)) {
            int d = 0;
            for (Node p = n; p != null && p != root; p = p.getParentNode().orElse(null)) {
                d++;
            }
            max = Math.max(max, d);
            if (max > MAX_DEPTH) {
                refuse(n, "this code is nested too deeply (more than " + MAX_DEPTH + " levels)");
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ statements

    private void stmt(Statement s) {
        if (s instanceof ExpressionStmt es) {
            Expression e = es.getExpression();
            if (e instanceof VariableDeclarationExpr v) {
                declare(v);
            } else {
                expr(e);
            }
        } else if (s instanceof BlockStmt b) {
            b.getStatements().forEach(this::stmt);
        } else if (s instanceof IfStmt i) {
            expr(i.getCondition());
            stmt(i.getThenStmt());
            i.getElseStmt().ifPresent(this::stmt);
        } else if (s instanceof EmptyStmt) {
            return;
        } else if (s instanceof ForStmt || s instanceof ForEachStmt || s instanceof WhileStmt || s instanceof DoStmt) {
            refuse(s, "loops (for, while, do) are not allowed in rule files");
        } else {
            refuse(s, "this statement (" + kind(s) + ") is not allowed in rule files: consequences may declare "
                    + "variables, use if/else and call allowed methods");
        }
    }

    private void declare(VariableDeclarationExpr v) {
        if (!v.getAnnotations().isEmpty()) {
            refuse(v, "annotations are not allowed in rule code");
        }
        for (VariableDeclarator d : v.getVariables()) {
            String name = d.getNameAsString();
            Class<?> init = null;
            if (d.getInitializer().isPresent()) {
                T t = expr(d.getInitializer().get());
                init = t == null || t.type() ? null : t.c();
            }
            Class<?> declared = d.getType() instanceof VarType ? (init == null ? Object.class : init) : type(d.getType());
            String bad = badVariableName(name);
            if (bad != null) {
                refuse(d, bad);
            } else if (bound.containsKey(name) || locals.containsKey(name)) {
                refuse(d, "the variable '" + name + "' is already bound");
            }
            locals.put(name, declared == null ? Object.class : declared);
        }
    }

    // ------------------------------------------------------------------ expressions

    private T exprQuiet(Expression e) {
        List<Issue> saved = issues;
        issues = new ArrayList<>();
        try {
            return expr(e);
        } finally {
            issues = saved;
        }
    }

    private T expr(Expression e) {
        if (e instanceof NameExpr n) {
            return name(n);
        } else if (e instanceof FieldAccessExpr f) {
            return fieldAccess(f);
        } else if (e instanceof MethodCallExpr m) {
            return call(m);
        } else if (e instanceof ObjectCreationExpr o) {
            return creation(o);
        } else if (e instanceof TextBlockLiteralExpr) {
            // Drools' own consequence parser (Java 5) reads """ as plain strings: what it rewrites and what is
            // checked here would differ
            refuse(e, "text blocks (\"\"\") are not allowed in rule files");
        } else if (e instanceof StringLiteralExpr) {
            return T.value(String.class);
        } else if (e instanceof CharLiteralExpr) {
            return T.value(char.class);
        } else if (e instanceof IntegerLiteralExpr) {
            return T.value(int.class);
        } else if (e instanceof LongLiteralExpr) {
            return T.value(long.class);
        } else if (e instanceof DoubleLiteralExpr d) {
            String s = d.getValue().toLowerCase();
            return T.value(s.endsWith("f") ? float.class : double.class);
        } else if (e instanceof BooleanLiteralExpr) {
            return T.value(boolean.class);
        } else if (e instanceof NullLiteralExpr) {
            return T.value(NULL);
        } else if (e instanceof EnclosedExpr en) {
            return expr(en.getInner());
        } else if (e instanceof BinaryExpr b) {
            return binary(b);
        } else if (e instanceof UnaryExpr u) {
            return unary(u);
        } else if (e instanceof ConditionalExpr c) {
            expr(c.getCondition());
            T a = expr(c.getThenExpr());
            T b = expr(c.getElseExpr());
            return a != null && b != null && a.c() == b.c() ? a : T.value(Object.class);
        } else if (e instanceof CastExpr c) {
            Class<?> to = type(c.getType());
            expr(c.getExpression());
            return to == null ? null : T.value(to);
        } else if (e instanceof InstanceOfExpr i) {
            expr(i.getExpression());
            if (i.getPattern().isPresent()) {
                refuse(i, "instanceof with a pattern variable is not allowed in rule files");
            } else {
                type(i.getType());
            }
            return T.value(boolean.class);
        } else if (e instanceof AssignExpr a) {
            return assign(a);
        } else if (e instanceof ArrayAccessExpr a) {
            T arr = expr(a.getName());
            expr(a.getIndex());
            if (arr == null) {
                return null;
            }
            if (arr.type() || !arr.c().isArray()) {
                refuse(a, "indexing with [] works only on arrays in rule files (use get(i))");
                return null;
            }
            return T.value(arr.c().getComponentType());
        } else if (e instanceof ThisExpr t) {
            if (implicit == null || t.getTypeName().isPresent()) {
                refuse(e, "'this' is not allowed here");
                return null;
            }
            return T.value(implicit);
        } else if (e instanceof ClassExpr) {
            refuse(e, "class literals (X.class) are not allowed in rule files");
        } else if (e instanceof LambdaExpr) {
            refuse(e, "lambdas (->) are not allowed in rule files");
        } else if (e instanceof MethodReferenceExpr) {
            refuse(e, "method references (::) are not allowed in rule files");
        } else {
            refuse(e, "this kind of expression (" + kind(e) + ") is not allowed in rule files");
        }
        return null;
    }

    private T assign(AssignExpr a) {
        T value = expr(a.getValue());
        if (!(a.getTarget() instanceof NameExpr n) || !locals.containsKey(n.getNameAsString())) {
            refuse(a, "only local variables of the consequence may be assigned in rule files");
            return null;
        }
        return value == null ? null : T.value(locals.get(n.getNameAsString()));
    }

    private T unary(UnaryExpr u) {
        switch (u.getOperator()) {
            case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> {
                if (!(u.getExpression() instanceof NameExpr n) || !locals.containsKey(n.getNameAsString())) {
                    refuse(u, "only local variables of the consequence may be changed in rule files");
                    return null;
                }
                return T.value(locals.get(n.getNameAsString()));
            }
            case LOGICAL_COMPLEMENT -> {
                expr(u.getExpression());
                return T.value(boolean.class);
            }
            default -> {
                T t = expr(u.getExpression());
                return t == null ? null : T.value(numeric(t.c(), int.class));
            }
        }
    }

    private T binary(BinaryExpr b) {
        T l = expr(b.getLeft());
        T r = expr(b.getRight());
        if (l != null && l.type() || r != null && r.type()) {
            refuse(b, "a type name is not a value");
            return null;
        }
        switch (b.getOperator()) {
            case OR, AND, EQUALS, NOT_EQUALS, LESS, GREATER, LESS_EQUALS, GREATER_EQUALS:
                return T.value(boolean.class);
            case PLUS:
                if (l != null && l.c() == String.class || r != null && r.c() == String.class) {
                    return T.value(String.class);
                }
                return T.value(numeric(l == null ? int.class : l.c(), r == null ? int.class : r.c()));
            default:
                return T.value(numeric(l == null ? int.class : l.c(), r == null ? int.class : r.c()));
        }
    }

    private static Class<?> numeric(Class<?> a, Class<?> b) {
        Class<?> x = unbox(a);
        Class<?> y = unbox(b);
        if (x == boolean.class && y == boolean.class) {
            return boolean.class;
        }
        if (x == double.class || y == double.class || x == float.class || y == float.class
                || !x.isPrimitive() || !y.isPrimitive()) {
            return double.class;
        }
        return x == long.class || y == long.class ? long.class : int.class;
    }

    private static Class<?> unbox(Class<?> c) {
        if (c == Integer.class || c == Short.class || c == Byte.class || c == Character.class) {
            return int.class;
        } else if (c == Long.class) {
            return long.class;
        } else if (c == Double.class || c == Float.class || c == Number.class) {
            return double.class;
        } else if (c == Boolean.class) {
            return boolean.class;
        } else if (c == char.class || c == short.class || c == byte.class) {
            return int.class;
        }
        return c;
    }

    private T name(NameExpr n) {
        String name = n.getNameAsString();
        if (name.equals("drools")) {
            refuse(n, "'drools' may only be passed to Finding.of, Finding.ofEnterprise or Finding.ofMember in rule files");
            return null;
        }
        Class<?> var = locals.containsKey(name) ? locals.get(name) : bound.get(name);
        Member prop = implicit == null ? null : property(implicit, name);
        if (var != null && prop != null) {
            refuse(n, "'" + name + "' is both a bound variable and a field of " + implicit.getSimpleName() + "; rename the variable");
            return null;
        }
        if (var != null) {
            return T.value(var);
        }
        if (prop != null) {
            return propertyValue(n, implicit, name, prop);
        }
        Class<?> t = typeNamed(n, name, true);
        if (t != null) {
            return new T(t, true);
        }
        if (!refusedAlready(n)) {
            refuse(n, "unknown name '" + name + "': not a bound variable, " + (implicit == null ? "" : "a field of "
                    + implicit.getSimpleName() + ", ") + "or a type rule files may use");
        }
        return null;
    }

    private final Set<Node> refusedNodes = new HashSet<>();

    private boolean refusedAlready(Node n) {
        return refusedNodes.contains(n);
    }

    /** A type named by a simple or dotted name; refuses names of types outside the allow-list. */
    private Class<?> typeNamed(Node at, String name, boolean quietIfMissing) {
        try {
            Class<?> c = types.qualified(name);
            if (c == null && !quietIfMissing) {
                refuse(at, "unknown type '" + name + "'");
            }
            return c;
        } catch (RuleTypes.Refused e) {
            refuse(at, e.getMessage());
            refusedNodes.add(at);
            return null;
        }
    }

    /** {@code a.b.c}: a property path on a value, a constant or nested type of a type, or a qualified type name. */
    private T fieldAccess(FieldAccessExpr f) {
        List<String> chain = chain(f);
        if (chain != null && !isValueName(chain.get(0))) {
            return qualifiedChain(f, chain);
        }
        T scope = expr(f.getScope());
        if (scope == null) {
            return null;
        }
        return member(f, scope, f.getNameAsString());
    }

    private T member(Node at, T scope, String name) {
        Class<?> c = scope.c();
        if (scope.type()) {
            Class<?> nested = nested(c, name);
            if (nested != null) {
                if (!allow.allowedType(nested)) {
                    refuse(at, "the type " + nested.getName() + " is outside what rule files may use");
                    return null;
                }
                return new T(nested, true);
            }
            try {
                Field fd = c.getField(name);
                if (Modifier.isStatic(fd.getModifiers()) && allow.allowedResult(fd.getType())) {
                    return T.value(fd.getType());
                }
            } catch (NoSuchFieldException e) {
                // below
            }
            refuse(at, "'" + c.getSimpleName() + "." + name + "' is not a constant rule files may use");
            return null;
        }
        if (c == NULL || c.isPrimitive()) {
            refuse(at, "'" + name + "' cannot be read from a " + (c == NULL ? "null" : c.getName()));
            return null;
        }
        if (c.isArray() && name.equals("length")) {
            return T.value(int.class);
        }
        Member prop = property(c, name);
        if (prop == null) {
            refuse(at, "'" + name + "' is not a field of " + c.getSimpleName() + " that rule files may read");
            return null;
        }
        return propertyValue(at, c, name, prop);
    }

    private static Class<?> nested(Class<?> c, String name) {
        for (Class<?> n : c.getClasses()) {
            if (n.getSimpleName().equals(name)) {
                return n;
            }
        }
        return null;
    }

    /** The ways a property {@code name} can be read on {@code c}: accessor {@code name()}, getter, public field. */
    private record Member(List<Method> methods, Field field) {
    }

    private static Member property(Class<?> c, String name) {
        List<Method> ms = new ArrayList<>();
        String cap = name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String candidate : List.of(name, "get" + cap, "is" + cap)) {
            for (Method m : methods(c)) {
                if (m.getName().equals(candidate) && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())) {
                    ms.add(m);
                }
            }
        }
        Field f = null;
        try {
            Field fd = c.getField(name);
            if (!Modifier.isStatic(fd.getModifiers())) {
                f = fd;
            }
        } catch (NoSuchFieldException e) {
            // none
        }
        return ms.isEmpty() && f == null ? null : new Member(ms, f);
    }

    private T propertyValue(Node at, Class<?> owner, String name, Member prop) {
        for (Method m : prop.methods()) {
            if (!allow.allowedMethod(owner, m)) {
                refuse(at, "reading '" + name + "' calls " + owner.getSimpleName() + "." + m.getName()
                        + "(), which rule files may not use");
                return null;
            }
        }
        if (prop.field() != null && !allow.allowedResult(prop.field().getType())) {
            refuse(at, "the field '" + name + "' of " + owner.getSimpleName() + " is not something rule files may read");
            return null;
        }
        return T.value(prop.methods().isEmpty() ? prop.field().getType() : prop.methods().get(0).getReturnType());
    }

    private boolean isValueName(String name) {
        return locals.containsKey(name) || bound.containsKey(name) || name.equals("drools")
                || implicit != null && property(implicit, name) != null;
    }

    /** The names of a pure chain {@code a.b.c} (NameExpr at its root), or null. Iterative: chains can be long. */
    private static List<String> chain(Expression e) {
        List<String> out = new ArrayList<>();
        Expression x = e;
        while (x instanceof FieldAccessExpr f) {
            if (f.getTypeArguments().isPresent()) {
                return null;
            }
            out.add(0, f.getNameAsString());
            x = f.getScope();
        }
        if (!(x instanceof NameExpr n)) {
            return null;
        }
        out.add(0, n.getNameAsString());
        return out;
    }

    /** {@code java.time.Month.MAY}, {@code Sector.SCHOOL}: the longest prefix that is a type, then constants. */
    private T qualifiedChain(Expression at, List<String> names) {
        if (names.size() > MAX_NAME_SEGMENTS) {
            refuse(at, "this name has too many parts (" + names.size() + ")");
            return null;
        }
        Class<?> found = null;
        int used = 0;
        for (int i = 1; i <= names.size() && found == null; i++) {
            String prefix = String.join(".", names.subList(0, i));
            found = typeNamed(at, prefix, true);
            if (refusedNodes.contains(at)) {
                return null;
            }
            used = i;
        }
        if (found == null) {
            refuse(at, "unknown name '" + names.get(0) + "': not a bound variable, "
                    + (implicit == null ? "" : "a field of " + implicit.getSimpleName() + ", ") + "or a type rule files may use");
            return null;
        }
        T t = new T(found, true);
        for (int i = used; i < names.size() && t != null; i++) {
            t = member(at, t, names.get(i));
        }
        return t;
    }

    private T call(MethodCallExpr m) {
        String name = m.getNameAsString();
        if (m.getTypeArguments().isPresent()) {
            m.getTypeArguments().get().forEach(this::type);
        }
        if (m.getScope().isEmpty()) {
            if (name.equals(IN) && !consequence) {
                m.getArguments().forEach(this::expr);
                return T.value(Object.class);
            }
            if (consequence) {
                args(m, null);
                if (!allow.action(name)) {
                    refuse(m, "'" + name + "(…)' is not allowed in a consequence: only insertLogical(…) and methods "
                            + "of allowed values (no insert, update, delete, modify, functions)");
                    return null;
                }
                return T.value(void.class);
            }
            if (implicit == null) {
                args(m, null);
                refuse(m, "'" + name + "(…)' is not a method rule files may call here");
                return null;
            }
            return invoke(m, T.value(implicit), name);
        }
        Expression scopeExpr = m.getScope().get();
        List<String> chain = chain(scopeExpr);
        T scope;
        if (chain != null && chain.size() > 1 && !isValueName(chain.get(0))) {
            scope = qualifiedChain(scopeExpr, chain);
        } else {
            scope = expr(scopeExpr);
        }
        if (scope == null) {
            args(m, null);
            return null;
        }
        return invoke(m, scope, name);
    }

    private T invoke(MethodCallExpr m, T scope, String name) {
        Class<?> c = scope.c();
        args(m, scope);
        if (c == NULL || c.isPrimitive() && !scope.type()) {
            refuse(m, "'" + name + "(…)' cannot be called on a " + (c == NULL ? "null" : c.getName()));
            return null;
        }
        int n = m.getArguments().size();
        List<Method> candidates = new ArrayList<>();
        for (Method x : methods(c)) {
            if (x.getName().equals(name) && arity(x, n) && (!scope.type() || Modifier.isStatic(x.getModifiers()))) {
                candidates.add(x);
            }
        }
        if (candidates.isEmpty()) {
            refuse(m, "'" + name + "' with " + n + " argument(s) is not a " + (scope.type() ? "static " : "")
                    + "method of " + c.getSimpleName() + " that rule files may call");
            return null;
        }
        for (Method x : candidates) {
            if (!allow.allowedMethod(c, x)) {
                refuse(m, "'" + c.getSimpleName() + "." + name + "(…)' is outside what rule files may use");
                return null;
            }
        }
        Class<?> result = candidates.get(0).getReturnType();
        for (Method x : candidates) {
            if (x.getReturnType() != result) {
                result = x.getReturnType().isPrimitive() && result.isPrimitive() ? numeric(result, x.getReturnType()) : Object.class;
            }
        }
        return T.value(result);
    }

    /** Checks the arguments of a call; {@code drools} only as the first argument of Finding's factories. */
    private void args(MethodCallExpr m, T scope) {
        List<Expression> as = m.getArguments();
        for (int i = 0; i < as.size(); i++) {
            Expression a = as.get(i);
            if (a instanceof NameExpr n && n.getNameAsString().equals("drools")) {
                if (!(consequence && i == 0 && scope != null && scope.type()
                        && allow.droolsArgumentOf(scope.c(), m.getNameAsString()))) {
                    refuse(a, "'drools' may only be passed to Finding.of, Finding.ofEnterprise or Finding.ofMember in rule files");
                }
            } else {
                expr(a);
            }
        }
    }

    private static boolean arity(Method m, int n) {
        return m.isVarArgs() ? n >= m.getParameterCount() - 1 : n == m.getParameterCount();
    }

    /** Public methods of a type, with Object's for interfaces. */
    private static List<Method> methods(Class<?> c) {
        List<Method> out = new ArrayList<>(List.of(c.getMethods()));
        if (c.isInterface()) {
            out.addAll(List.of(Object.class.getMethods()));
        }
        return out;
    }

    private T creation(ObjectCreationExpr o) {
        if (o.getAnonymousClassBody().isPresent()) {
            refuse(o, "anonymous classes are not allowed in rule files");
            return null;
        }
        if (o.getScope().isPresent()) {
            refuse(o, "this kind of 'new' is not allowed in rule files");
            return null;
        }
        o.getArguments().forEach(a -> {
            if (a instanceof NameExpr n && n.getNameAsString().equals("drools")) {
                refuse(a, "'drools' may only be passed to Finding.of, Finding.ofEnterprise or Finding.ofMember in rule files");
            } else {
                expr(a);
            }
        });
        Class<?> c = type(o.getType());
        if (c == null) {
            return null;
        }
        if (!allow.constructible(c)) {
            refuse(o, "'new " + c.getSimpleName() + "(…)' is not allowed in rule files");
            return null;
        }
        return T.value(c);
    }

    /** The class a written type names; refuses types outside the allow-list (and their type arguments). */
    private Class<?> type(Type t) {
        if (t instanceof PrimitiveType p) {
            return switch (p.getType()) {
                case BOOLEAN -> boolean.class;
                case CHAR -> char.class;
                case BYTE -> byte.class;
                case SHORT -> short.class;
                case INT -> int.class;
                case LONG -> long.class;
                case FLOAT -> float.class;
                case DOUBLE -> double.class;
            };
        }
        if (t instanceof ArrayType a) {
            Class<?> comp = type(a.getComponentType());
            return comp == null ? null : comp.arrayType();
        }
        if (t instanceof ClassOrInterfaceType c) {
            c.getTypeArguments().ifPresent(args -> args.forEach(this::typeArgument));
            String name = c.getNameWithScope();
            Class<?> found = typeNamed(c, name, false);
            if (found != null && !c.getAnnotations().isEmpty()) {
                refuse(c, "annotations are not allowed in rule code");
            }
            return found;
        }
        refuse(t, "this type (" + t + ") is not allowed in rule files");
        return null;
    }

    private void typeArgument(Type t) {
        if (t instanceof com.github.javaparser.ast.type.WildcardType w) {
            w.getExtendedType().ifPresent(this::type);
            w.getSuperType().ifPresent(this::type);
        } else {
            type(t);
        }
    }

    /** The left operand of the first comparison (what a DRL binding in front of a constraint binds). */
    private static Expression leftOperand(Expression e) {
        Expression x = e;
        while (x instanceof BinaryExpr b) {
            switch (b.getOperator()) {
                case EQUALS, NOT_EQUALS, LESS, GREATER, LESS_EQUALS, GREATER_EQUALS, AND, OR -> x = b.getLeft();
                default -> {
                    return x;
                }
            }
        }
        return x;
    }

    private void refuse(Node at, String message) {
        int line = 0;
        int column = 0;
        if (at != null && at.getBegin().isPresent()) {
            line = at.getBegin().get().line;
            column = at.getBegin().get().column;
        }
        issues.add(new Issue(line, column, message));
    }

    private static String kind(Node n) {
        return n.getClass().getSimpleName().replaceAll("(Stmt|Expr)$", "").toLowerCase();
    }

    private static String oneLine(String s) {
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() > 80 ? t.substring(0, 77) + "…" : t;
    }
}
