/**
 * Waivers (豁免): accepted exceptions to findings, each with a reason, a requester, an approver above the subject
 * and a mandatory expiry. {@link org.lifeline.waiver.Waivers} reads a {@code waivers.yaml} and finds its problems
 * (with file and line); the engine applies the waivers in force ({@code Violation.status()} {@code WAIVED}) and
 * reports what became of each ({@link org.lifeline.waiver.WaiverStatus}). A waived finding is never dropped.
 */
package org.lifeline.waiver;
