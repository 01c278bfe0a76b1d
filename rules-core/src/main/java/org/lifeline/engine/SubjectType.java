package org.lifeline.engine;

/** What a violation is about. */
public enum SubjectType { ORGANIZATION, ENTERPRISE, MEMBER }
