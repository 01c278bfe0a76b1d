package org.lifeline.fact;

/** The system an organisation belongs to (docs/facts.md, Organization.sector). */
public enum Sector {
    /** 地方团委体系 */ REGIONAL,
    /** 高等院校(含研究生) */ UNIVERSITY,
    /** 中职中专 */ VOCATIONAL_SCHOOL,
    /** 中学 */ MIDDLE_SCHOOL,
    /** 党政机关 */ PARTY_GOVERNMENT_ORGAN,
    /** 群团组织 */ MASS_ORGANIZATION,
    /** 事业单位 */ PUBLIC_INSTITUTION,
    /** 金融系统(银行、保险、证券) */ FINANCIAL,
    /** 公有制企业 */ PUBLIC_ENTERPRISE,
    /** 省属企业 */ PROVINCIAL_ENTERPRISE,
    /** "两新"组织 */ TWO_NEW,
    /** 村/社区 */ VILLAGE_COMMUNITY,
    OTHER;

    /** Universities, vocational schools and middle schools: the sectors of tasks 1, 5, 8, 11 and 12. */
    public boolean isSchool() {
        return this == UNIVERSITY || this == VOCATIONAL_SCHOOL || this == MIDDLE_SCHOOL;
    }
}
