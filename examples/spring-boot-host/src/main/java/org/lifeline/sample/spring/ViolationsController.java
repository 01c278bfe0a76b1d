package org.lifeline.sample.spring;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Severity;
import org.lifeline.engine.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /violations[?task=N]}: the violations of the start-up evaluation, in {@link Violation#ORDER}. */
@RestController
class ViolationsController {

    /** The answer: the date, the rules that judged, the counts per severity and the violations listed. */
    record Violations(LocalDate asOf, String rulesVersion, Map<Severity, Long> countBySeverity, List<Violation> violations) {
    }

    private final SampleProvince province;

    ViolationsController(SampleProvince province) {
        this.province = province;
    }

    @GetMapping("/violations")
    Violations violations(@RequestParam(name = "task", required = false) Integer task) {
        Evaluation e = province.evaluation();
        if (e == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the start-up evaluation is not done yet");
        }
        List<Violation> listed = task == null ? e.violations()
                : e.violations().stream().filter(v -> v.task() == task).toList();
        return new Violations(e.asOf(), e.rulesVersion(), e.countBySeverity(), listed);
    }
}
