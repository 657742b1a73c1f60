package im.tandem.admin.report;

import java.util.List;

/**
 * Writes CSV as RFC 4180 says: records end in CRLF; a field holding a comma, a double quote, a
 * CR or an LF is enclosed in double quotes, with each double quote inside doubled. Text fields
 * are also made safe to open in a spreadsheet: one that starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a CR would be taken for a formula (CSV injection), so it gets a
 * leading apostrophe first. Numbers are written as they are.
 */
public final class CsvWriter {

    private final StringBuilder out;

    public CsvWriter() {
        this(new StringBuilder(256));
    }

    /** A writer that appends to {@code out}; size it for the expected output to save copying. */
    public CsvWriter(StringBuilder out) {
        this.out = out;
    }

    /** Writes one record; null fields are empty, {@link Number}s as they are, everything else as neutralized text. */
    public CsvWriter row(Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            field(fields[i]);
        }
        out.append("\r\n");
        return this;
    }

    /** {@link #row(Object...)} of a list. */
    public CsvWriter row(List<?> fields) {
        return row(fields.toArray());
    }

    private void field(Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Number) {
            out.append(value);
            return;
        }
        String text = neutralize(value.toString());
        if (needsQuotes(text)) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    out.append('"');
                }
                out.append(c);
            }
            out.append('"');
        } else {
            out.append(text);
        }
    }

    /** {@code text} with a leading apostrophe if a spreadsheet would read it as a formula, else itself. */
    public static String neutralize(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    /** What has been written. */
    @Override
    public String toString() {
        return out.toString();
    }
}
