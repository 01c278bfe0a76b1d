package org.lifeline.fact;

import java.time.LocalDate;

/**
 * 团组织: one node of the organisation tree.
 *
 * @param provinciallyManaged {@code true} for units managed directly by the provincial committee (团省委直管)
 * @param graduatingClass     the year of the graduates on an 应届毕业生团支部, e.g. 2018
 * @param unitId              the work or study unit the organisation is built in
 */
public record Organization(
        String id,
        String name,
        @Nullable String parentId,
        OrgType type,
        Sector sector,
        @Nullable Level level,
        @Nullable String region,
        boolean provinciallyManaged,
        @Nullable Purpose purpose,
        @Nullable Integer graduatingClass,
        @Nullable String unitId,
        @Nullable LocalDate createdOn) implements Fact {

    public Organization {
        Checks.required(id, "Organization", "id");
        Checks.required(name, "Organization " + id, "name");
        Checks.required(type, "Organization " + id, "type");
        Checks.required(sector, "Organization " + id, "sector");
    }

    /** A plain organisation with only the required fields, for tests and hosts. */
    public static Organization of(String id, String name, String parentId, OrgType type, Sector sector) {
        return new Organization(id, name, parentId, type, sector, null, null, false, null, null, null, null);
    }

    public boolean isBranch() {
        return type == OrgType.BRANCH;
    }
}
