package org.lifeline.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The classic Drools compiler (drools-mvel) and the guard's Java parser (JavaParser) are needed only to compile rule
 * files at run time: a rules directory ({@link Lifeline#fromDirectory}, {@link Lifeline#validate}, hot reload) or
 * a bundled rule set without its executable model. The bundled rules, compiled at build time, need neither, so
 * rules-core does not bring them to a host: a host that compiles rule files adds them.
 */
final class ClassicCompiler {

    private ClassicCompiler() {
    }

    /** @throws IllegalStateException naming the artifacts to add when they are not on the classpath */
    static void require(boolean trusted) {
        List<String> missing = new ArrayList<>();
        if (!present("org.drools.mvel.MVELConstraint")) {
            missing.add("org.drools:drools-mvel (the version of the Drools BOM, 10.2.0)");
        }
        if (!trusted && !present("com.github.javaparser.StaticJavaParser")) {
            missing.add("com.github.javaparser:javaparser-core (3.27.0)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("compiling rule files at run time (a rules directory, validate, or bundled rules "
                    + "without their executable model) needs " + String.join(" and ", missing)
                    + " on the classpath; add it to the host's dependencies (the bundled rules, compiled at build time, do not need it)");
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ClassicCompiler.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
