package im.tandem.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader for tests: every record ends in CRLF (the last one too), a field is
 * either unquoted (no comma, quote, CR or LF in it) or enclosed in double quotes with inner
 * quotes doubled, and every record has as many fields as the first. Anything else fails.
 */
public final class StrictCsv {

    private StrictCsv() {
    }

    /** The records of {@code text}, the header first. */
    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = text.length();
        if (n == 0) {
            throw new IllegalArgumentException("empty CSV: no header");
        }
        while (i < n) {
            field.setLength(0);
            if (text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quoted field at record " + records.size());
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
            } else {
                while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r') {
                    char c = text.charAt(i++);
                    if (c == '"' || c == '\n') {
                        throw new IllegalArgumentException("bare " + (c == '"' ? "quote" : "LF")
                                + " in an unquoted field at record " + records.size());
                    }
                    field.append(c);
                }
            }
            record.add(field.toString());
            if (i < n && text.charAt(i) == ',') {
                i++;
                if (i >= n) {
                    throw new IllegalArgumentException("the text ends after a comma");
                }
                continue;
            }
            if (text.startsWith("\r\n", i)) {
                i += 2;
                if (!records.isEmpty() && record.size() != records.get(0).size()) {
                    throw new IllegalArgumentException("record " + records.size() + " has " + record.size()
                            + " fields, the header " + records.get(0).size());
                }
                records.add(List.copyOf(record));
                record.clear();
                continue;
            }
            throw new IllegalArgumentException("a field is not followed by a comma or CRLF at offset " + i);
        }
        if (!record.isEmpty()) {
            throw new IllegalArgumentException("the last record does not end in CRLF");
        }
        return records;
    }
}
