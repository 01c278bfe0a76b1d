package org.lifeline.fact;

import java.util.regex.Pattern;

/**
 * What of the input a message may repeat. Input can hold personal data (an identity number typed into a date
 * column, a phone number in a name), so messages name the file, line and field and describe what was expected,
 * and repeat input only where it cannot be such data:
 * <ul>
 * <li>ids and column names (system ids, not personal data) are repeated when they are at most 40 characters,
 * hold no control character and no run of {@value #MAX_DIGIT_RUN}+1 or more digits; otherwise only their first
 * two characters and their length are shown ({@code 44…(18 characters)});</li>
 * <li>a value of an enum field is repeated when it is 1 to 20 characters of {@code A-Z} and {@code _}, a value of
 * a true/false field when it is 1 to 5 letters (a misspelt constant: {@code CITY}, {@code yes});</li>
 * <li>any other value is never repeated: the message gives its length ({@code got 18 characters}).</li>
 * </ul>
 */
public final class Shown {

    /** The longest run of digits an echoed id may hold; a longer one may be a phone or identity number. */
    static final int MAX_DIGIT_RUN = 5;
    private static final int MAX_ID = 40;
    private static final Pattern ENUM_WORD = Pattern.compile("[A-Z_]{1,20}");
    private static final Pattern BOOLEAN_WORD = Pattern.compile("[A-Za-z]{1,5}");

    private Shown() {
    }

    /** An id or a column name as a message may show it. */
    public static String id(String v) {
        if (v == null) {
            return "";
        }
        if (v.length() <= MAX_ID && firstControl(v) < 0 && longestDigitRun(v) <= MAX_DIGIT_RUN) {
            return v;
        }
        return masked(v);
    }

    /** The first two characters (control characters as {@code ?}), then the length. */
    static String masked(String v) {
        StringBuilder b = new StringBuilder();
        v.codePoints().limit(2).forEach(c -> b.appendCodePoint(isControl(c) ? '?' : c));
        return b + "…(" + v.length() + " characters)";
    }

    /** A value of an enum field, quoted, if it may be shown; else null. */
    static String enumValue(String v) {
        return v != null && ENUM_WORD.matcher(v).matches() ? "'" + v + "'" : null;
    }

    /** A value of a true/false field, quoted, if it may be shown; else null. */
    static String booleanValue(String v) {
        return v != null && BOOLEAN_WORD.matcher(v).matches() ? "'" + v + "'" : null;
    }

    /** The shape of a value that may not be shown. */
    static String length(String v) {
        int n = v.codePointCount(0, v.length());
        return n == 1 ? "1 character" : n + " characters";
    }

    /** The index of the first control or line/paragraph separator character, or -1. */
    static int firstControl(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (isControl(v.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Control characters (C0, DEL, C1: NUL, tab, CR, LF…) and the Unicode line and paragraph separators: any of them
     * would hide text or forge lines in a text report.
     */
    static boolean isControl(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    static int longestDigitRun(String v) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < v.length(); i++) {
            if (Character.isDigit(v.charAt(i))) {
                run++;
                longest = Math.max(longest, run);
            } else {
                run = 0;
            }
        }
        return longest;
    }
}
