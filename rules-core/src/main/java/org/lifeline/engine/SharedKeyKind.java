package org.lifeline.engine;

/** What the members of a {@link SharedKey} share. */
public enum SharedKeyKind {
    /** the same person (one-way key of the identity document): 同一身份 */
    PERSON,
    /** the same member number: 同一团员编号 */
    MEMBER_NUMBER,
    /** the same paying account, online, for the same month's dues: 同一账户在线代缴同月团费 */
    PAYER_MONTH
}
