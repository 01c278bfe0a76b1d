package org.lifeline.fact;

/** Kind of League organisation (docs/facts.md, Organization.type). */
public enum OrgType {
    /** 团省委 */ PROVINCIAL_COMMITTEE,
    /** 地级以上市团委 */ CITY_COMMITTEE,
    /** 县(市、区)团委 */ COUNTY_COMMITTEE,
    /** 乡镇团委 */ TOWNSHIP_COMMITTEE,
    /** 街道团工委 */ STREET_WORK_COMMITTEE,
    /** 团工委 (机关/企业/金融…) */ WORK_COMMITTEE,
    /** 团委: a unit's own committee (a university, a company…) */ COMMITTEE,
    /** 团总支 */ GENERAL_BRANCH,
    /** 团支部 */ BRANCH
}
