package org.lifeline.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lifeline.fact.Organization;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Sector;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Attachment 2 of the notice as data: which of the office's liaison groups follows which top unit. A city
 * committee is found by its region, every other top unit by its sector (CONTRACT §2, reading 11).
 *
 * <pre>
 * groups:
 *   1: {regions: [广州, 深圳, 韶关], sectors: [PROVINCIAL_ENTERPRISE, FINANCIAL, PUBLIC_INSTITUTION]}
 * </pre>
 */
public final class LiaisonTable {

    private final Map<String, Integer> byRegion;
    private final Map<Sector, Integer> bySector;

    public LiaisonTable(Map<String, Integer> byRegion, Map<Sector, Integer> bySector) {
        this.byRegion = Map.copyOf(byRegion);
        this.bySector = Map.copyOf(bySector);
    }

    /** The group that follows this top unit, or null when the table has none for it. */
    public Integer groupOf(Organization topUnit) {
        if (topUnit == null) {
            return null;
        }
        if (topUnit.type() == OrgType.CITY_COMMITTEE) {
            return topUnit.region() == null ? null : byRegion.get(topUnit.region());
        }
        return bySector.get(topUnit.sector());
    }

    /** The largest table read, in bytes (YAML's own limit is 3 M characters). */
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    /** Reads the YAML table; {@code source} names the file in errors. */
    public static LiaisonTable read(InputStream in, String source) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(source + ": the table is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false); // a group given twice is refused, not overwritten
            options.setMaxAliasesForCollections(10); // aliases of aliases cannot expand past a few dozen values
            root = new Yaml(new SafeConstructor(options))
                    .load(new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> doc) || !(doc.get("groups") instanceof Map<?, ?> groups)) {
            throw new IllegalArgumentException(source + ": expected 'groups:' mapping group numbers to regions and sectors");
        }
        Map<String, Integer> regions = new HashMap<>();
        Map<Sector, Integer> sectors = new HashMap<>();
        for (Map.Entry<?, ?> e : groups.entrySet()) {
            int group;
            try {
                group = Integer.parseInt(String.valueOf(e.getKey()));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(source + ": groups: '" + e.getKey() + "' is not a group number");
            }
            if (!(e.getValue() instanceof Map<?, ?> g)) {
                throw new IllegalArgumentException(source + ": groups." + group + ": expected {regions, sectors}");
            }
            for (Object r : list(g.get("regions"))) {
                if (regions.put(String.valueOf(r), group) != null) {
                    throw new IllegalArgumentException(source + ": region " + r + " is in two groups");
                }
            }
            for (Object s : list(g.get("sectors"))) {
                Sector sector;
                try {
                    sector = Sector.valueOf(String.valueOf(s));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(source + ": groups." + group + ".sectors: unknown sector '" + s + "'");
                }
                if (sectors.put(sector, group) != null) {
                    throw new IllegalArgumentException(source + ": sector " + s + " is in two groups");
                }
            }
        }
        return new LiaisonTable(regions, sectors);
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
