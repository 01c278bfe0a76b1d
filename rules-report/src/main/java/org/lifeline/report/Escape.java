package org.lifeline.report;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One escaping function per output context; every value that comes from data (names, ids, messages, rule ids,
 * errors) goes through the one of the context it is written in, and nowhere else is anything escaped by hand.
 *
 * <ul>
 * <li>{@link #visible}: text read by people (text report, HTML text). Control characters (C0, DEL, C1), the line
 * and paragraph separators U+2028/U+2029 and the bidirectional controls are shown as escapes ({@code \n},
 * {@code \r}, {@code \t}, otherwise {@code \}{@code uXXXX}), so a name can neither start a new line nor reorder
 * what follows it. A backslash is left as it is: the display is for reading, not for decoding.</li>
 * <li>{@link #html}: HTML text content and double- or single-quoted attribute values: {@link #visible}, then
 * {@code & < > " '} as character references.</li>
 * <li>{@link #scriptJson}: a value written as JSON inside {@code <script>}: standard JSON, plus {@code < > & '}
 * and U+2028/U+2029 as {@code \}{@code uXXXX}, so no {@code </script>}, {@code <!--} or line terminator can
 * appear in the script's text.</li>
 * <li>{@link #fragmentId}: an element id, also used unescaped after {@code href="#}: only {@code A-Z a-z 0-9 _ . -}
 * are kept; every other UTF-16 unit becomes {@code ~} and four hex digits; parts are joined with {@code /}. The
 * result is ASCII that needs no further escaping in an attribute or a URL fragment, and different parts give
 * different ids.</li>
 * <li>{@link #csvCell}: a CSV text cell (OWASP "CSV injection"): a value that starts with {@code = + - @}, tab
 * or carriage return (or their full-width forms {@code ＝ ＋ － ＠}, which some spreadsheet locales also take as a
 * formula) gets a leading {@code '} and is always quoted; so does a value that already starts with one or more
 * {@code '} followed by one of those, so that stripping one leading {@code '} from a cell matching
 * {@code '+[=+\-@\t\r＝＋－＠].*} gives back the original exactly. Otherwise RFC 4180 quoting (quoted when it
 * holds {@code , " CR LF}, quotes doubled).</li>
 * </ul>
 */
public final class Escape {

    private Escape() {
    }

    // ---- text for people ----

    /** The text with control, line-separator and bidi characters shown as escapes; null as "". */
    public static String visible(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = isHidden(c) ? escapeOf(c) : null;
            if (rep != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (rep != null) {
                    b.append(rep);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** Whether {@link #visible} shows the character as an escape. */
    static boolean isHidden(char c) {
        return Character.getType(c) == Character.CONTROL // U+0000–001F, U+007F–009F
                || c == '\u2028' || c == '\u2029'
                || c == '\u061C' || c == '\u200E' || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static String escapeOf(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> String.format("\\u%04X", (int) c);
        };
    }

    // ---- HTML ----

    /** For HTML text content and quoted attribute values (see the class comment). */
    public static String html(String s) {
        String v = visible(s);
        StringBuilder b = new StringBuilder(v.length() + 16);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final ObjectMapper SCRIPT_JSON = new ObjectMapper();

    static {
        SCRIPT_JSON.getFactory().setCharacterEscapes(new ScriptSafeEscapes());
    }

    /** The value as JSON that is safe as the text of a {@code <script>} element (see the class comment). */
    public static String scriptJson(Object value) {
        try {
            return SCRIPT_JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jackson's standard escapes plus {@code < > & '} and U+2028/U+2029 as {@code \}{@code uXXXX}. */
    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private static final SerializableString LS = new SerializedString("\\u2028");
        private static final SerializableString PS = new SerializedString("\\u2029");
        private final int[] ascii;

        ScriptSafeEscapes() {
            ascii = standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\''}) {
                ascii[c] = ESCAPE_STANDARD; // \u003C etc.
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 ? LS : ch == 0x2029 ? PS : null;
        }
    }

    /** An element id (and {@code href="#…"} target) from its parts (see the class comment). */
    public static String fragmentId(String... parts) {
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < parts.length; p++) {
            if (p > 0) {
                b.append('/');
            }
            String s = parts[p] == null ? "" : parts[p];
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-') {
                    b.append(c);
                } else {
                    b.append('~').append(String.format("%04x", (int) c));
                }
            }
        }
        return b.toString();
    }

    // ---- CSV ----

    /** Whether a spreadsheet may take a cell starting with this character as a formula. */
    static boolean isFormulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
                || c == '\uFF1D' || c == '\uFF0B' || c == '\uFF0D' || c == '\uFF20';
    }

    /** Whether {@link #csvCell} prefixes the value with {@code '}. */
    static boolean needsNeutralising(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\'') {
            i++;
        }
        return i < s.length() && isFormulaStart(s.charAt(i));
    }

    /** A CSV text cell, neutralised and quoted (see the class comment); null as the empty cell. */
    public static String csvCell(String s) {
        if (s == null) {
            return "";
        }
        boolean neutralise = needsNeutralising(s);
        String v = neutralise ? "'" + s : s;
        if (neutralise || v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    /** A CSV number cell: written as is, never prefixed (a number is not a formula); null as the empty cell. */
    public static String csvNumber(Number n) {
        return n == null ? "" : n.toString();
    }
}
