/**
 * The campaign over time (团粤办发〔2018〕30号 asks the office to watch it from June to October, 实时监控): an embedded
 * snapshot store in one H2 file ({@link org.lifeline.history.History}), what changed since the last check
 * ({@link org.lifeline.history.SinceLast}), each unit's share over the snapshots, milestone forecasts
 * ({@link org.lifeline.history.Forecast}, findings of severity {@code AT_RISK}) and sudden jumps
 * ({@code A.SUDDEN_JUMP}). Forecasts and jumps are computed here in Java: history is not a fact the rules engine
 * sees. Scenarios with {@code history: true} are replayed by {@link org.lifeline.history.HistoryScenarios}.
 */
package org.lifeline.history;
