package org.lifeline.engine;

import java.util.Map;

/**
 * What the engine reads from a rule's metadata: {@code @taskId}, {@code @severity}, {@code @description},
 * {@code @message}, {@code @messageEn} and, for the school tasks, {@code @responsible("SCHOOL")}.
 */
record RuleMeta(String ruleId, int task, Severity severity, String description, String message,
                String messageEn, boolean schoolResponsibility) {

    /** A rule that measures ({@code @severity("MEASURE")}): it inserts {@link Share}s, never findings. */
    boolean measures() {
        return severity == null;
    }

    static RuleMeta of(String ruleId, Map<String, Object> meta) {
        int task = Integer.parseInt(strip(meta.get("taskId")));
        String sev = strip(meta.get("severity"));
        Severity severity = "MEASURE".equals(sev) ? null : Severity.valueOf(sev);
        if (severity == Severity.AT_RISK) {
            throw new IllegalArgumentException("AT_RISK is given by the history module, not by rules");
        }
        return new RuleMeta(ruleId, task, severity, strip(meta.get("description")),
                strip(meta.getOrDefault("message", meta.get("description"))),
                strip(meta.getOrDefault("messageEn", ruleId)),
                "SCHOOL".equals(strip(meta.get("responsible"))));
    }

    /** Metadata values keep their quotes in some Drools versions. */
    static String strip(Object v) {
        if (v == null) {
            return null;
        }
        String s = String.valueOf(v).trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }
}
