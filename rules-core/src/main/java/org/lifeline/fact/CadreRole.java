package org.lifeline.fact;

/** Role of a League cadre. */
public enum CadreRole {
    /** 书记 */ SECRETARY,
    /** 副书记 */ DEPUTY_SECRETARY,
    /** 委员 */ COMMITTEE_MEMBER
}
