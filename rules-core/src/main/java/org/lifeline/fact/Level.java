package org.lifeline.fact;

/** Administrative level of the unit an organisation serves (tasks 3 and 6); TOWNSHIP is out of task 6's scope. */
public enum Level { PROVINCE, CITY, COUNTY, TOWNSHIP }
