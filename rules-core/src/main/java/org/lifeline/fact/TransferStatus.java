package org.lifeline.fact;

/** State of a membership transfer (组织关系转接). */
public enum TransferStatus { PENDING, COMPLETED, REJECTED }
