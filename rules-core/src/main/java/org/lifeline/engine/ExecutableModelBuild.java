package org.lifeline.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.drools.compiler.compiler.io.memory.MemoryFileSystem;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.MemoryKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.modelcompiler.CanonicalKieModule;
import org.drools.util.PortablePath;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * Build-time tool, run by the rules-definitions build (not for hosts): checks the rule files of a rules folder with
 * the guard, compiles them to Drools' executable model and writes the generated classes and the index
 * {@value ExecutableModel#INDEX} (the model classes, the digest of the rule files) into the classes directory, so
 * that {@link Lifeline#bundled()} builds its KieBase without compiling anything.
 *
 * <pre>java -cp … org.lifeline.engine.ExecutableModelBuild RULES_DIR CLASSES_DIR</pre>
 *
 * Needs drools-model-codegen (and JavaParser) on its classpath; exits 1 listing every error with file and line.
 */
public final class ExecutableModelBuild {

    private ExecutableModelBuild() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ExecutableModelBuild RULES_DIR CLASSES_DIR");
            System.exit(2);
        }
        List<String> errors = build(Path.of(args[0]), Path.of(args[1]));
        if (!errors.isEmpty()) {
            errors.forEach(e -> System.err.println("ExecutableModelBuild: " + e));
            System.exit(1);
        }
    }

    /** Compiles the rules folder into the classes directory; returns the errors (nothing is written then). */
    static List<String> build(Path rulesDir, Path classesDir) throws IOException {
        long started = System.nanoTime();
        RuleSources sources = RuleSources.fromDirectory(rulesDir);
        List<String> errors = new ArrayList<>();
        for (RuleSources.Source s : sources.drl()) {
            RuleGuard.check(s.path(), s.text()).forEach(e -> errors.add(e.toString()));
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId releaseId = ks.newReleaseId("org.lifeline", "bundled-rules", "1.0.0");
        kfs.generateAndWritePomXML(releaseId);
        for (RuleSources.Source s : sources.drl()) {
            kfs.write("src/main/resources/" + s.path(), s.text());
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            errors.add((m.getPath() == null ? "" : m.getPath()) + ":" + m.getLine() + ": " + m.getText());
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        try { // build the KieBase once: the executable model fails some shapes only there
            ks.newKieContainer(releaseId).newKieBase(ks.newKieBaseConfiguration());
        } catch (RuntimeException e) {
            errors.add("the compiled rules do not make a KieBase: " + e);
            return errors;
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
        InternalKieModule module = (InternalKieModule) builder.getKieModule();
        if (module instanceof CanonicalKieModule canonical) {
            module = canonical.getInternalKieModule();
        }
        MemoryFileSystem files = ((MemoryKieModule) module).getMemoryFileSystem();
        List<String> models = new String(files.getBytes(PortablePath.of(CanonicalKieModule.getModelFileWithGAV(releaseId))),
                StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith(CanonicalKieModule.MODEL_VERSION)).sorted().toList();
        List<PortablePath> classes = files.getFilePaths().stream().filter(p -> p.asString().endsWith(".class"))
                .sorted(Comparator.comparing(PortablePath::asString)).toList();
        Set<String> packages = new TreeSet<>();
        classes.forEach(p -> packages.add(p.asString().substring(0, p.asString().indexOf('/') + 1)));
        for (String top : packages) { // the classes of an earlier build, whose names were other hashes
            Path old = classesDir.resolve(top);
            if (Files.isDirectory(old)) {
                try (Stream<Path> walk = Files.walk(old)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
        for (PortablePath p : classes) {
            Path target = classesDir.resolve(p.asString());
            Files.createDirectories(target.getParent());
            Files.write(target, files.getBytes(p));
        }
        StringBuilder index = new StringBuilder("# The bundled rules compiled to Drools' executable model at build time by "
                + ExecutableModelBuild.class.getName() + "\n" + ExecutableModel.DIGEST + RuleSet.digest(sources) + "\n");
        models.forEach(m -> index.append(ExecutableModel.MODEL).append(m).append('\n'));
        Path indexFile = classesDir.resolve(RuleSources.CLASSPATH_ROOT + ExecutableModel.INDEX);
        Files.createDirectories(indexFile.getParent());
        Files.writeString(indexFile, index, StandardCharsets.UTF_8);
        System.out.printf("ExecutableModelBuild: %d rule files of %s compiled to the executable model (%d classes) in %d ms%n",
                sources.drl().size(), rulesDir, classes.size(), (System.nanoTime() - started) / 1_000_000);
        return List.of();
    }
}
