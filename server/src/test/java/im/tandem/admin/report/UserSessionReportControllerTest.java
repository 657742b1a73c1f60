package im.tandem.admin.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

class UserSessionReportControllerTest {

    @ParameterizedTest(name = "format={0} Accept={1} -> csv {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-    | -                                     | false",
            "-    | */*                                   | false",
            "-    | application/json                      | false",
            "-    | text/csv                              | true",
            "-    | text/csv;charset=UTF-8                | true",
            "-    | application/json, text/csv            | true",
            "-    | application/json, text/csv;q=0.5      | false",
            "-    | text/csv;q=0.9, application/json;q=0.5 | true",
            "-    | text/csv;q=0                          | false",
            "-    | text/*                                | false",
            "-    | application/*;q=1, text/csv;q=0.8     | false",
            "csv  | application/json                      | true",
            "CSV  | -                                     | true",
            "json | text/csv                              | false",
    })
    void picksCsvFromTheFormatParameterOrTheAcceptHeader(String format, String accept, boolean csv) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/v1/reports/user-sessions");
        if (accept != null) {
            request.header(HttpHeaders.ACCEPT, accept);
        }
        assertThat(UserSessionReportController.wantsCsv(format, MockServerWebExchange.from(request))).isEqualTo(csv);
    }

    @ParameterizedTest
    @CsvSource({"xml", "''", "csv2"})
    void anyOtherFormatIsABadRequest(String format) {
        assertThatThrownBy(() -> UserSessionReportController.wantsCsv(format,
                MockServerWebExchange.from(MockServerHttpRequest.get("/"))))
                .isInstanceOf(ServerWebInputException.class);
    }

    @ParameterizedTest
    @CsvSource({"node-1, node-1", "host.example.com, host.example.com", "'a b/c\"d', a_b_c_d", "'', node"})
    void nodeNamesAreMadeSafeForFileNames(String name, String safe) {
        assertThat(UserSessionReportController.fileSafe(name)).isEqualTo(safe);
    }
}
