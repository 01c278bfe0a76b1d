package org.lifeline.fact;

import java.util.List;

/**
 * Facts that cannot be accepted: each problem is one line naming the place (file and line when read from a
 * file), the fact kind and id, and the field.
 */
public class FactException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public FactException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems in the facts; first: " + problems.get(0));
        this.problems = List.copyOf(problems);
    }

    public FactException(String problem) {
        this(List.of(problem));
    }

    /** Every problem found, one line each. */
    public List<String> problems() {
        return problems;
    }
}
