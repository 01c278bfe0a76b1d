package org.lifeline.fact;

/** Kind of League day activity (task 8). */
public enum ActivityKind { GRADUATE_THEME_DAY }
