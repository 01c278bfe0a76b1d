package org.lifeline.scenario;

import java.io.Reader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML read as plain text values (maps, lists and strings, never numbers or dates guessed by YAML), with the
 * line each mapping starts on, so that errors name it.
 */
final class YamlTree {

    private final Map<Object, Integer> lines = new IdentityHashMap<>();
    private final Object root;

    private YamlTree(Node node) {
        this.root = node == null ? null : convert(node);
    }

    static YamlTree read(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10); // converted, aliases are copied: 50 could name 3^16 values
        options.setCodePointLimit(64 * 1024 * 1024);
        return new YamlTree(new Yaml(options).compose(reader));
    }

    Object root() {
        return root;
    }

    /** The 1-based line a map or list of this tree starts on, or 0. */
    int line(Object value) {
        return lines.getOrDefault(value, 0);
    }

    private Object convert(Node node) {
        if (node instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                Object key = convert(t.getKeyNode());
                if (out.containsKey(String.valueOf(key))) { // compose() leaves duplicate keys to a constructor
                    throw new DuplicateKey(m, t.getKeyNode(), String.valueOf(key));
                }
                out.put(String.valueOf(key), convert(t.getValueNode()));
            }
            lines.put(out, node.getStartMark().getLine() + 1);
            return out;
        }
        if (node instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>();
            for (Node n : s.getValue()) {
                out.add(convert(n));
            }
            lines.put(out, node.getStartMark().getLine() + 1);
            return out;
        }
        ScalarNode scalar = (ScalarNode) node;
        if (Tag.NULL.equals(scalar.getTag())) {
            return null;
        }
        return scalar.getValue();
    }

    /** A key given twice in one mapping, refused as SnakeYAML's constructors refuse it. */
    private static final class DuplicateKey extends org.yaml.snakeyaml.error.MarkedYAMLException {
        private static final long serialVersionUID = 1L;

        DuplicateKey(Node mapping, Node keyNode, String key) {
            super("while constructing a mapping", mapping.getStartMark(), "found duplicate key " + key,
                    keyNode.getStartMark());
        }
    }
}
