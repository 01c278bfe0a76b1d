package org.lifeline.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set that does not compile or check: nothing of it was loaded. */
public class RuleCompilationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<RuleError> errors;

    public RuleCompilationException(List<RuleError> errors) {
        super(errors.size() + " error(s) in the rules:\n"
                + errors.stream().map(RuleError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() {
        return errors;
    }
}
