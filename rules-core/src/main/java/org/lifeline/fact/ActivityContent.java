package org.lifeline.fact;

/** The three contents a graduates' theme day must cover (task 8). */
public enum ActivityContent {
    /** 意识教育与"三会两制一课" */ AWARENESS_EDUCATION,
    /** 报告去向、转接关系 */ DESTINATION_AND_TRANSFER,
    /** 8月前线下、9月起在线交费 */ DUES_SWITCH_NOTICE
}
