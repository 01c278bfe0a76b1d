package org.lifeline.flink;

import java.util.Objects;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactKind;

/**
 * One change of a live feed ({@link LifelineJob#live}): a fact inserted or updated (an <em>upsert</em>: the fact
 * of its kind and id is replaced, or added when there is none), or the fact of a kind and id deleted. As a
 * {@link org.lifeline.engine.Monitor}'s {@code insert}/{@code update}/{@code delete}, but an upsert needs no
 * knowledge of what the job already holds.
 *
 * <p>Public with public fields and a no-argument constructor only because Flink's POJO serializer requires it.
 */
public final class FactChange {

    /** {@link FactKind#key()}, e.g. {@code members}. */
    public String kind;
    /** The fact's id. */
    public String id;
    /** The fact as it stands after the change; null for a delete. */
    public FactRow row;

    /** For Flink. */
    public FactChange() {
    }

    /**
     * The fact inserted or updated.
     *
     * @param seq the fact's place among the facts of its kind (a key gives its engine the facts in this order, as
     *            a snapshot gives them in file order): keep a fact's place when it is updated
     */
    public static FactChange upsert(Fact fact, long seq) {
        FactChange c = new FactChange();
        c.row = FactRow.of(null, fact, FactFiles.seq(FactKind.of(fact), seq), null);
        c.kind = c.row.kind;
        c.id = c.row.id();
        return c;
    }

    /** The fact of this kind and id deleted. */
    public static FactChange delete(FactKind kind, String id) {
        FactChange c = new FactChange();
        c.kind = kind.key();
        c.id = Objects.requireNonNull(id, "id");
        return c;
    }

    /** Whether this change deletes its fact. */
    public boolean deletes() {
        return row == null;
    }

    @Override
    public String toString() {
        return (deletes() ? "delete " : "upsert ") + kind + " of id length " + (id == null ? 0 : id.length());
    }
}
