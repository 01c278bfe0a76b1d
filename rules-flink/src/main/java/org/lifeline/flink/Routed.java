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
    /**
     * Live feed only ({@link RoutingStages#routeLive}): this message withdraws one earlier equal message (same
     * {@link #identity()}); false in a snapshot.
     */
    public boolean retract;

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

    /** The same message, withdrawn. */
    Routed retracted() {
        Routed r = of(type, by, memberId, home, keys, row);
        r.retract = true;
        return r;
    }

    /** The same fact message, to be handled by {@code by}, keeping its retraction flag. */
    Routed by(String by) {
        Routed r = of(type, by, memberId, home, keys, row);
        r.retract = retract;
        return r;
    }

    /**
     * The message's identity: a 128-bit digest of its content (everything but {@link #retract}), so that keyed state
     * keeps 22 characters per message, not its whole text. A retraction withdraws the message of the same identity;
     * live stages count and diff messages by it.
     */
    String identity() {
        return digest(content());
    }

    /** A 128-bit digest of a text (SHA-256, cut), in Base64 without padding. */
    static String digest(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private String content() {
        StringBuilder b = new StringBuilder().append(type).append('\u0001').append(by).append('\u0001')
                .append(memberId).append('\u0001').append(home).append('\u0001');
        if (keys != null) {
            b.append(String.join("\u0002", keys));
        }
        b.append('\u0001');
        if (row != null) {
            b.append(row.identity());
        }
        return b.toString();
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
