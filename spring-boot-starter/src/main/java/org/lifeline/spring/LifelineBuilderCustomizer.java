package org.lifeline.spring;

import org.lifeline.engine.Lifeline;

/**
 * Adjusts the auto-configured {@link Lifeline} without replacing it: a bean of this type is called, in
 * {@code @Order}, on the builder after the {@code lifeline.*} properties are applied, at start-up and at each hot
 * reload. For what has no property, e.g. {@code builder.liaisonTable(table)}.
 */
@FunctionalInterface
public interface LifelineBuilderCustomizer {

    /** Changes the builder; it already holds the {@code lifeline.*} properties and the rules directory. */
    void customize(Lifeline.Builder builder);
}
