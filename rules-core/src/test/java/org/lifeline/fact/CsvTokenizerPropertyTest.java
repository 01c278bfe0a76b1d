package org.lifeline.fact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The CSV tokenizer cuts unquoted fields out of the text instead of copying them character by character, and reads
 * the text as a stream through a buffer instead of as one string (issue 17): on any text, with the buffer's refills
 * falling anywhere (buffers of 1 to 8 characters), it must give the same records, lines, blank flags and errors as
 * the plain character-by-character reading of RFC 4180 over the whole text it replaced, kept here as the oracle.
 */
class CsvTokenizerPropertyTest {

    @Provide
    Arbitrary<String> csvTexts() {
        // few characters, most of them meaningful to the tokenizer, so that every state is reached often
        return Arbitraries.strings().withChars('a', 'b', '中', ',', '"', '\n', '\r', ' ').ofMinLength(0).ofMaxLength(60);
    }

    @Property(tries = 3000)
    void everyTextIsTokenizedAsByTheCharacterByCharacterReading(@ForAll("csvTexts") String text) {
        assertThat(records(new Tokens(new CsvFacts.CsvParser(text, "f.csv")))).isEqualTo(records(new Tokens(new Oracle(text, "f.csv"))));
    }

    @Property(tries = 3000)
    void everyTextIsTokenizedTheSameWhereverTheStreamsBufferIsRefilled(@ForAll("csvTexts") String text,
                                                                       @ForAll @IntRange(min = 1, max = 8) int buffer) {
        CsvFacts.CsvParser streaming = new CsvFacts.CsvParser(new java.io.StringReader(text), "f.csv", buffer);
        assertThat(records(new Tokens(streaming))).isEqualTo(records(new Tokens(new Oracle(text, "f.csv"))));
    }

    @Property(tries = 500)
    void aReaderThatGivesOneCharacterAtATimeIsTokenizedAsTheWholeText(@ForAll("csvTexts") String text) {
        java.io.Reader trickle = new java.io.FilterReader(new java.io.StringReader(text)) {
            @Override
            public int read(char[] cbuf, int off, int len) throws java.io.IOException {
                return super.read(cbuf, off, Math.min(len, 1));
            }
        };
        CsvFacts.CsvParser streaming = new CsvFacts.CsvParser(trickle, "f.csv", 4);
        assertThat(records(new Tokens(streaming))).isEqualTo(records(new Tokens(new Oracle(text, "f.csv"))));
    }

    /** Every record with its line and blank flag, then the error that stopped the reading, if any. */
    private static List<String> records(Tokens t) {
        List<String> out = new ArrayList<>();
        try {
            for (List<String> r = t.next(); r != null; r = t.next()) {
                out.add(t.line() + (t.blank() ? " blank " : " ") + r + " rest blank: " + t.restIsBlank());
            }
        } catch (FactException e) {
            out.add("error: " + e.getMessage());
        }
        return out;
    }

    /** Either tokenizer, seen the same way. */
    private record Tokens(Object parser) {
        List<String> next() {
            return parser instanceof CsvFacts.CsvParser p ? p.next() : ((Oracle) parser).next();
        }

        int line() {
            return parser instanceof CsvFacts.CsvParser p ? p.recordLine() : ((Oracle) parser).recordLine;
        }

        boolean blank() {
            return parser instanceof CsvFacts.CsvParser p ? p.blank() : ((Oracle) parser).blank;
        }

        boolean restIsBlank() {
            return parser instanceof CsvFacts.CsvParser p ? p.restIsBlank() : ((Oracle) parser).restIsBlank();
        }
    }

    /** The tokenizer as it was before issue 17, character by character. */
    private static final class Oracle {
        private final String text;
        private final String name;
        private int pos;
        private int line = 1;
        int recordLine = 1;
        boolean blank;

        Oracle(String text, String name) {
            this.text = text;
            this.name = name;
        }

        boolean restIsBlank() {
            for (int i = pos; i < text.length(); i++) {
                if (text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    return false;
                }
            }
            return true;
        }

        List<String> next() {
            if (pos >= text.length()) {
                return null;
            }
            recordLine = line;
            char first = text.charAt(pos);
            blank = first == '\n' || first == '\r';
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (quoted) {
                    if (c == '"') {
                        if (pos < text.length() && text.charAt(pos) == '"') {
                            cur.append('"');
                            pos++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        cur.append(c);
                    }
                } else if (c == '"' && cur.length() == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    out.add(cur.toString());
                    cur.setLength(0);
                    wasQuoted = false;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
                        pos++;
                    }
                    line++;
                    out.add(cur.toString());
                    return out;
                } else if (wasQuoted) {
                    throw new FactException(name + ":" + line + ": text after a closing quote");
                } else {
                    cur.append(c);
                }
            }
            if (quoted) {
                throw new FactException(name + ":" + recordLine + ": a quoted field is never closed");
            }
            out.add(cur.toString());
            return out;
        }
    }
}
