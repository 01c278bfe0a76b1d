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
        Checks.required(name, "Organization", id, "name");
        Checks.required(type, "Organization", id, "type");
        Checks.required(sector, "Organization", id, "sector");
    }

    /** A plain organisation with only the required fields, for tests and hosts. */
    public static Organization of(String id, String name, String parentId, OrgType type, Sector sector) {
        return new Organization(id, name, parentId, type, sector, null, null, false, null, null, null, null);
    }

    public boolean isBranch() {
        return type == OrgType.BRANCH;
    }

    /**
     * A builder, each setter named after its field: {@code Organization.builder("B1").name("示例团支部").parentId("GD").type(OrgType.BRANCH).sector(Sector.TWO_NEW).build()}.
     * Besides the id, {@code name}, {@code type} and {@code sector} are required ({@link Builder#build()} names one left out); the other fields default to absent, {@code provinciallyManaged} to false.
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link Organization}; see {@link #builder(String)}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String name;
        private String parentId;
        private OrgType type;
        private Sector sector;
        private Level level;
        private String region;
        private boolean provinciallyManaged;
        private Purpose purpose;
        private Integer graduatingClass;
        private String unitId;
        private LocalDate createdOn;

        private Builder(String id) {
            this.id = id;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder parentId(@Nullable String parentId) {
            this.parentId = parentId;
            return this;
        }

        public Builder type(OrgType type) {
            this.type = type;
            return this;
        }

        public Builder sector(Sector sector) {
            this.sector = sector;
            return this;
        }

        public Builder level(@Nullable Level level) {
            this.level = level;
            return this;
        }

        public Builder region(@Nullable String region) {
            this.region = region;
            return this;
        }

        public Builder provinciallyManaged(boolean provinciallyManaged) {
            this.provinciallyManaged = provinciallyManaged;
            return this;
        }

        public Builder purpose(@Nullable Purpose purpose) {
            this.purpose = purpose;
            return this;
        }

        public Builder graduatingClass(@Nullable Integer graduatingClass) {
            this.graduatingClass = graduatingClass;
            return this;
        }

        public Builder unitId(@Nullable String unitId) {
            this.unitId = unitId;
            return this;
        }

        public Builder createdOn(@Nullable LocalDate createdOn) {
            this.createdOn = createdOn;
            return this;
        }

        /** @throws IllegalArgumentException naming a required field left out */
        public Organization build() {
            return new Organization(id, name, parentId, type, sector, level, region, provinciallyManaged, purpose,
                    graduatingClass, unitId, createdOn);
        }
    }
}
