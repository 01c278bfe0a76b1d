package org.lifeline.fact;

/** How League dues were paid. */
public enum PaymentChannel { ONLINE, OFFLINE }
