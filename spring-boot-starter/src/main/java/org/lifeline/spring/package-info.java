/**
 * Lifeline for Spring Boot 3.5 hosts: add {@code org.lifeline:lifeline-spring-boot-starter} and
 * {@link org.lifeline.spring.LifelineAutoConfiguration} provides a {@link org.lifeline.engine.Lifeline} bean (the
 * bundled rules or {@code lifeline.rules-dir}), a {@link org.lifeline.spring.LifelineService} to evaluate with, an
 * optional live {@link org.lifeline.engine.Monitor} whose changes reach every
 * {@link org.lifeline.engine.ViolationListener} bean and the application events
 * ({@link org.lifeline.spring.ViolationRaisedEvent}, {@link org.lifeline.spring.ViolationChangedEvent},
 * {@link org.lifeline.spring.ViolationResolvedEvent}), hot reload, the {@code lifeline} health component and the
 * {@code lifeline.*} Micrometer meters. Settings: {@link org.lifeline.spring.LifelineProperties}.
 *
 * <p>The starter and its auto-configuration are one artifact: it has a single host-facing module and no
 * test slice, so a separate {@code -autoconfigure} jar would only add a module.
 */
package org.lifeline.spring;
