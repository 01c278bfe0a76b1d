package org.lifeline.engine;

import java.lang.reflect.RecordComponent;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.lifeline.calendar.AsOf;
import org.lifeline.calendar.Milestone;
import org.lifeline.calendar.Setting;
import org.lifeline.fact.Fact;

/**
 * How facts appear in rule failures and logs: by kind and id only, never through {@code toString()} (a member's
 * record holds the person key, the member number and more).
 */
final class FactText {

    private FactText() {
    }

    /** {@code Member M123}, {@code OrgInfo B1}, {@code Milestone T04}; an unknown type by its simple name only. */
    static String describe(Object o) {
        if (o == null) {
            return "null";
        }
        String type = o.getClass().getSimpleName();
        if (o instanceof Fact f) {
            return type + " " + f.id();
        } else if (o instanceof Finding f) {
            return type + " " + f.ruleId() + " " + f.subjectId();
        } else if (o instanceof OrgInfo i) {
            return type + " " + i.orgId();
        } else if (o instanceof EnterpriseInfo i) {
            return type + " " + i.enterpriseId();
        } else if (o instanceof Roster r) {
            return type + " " + r.orgId();
        } else if (o instanceof SharedKey k) {
            return type + " " + k.kind() + " of " + k.memberIds(); // the key itself is personal
        } else if (o instanceof Share s) {
            return type + " " + s.key() + " " + s.subjectId();
        } else if (o instanceof Milestone m) {
            return type + " " + m.key();
        } else if (o instanceof Setting s) {
            return type + " " + s.name();
        } else if (o instanceof AsOf a) {
            return type + " " + a.date();
        }
        return type;
    }

    static List<String> describeAll(Collection<?> objects) {
        List<String> out = new ArrayList<>(objects.size());
        for (Object o : objects) {
            out.add(describe(o));
        }
        return out;
    }

    /**
     * An error text with the field values of these facts replaced by {@code <Type.field>}: an exception message
     * such as {@code For input string: "440105..."} must not carry the value into a log. Ids stay.
     */
    static String scrub(String text, Collection<?> facts) {
        if (text == null || facts.isEmpty()) {
            return text;
        }
        String out = text;
        for (Object o : facts) {
            if (o == null || !o.getClass().isRecord()) {
                continue;
            }
            for (RecordComponent c : o.getClass().getRecordComponents()) {
                String name = c.getName();
                if (name.equals("id") || name.endsWith("Id") || name.equals("ruleId") || name.equals("key") && !(o instanceof SharedKey)) {
                    continue;
                }
                Object v;
                try {
                    v = c.getAccessor().invoke(o);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    continue;
                }
                String s = v instanceof CharSequence || v instanceof Temporal || v instanceof Number ? v.toString() : null;
                if (s != null && s.length() >= (v instanceof CharSequence ? 2 : 4) && out.contains(s)) {
                    out = out.replace(s, "<" + o.getClass().getSimpleName() + "." + name + ">");
                }
            }
        }
        return out;
    }
}
