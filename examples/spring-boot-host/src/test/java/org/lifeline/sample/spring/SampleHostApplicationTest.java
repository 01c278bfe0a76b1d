package org.lifeline.sample.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Starts the sample host on a random port and reads it as an operator would: violations, health, metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleHostApplicationTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void healthIsUpWithTheLifelineComponentAndItsDetails() {
        ResponseEntity<JsonNode> r = http.getForEntity("/actuator/health", JsonNode.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody().path("status").asText()).isEqualTo("UP");
        JsonNode lifeline = r.getBody().path("components").path("lifeline");
        assertThat(lifeline.path("status").asText()).isEqualTo("UP");
        assertThat(lifeline.path("details").path("rules").asInt()).as("the bundled rules").isGreaterThan(30);
        assertThat(lifeline.path("details").path("rulesVersion").asText()).isNotBlank();
        assertThat(lifeline.path("details").path("lastEvaluation").path("asOf").asText()).isEqualTo("2018-09-26");
        assertThat(lifeline.path("details").path("lastEvaluation").path("ruleFailures").asInt()).isZero();
    }

    @Test
    void theStartUpEvaluationIsTimed() {
        ResponseEntity<JsonNode> r = http.getForEntity("/actuator/metrics/lifeline.evaluation", JsonNode.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody().path("measurements")).filteredOn(m -> m.path("statistic").asText().equals("COUNT"))
                .singleElement().satisfies(m -> assertThat(m.path("value").asDouble()).isGreaterThanOrEqualTo(1.0));
        ResponseEntity<JsonNode> violations = http.getForEntity("/actuator/metrics/lifeline.violations?tag=severity:VIOLATION",
                JsonNode.class);
        assertThat(violations.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(violations.getBody().path("measurements").get(0).path("value").asDouble()).isPositive();
    }

    @Test
    void violationsAreServedAsJsonInTheirOrderAndByTask() {
        ResponseEntity<JsonNode> r = http.getForEntity("/violations", JsonNode.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = r.getBody();
        assertThat(body.path("asOf").asText()).isEqualTo("2018-09-26");
        assertThat(body.path("violations").size()).isPositive();
        JsonNode first = body.path("violations").get(0);
        assertThat(first.path("ruleId").asText()).isNotBlank();
        assertThat(first.path("message").asText()).isNotBlank();
        assertThat(body.path("countBySeverity").path("VIOLATION").asLong()).isPositive();

        JsonNode task4 = http.getForEntity("/violations?task=4", JsonNode.class).getBody().path("violations");
        assertThat(task4.size()).isPositive().isLessThan(body.path("violations").size());
        task4.forEach(v -> assertThat(v.path("task").asInt()).isEqualTo(4));
    }
}
