package im.tandem.support;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Checks of RFC 9457 problem documents from the admin API. */
public final class Problems {

    private Problems() {
    }

    /** A problem with this status, a type, title and instance; headers can be checked further. */
    public static WebTestClient.ResponseSpec problem(WebTestClient.ResponseSpec response, int status) {
        body(response, status);
        return response;
    }

    /** {@link #problem} that also says what was wrong ({@code detail}). */
    public static WebTestClient.ResponseSpec detailedProblem(WebTestClient.ResponseSpec response, int status) {
        detailedProblemBody(response, status);
        return response;
    }

    /** {@link #detailedProblem}, for checking more of the body (an extension member, say). */
    public static WebTestClient.BodyContentSpec detailedProblemBody(WebTestClient.ResponseSpec response, int status) {
        return body(response, status).jsonPath("$.detail").exists();
    }

    private static WebTestClient.BodyContentSpec body(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.title").exists()
                .jsonPath("$.type").exists()
                .jsonPath("$.instance").exists();
    }
}
