package org.lifeline.sample.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small Spring Boot host on the Lifeline starter: evaluates the sample province at start
 * ({@link SampleProvince}), serves the violations at {@code GET /violations} ({@link ViolationsController}) and the
 * starter's {@code lifeline} health component and {@code lifeline.*} meters at {@code /actuator/health} and
 * {@code /actuator/metrics}.
 */
@SpringBootApplication
public class SampleHostApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleHostApplication.class, args);
    }
}
