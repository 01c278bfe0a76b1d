package org.lifeline.fact;

/** Administrative level of the unit an organisation serves (tasks 3 and 6). */
public enum Level { PROVINCE, CITY, COUNTY }
