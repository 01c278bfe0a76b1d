package org.lifeline.flink;

/**
 * A message between the routing stages ({@link RoutingStages}), as a Flink POJO: a fact on its way, a member's extra
 * keys, a member's place in a shared group, or a key's request for an organisation.
 *
 * <p>Public with public fields and a no-argument constructor only because Flink's POJO serializer requires it.
 */
public final class Routed {

    /** A fact with its destination key ({@code row.key}): the end of routing. */
    public static final int ROW = 0;
    /** Keys the member {@code by} (and its transfers) must also go to. */
    public static final int MEMBER_KEYS = 1;
    /** The member {@code memberId}, whose home key is {@code home}, belongs to the shared group {@code by}. */
    public static final int GROUP = 2;
    /** The online payment {@code row} of the member {@code memberId} (home {@code home}), in the payer-month group {@code by}. */
    public static final int PAYER = 3;
    /** The key {@code home} needs the organisation {@code by}. */
    public static final int REQUEST = 4;

    /** What the receiving stage is keyed by: a member id, a group, a cadre id, an organisation id. */
    public String by;
    public int type;
    public FactRow row;
    public String memberId;
    public String home;
    public String[] keys;

    /** For Flink. */
    public Routed() {
    }

    static Routed row(FactRow row) {
        Routed r = new Routed();
        r.by = row.key;
        r.type = ROW;
        r.row = row;
        return r;
    }

    static Routed of(int type, String by, String memberId, String home, String[] keys, FactRow row) {
        Routed r = new Routed();
        r.type = type;
        r.by = by;
        r.memberId = memberId;
        r.home = home;
        r.keys = keys;
        r.row = row;
        return r;
    }
}
