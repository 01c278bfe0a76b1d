package org.lifeline.fact;

/** Place of an enterprise in the provincial enterprise registry (task 7). */
public enum EnterpriseTier {
    /** 省属企业 */ GROUP,
    /** 二级公司 */ SECOND_LEVEL,
    /** 三级子公司 */ THIRD_LEVEL
}
