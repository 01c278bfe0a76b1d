package org.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/cli.md is the command's reference: every option of every command is explained in that command's section and
 * shown in the synopsis (there and in the README's "Command line"), and every value {@code --format} accepts is named.
 * A new option without its documentation fails here.
 */
class CliDocTest {

    private static final Path CLI_MD = Path.of("../docs/cli.md");
    private static final Path README = Path.of("../README.md");

    private static Map<String, CommandLine> commands() {
        return new CommandLine(new Main()).getSubcommands();
    }

    /** The options a user types: picocli's --help/--version mixins are documented once, for every command. */
    private static List<OptionSpec> ownOptions(CommandLine command) {
        return command.getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp())
                .toList();
    }

    /** The names a user may type for an option: {@code --bom} and, negatable, {@code --no-bom}. */
    private static List<String> typedNames(OptionSpec o) {
        List<String> names = new ArrayList<>(List.of(o.names()));
        if (o.negatable()) {
            for (String n : o.names()) {
                names.add("--no-" + n.substring(2));
            }
        }
        return names;
    }

    /** How the synopsis writes an option: {@code --[no-]bom} for a negatable one. */
    private static String synopsisName(OptionSpec o) {
        return o.negatable() ? "--[no-]" + o.longestName().substring(2) : o.longestName();
    }

    private static String section(String doc, String command) {
        String heading = "## `lifeline " + command + "`";
        int from = doc.indexOf(heading);
        assertThat(from).as("docs/cli.md has a section %s", heading).isNotNegative();
        int to = doc.indexOf("\n## ", from + heading.length());
        return doc.substring(from, to < 0 ? doc.length() : to);
    }

    /** The lines of the first code block that describe one command (its line and the continuation lines after it). */
    private static String synopsis(String doc, String command) {
        int open = doc.indexOf("```\nlifeline ");
        assertThat(open).as("a synopsis block starting with 'lifeline '").isNotNegative();
        int close = doc.indexOf("\n```", open + 4);
        StringBuilder out = new StringBuilder();
        boolean in = false;
        for (String line : doc.substring(open + 4, close).split("\n")) {
            if (line.startsWith("lifeline ")) {
                in = line.startsWith("lifeline " + command + " ");
            }
            if (in) {
                out.append(line).append('\n');
            }
        }
        assertThat(out).as("the synopsis has a line for lifeline %s", command).isNotEmpty();
        return out.toString();
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @Test
    void everyOptionOfEveryCommandIsExplainedInItsSectionOfCliMd() throws IOException {
        String doc = read(CLI_MD);
        commands().forEach((name, command) -> {
            String section = section(doc, name);
            for (OptionSpec o : ownOptions(command)) {
                for (String typed : typedNames(o)) {
                    assertThat(Pattern.compile("(?<![\\w-])" + Pattern.quote(typed) + "(?![\\w-])").matcher(section).find())
                            .as("docs/cli.md, section lifeline %s, explains %s", name, typed).isTrue();
                }
            }
        });
    }

    @Test
    void everyOptionAndParameterOfEveryCommandIsInTheSynopsisOfCliMdAndTheReadme() throws IOException {
        for (Path file : List.of(CLI_MD, README)) {
            String doc = read(file);
            commands().forEach((name, command) -> {
                String synopsis = synopsis(doc, name);
                for (OptionSpec o : ownOptions(command)) {
                    assertThat(synopsis).as("%s: the synopsis of lifeline %s shows %s", file, name, synopsisName(o))
                            .contains(synopsisName(o));
                }
                command.getCommandSpec().positionalParameters().forEach(p ->
                        assertThat(synopsis).as("%s: the synopsis of lifeline %s shows %s", file, name, p.paramLabel())
                                .contains(p.paramLabel()));
            });
        }
    }

    @Test
    void everyFormatTheCheckCommandAcceptsIsNamedInCliMdAndTheReadme() throws IOException {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"check", "--format", "no-such-format"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        Matcher m = Pattern.compile("\\(([a-z, ]+) or ([a-z]+)\\)").matcher(err.toString());
        assertThat(m.find()).as("the refusal lists the formats: %s", err).isTrue();
        List<String> formats = new ArrayList<>(List.of(m.group(1).split(", ")));
        formats.add(m.group(2));
        assertThat(formats).contains("text", "json");
        String pipe = String.join("|", formats);
        assertThat(synopsis(read(CLI_MD), "check")).contains("--format " + pipe);
        assertThat(synopsis(read(README), "check")).contains("--format " + pipe);
        String row = section(read(CLI_MD), "check").lines().filter(l -> l.startsWith("| `--format"))
                .findFirst().orElseThrow();
        for (String f : formats) {
            assertThat(row).as("docs/cli.md's --format row names %s", f).contains("`" + f + "`");
        }
    }
}
