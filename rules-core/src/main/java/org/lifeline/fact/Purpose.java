package org.lifeline.fact;

/** Special purpose of a branch set up to receive members. */
public enum Purpose {
    /** 流动团员团支部 (task 2) */ FLOATING_MEMBERS,
    /** 新入职公职人员临时团支部 (task 3) */ NEW_CIVIL_SERVANTS
}
