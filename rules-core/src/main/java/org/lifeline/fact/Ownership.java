package org.lifeline.fact;

/** How the provincial group holds an enterprise (task 7). */
public enum Ownership { WHOLLY_OWNED, HOLDING, PARTICIPATING }
