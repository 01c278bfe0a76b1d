package org.lifeline.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.drools.model.Model;

/**
 * The bundled rules compiled at build time to Drools' executable model ({@link ExecutableModelBuild}, run by the
 * rules-definitions build): the generated classes sit beside the rule files, and {@value #INDEX} names the model
 * classes and the digest of the rule files they were compiled from.
 */
final class ExecutableModel {

    /** The index, under the bundled rules' folder. */
    static final String INDEX = "executable-model.txt";
    static final String DIGEST = "digest=";
    static final String MODEL = "model=";

    private ExecutableModel() {
    }

    /**
     * The model classes compiled from the bundled rule files, instantiated; null when the classpath has no model
     * (the rule files are compiled now, by the classic compiler).
     *
     * @param digest the digest of the bundled rule files: the model must have been compiled from them
     * @throws IllegalStateException when the model was compiled from other rule files, or cannot be loaded
     */
    static List<Model> load(ClassLoader loader, String digest) {
        URL index = loader.getResource(RuleSources.CLASSPATH_ROOT + INDEX);
        if (index == null) {
            return null;
        }
        String text;
        try (InputStream in = index.openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + index, e);
        }
        String compiledFrom = null;
        List<Model> models = new ArrayList<>();
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.startsWith(DIGEST)) {
                compiledFrom = line.substring(DIGEST.length());
            } else if (line.startsWith(MODEL)) {
                String name = line.substring(MODEL.length());
                try {
                    models.add((Model) Class.forName(name, true, loader).getConstructor().newInstance());
                } catch (ReflectiveOperationException | LinkageError e) {
                    throw new IllegalStateException("cannot load the executable model class " + name + " of the bundled rules ("
                            + index + "): " + e, e);
                }
            }
        }
        if (!digest.equals(compiledFrom) || models.isEmpty()) {
            throw new IllegalStateException("the executable model at " + index + " was compiled from other rule files (digest "
                    + compiledFrom + ", the rule files beside it: " + digest + "); rebuild rules-definitions");
        }
        return models;
    }
}
