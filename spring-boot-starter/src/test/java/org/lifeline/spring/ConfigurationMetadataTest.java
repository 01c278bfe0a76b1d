package org.lifeline.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The IDE hints: every {@code lifeline.*} property is described (from the Javadoc of its field). */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyIsInTheMetadataWithADescription() throws Exception {
        DocumentContext metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = JsonPath.parse(in);
        }
        List<Map<String, Object>> properties = metadata.read("$.properties[*]");
        assertThat(properties).extracting(p -> p.get("name")).containsExactlyInAnyOrder("lifeline.rules-dir",
                "lifeline.trust-rules", "lifeline.fail-fast", "lifeline.only-rules", "lifeline.evaluation-timeout",
                "lifeline.change-timeout", "lifeline.firing-limit-per-fact", "lifeline.watch", "lifeline.monitor.enabled",
                "lifeline.monitor.as-of", "management.health.lifeline.enabled");
        assertThat(properties).allSatisfy(p -> assertThat((String) p.get("description")).as((String) p.get("name")).isNotBlank());
    }
}
