package org.lifeline.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Lets tests in other packages run the command. */
public final class MainAccess {
    private MainAccess() {
    }

    public static int run(String[] args, PrintWriter err) {
        return Main.run(args, new PrintWriter(new StringWriter()), err);
    }
}
