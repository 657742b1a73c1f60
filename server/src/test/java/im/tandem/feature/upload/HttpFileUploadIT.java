package im.tandem.feature.upload;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.admin.MeterNames;
import im.tandem.support.OffsetClock;
import im.tandem.support.RawXmppClient;
import im.tandem.support.TandemServerTest;
import im.tandem.support.XmppClients;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.httpfileupload.HttpFileUploadManager;
import org.jivesoftware.smackx.httpfileupload.element.Slot;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * HTTP File Upload end to end: Smack's {@link HttpFileUploadManager} finds the service through
 * the server's disco#items, asks for a slot and PUTs the file; {@link HttpClient} fetches it
 * back and checks the headers. Then every refusal: too large, over quota, too many requests,
 * bad names and types, a PUT that does not match its slot, a used, tampered or lapsed slot,
 * requests from outside the domain, and a file past its expiry gone after the sweep. Small
 * limits so each is reachable with a few kilobytes; the clock is an {@link OffsetClock}.
 */
@Import(HttpFileUploadIT.UploadTestClock.class)
@TestPropertySource(properties = {
        "tandem.upload.max-file-size=64KB",
        "tandem.upload.quota-per-user=100KB",
        "tandem.upload.slot-requests-per-minute=20",
        "tandem.upload.allowed-content-types=application/octet-stream,image/*,text/plain",
        "tandem.upload.sweep-interval=200ms"
})
class HttpFileUploadIT extends TandemServerTest {

    static final String SERVICE = "upload." + DOMAIN;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The server's clock in this test: real time that the test moves forward. */
    @TestConfiguration(proxyBeanMethods = false)
    static class UploadTestClock {
        @Bean
        @Primary
        OffsetClock uploadTestClock() {
            return new OffsetClock();
        }
    }

    @Autowired
    Clock clock;

    @Autowired
    MeterRegistry meters;

    @Value("${tandem.data-dir}")
    Path dataDir;

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private XMPPTCPConnection login(XmppClients clients, String user) throws Exception {
        return clients.login(user, PASSWORD, "laptop");
    }

    private static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> put(URL url, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.toURI()).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private double counter(String name, String... tags) {
        var c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private static StanzaError slotError(HttpFileUploadManager upload, String name, long size, String type) {
        try {
            upload.requestSlot(name, size, type);
        } catch (XMPPErrorException e) {
            return e.getStanzaError();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("slot granted for " + name);
    }

    @Test
    void smackUploadsAFileAndAnyoneWithTheUrlGetsTheSameBytesWithSafeHeaders() throws Exception {
        String alice = createUser("alice");
        byte[] content = bytes(40_000);
        double uploaded = counter(MeterNames.UPLOAD_FILES);
        try (XmppClients clients = clients()) {
            XMPPTCPConnection c = login(clients, alice);
            var items = ServiceDiscoveryManager.getInstanceFor(c).discoverItems(JidCreate.domainBareFrom(DOMAIN));
            assertThat(items.getItems()).anyMatch(i -> i.getEntityID().toString().equals(SERVICE));
            HttpFileUploadManager upload = HttpFileUploadManager.getInstanceFor(c);
            assertThat(upload.discoverUploadService()).isTrue();
            assertThat(upload.getDefaultUploadService().getAddress().toString()).isEqualTo(SERVICE);
            assertThat(upload.getDefaultUploadService().getMaxFileSize()).isEqualTo(64 * 1024);

            URL url = upload.uploadFile(new ByteArrayInputStream(content), "report 2026.pdf", content.length);
            assertThat(url.toString()).startsWith("http://localhost:" + httpPort + "/upload/")
                    .endsWith("/report_2026.pdf").doesNotContain("signature");

            HttpResponse<byte[]> got = get(url.toString());
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.body()).isEqualTo(content);
            assertThat(got.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
            assertThat(got.headers().firstValue("Content-Length")).hasValue(Integer.toString(content.length));
            assertThat(got.headers().firstValue("Content-Disposition")).get().asString()
                    .startsWith("attachment").contains("report 2026.pdf");
            assertThat(got.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(got.headers().firstValue("Content-Security-Policy")).get().asString().startsWith("sandbox");
            assertThat(got.headers().firstValue("Cache-Control")).get().asString().contains("max-age");
            String etag = got.headers().firstValue("ETag").orElseThrow();
            assertThat(got.headers().firstValue("Last-Modified")).isPresent();

            assertThat(get(url.toString(), "If-None-Match", etag).statusCode()).isEqualTo(304);
            HttpResponse<byte[]> range = get(url.toString(), "Range", "bytes=10-19");
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(content, 10, 20));
            HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(url.toURI())
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(content.length));
        }
        assertThat(counter(MeterNames.UPLOAD_FILES)).isEqualTo(uploaded + 1);
    }

    @Test
    void imagesAreShownInlineAndOtherTypesOnlyAsAttachments() throws Exception {
        String alice = createUser("alice");
        try (XmppClients clients = clients()) {
            HttpFileUploadManager upload = HttpFileUploadManager.getInstanceFor(login(clients, alice));
            byte[] png = bytes(500);
            Slot image = upload.requestSlot("cat.png", png.length, "image/png");
            assertThat(put(image.getPutUrl(), png, "image/png").statusCode()).isEqualTo(201);
            HttpResponse<byte[]> got = get(image.getGetUrl().toString());
            assertThat(got.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(got.headers().firstValue("Content-Disposition")).get().asString().startsWith("inline");

            Slot text = upload.requestSlot("notes.txt", 5, "text/plain");
            assertThat(put(text.getPutUrl(), "hello".getBytes(), "text/plain; charset=utf-8").statusCode()).isEqualTo(201);
            assertThat(get(text.getGetUrl().toString()).headers().firstValue("Content-Disposition")).get().asString()
                    .startsWith("attachment");
        }
    }

    @Test
    void slotsBeyondTheSizeTheQuotaOrThePolicyAreRefusedAsTheXepSays() throws Exception {
        String alice = createUser("alice");
        try (XmppClients clients = clients()) {
            HttpFileUploadManager upload = HttpFileUploadManager.getInstanceFor(login(clients, alice));
            // Smack checks the advertised maximum itself: ask in raw XML
            try (RawXmppClient raw = RawXmppClient.authenticated(c2s.port(), serverCertificate(), DOMAIN, alice, PASSWORD)
                    .bind("raw")) {
                raw.send("<iq type='get' id='big' to='" + SERVICE + "'><request xmlns='urn:xmpp:http:upload:0' "
                        + "filename='big.bin' size='" + (64 * 1024 + 1) + "'/></iq>");
                String reply = raw.awaitMatch("(<iq [^>]*id=\"big\".*?</iq>)");
                assertThat(reply).contains("type=\"error\"").contains("<not-acceptable")
                        .contains("<file-too-large xmlns=\"urn:xmpp:http:upload:0\"><max-file-size>65536</max-file-size>");
                for (String size : new String[] {"0", "-5", "ten", "99999999999999999999"}) {
                    raw.send("<iq type='get' id='size' to='" + SERVICE + "'><request xmlns='urn:xmpp:http:upload:0' "
                            + "filename='a.bin' size='" + size + "'/></iq>");
                    assertThat(raw.awaitMatch("(<iq [^>]*id=\"size\".*?</iq>)")).as(size).contains("<bad-request");
                }
            }

            assertThat(slotError(upload, "page.html", 10, "text/html").getCondition())
                    .isEqualTo(StanzaError.Condition.not_acceptable);
            assertThat(slotError(upload, "x.bin", 10, "not a type").getCondition())
                    .isEqualTo(StanzaError.Condition.bad_request);

            upload.requestSlot("one.bin", 60_000, null);
            StanzaError quota = slotError(upload, "two.bin", 60_000, null);
            assertThat(quota.getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
            assertThat(quota.getDescriptiveText()).contains("Quota");
            // someone else's quota is their own
            String bob = createUser("bob");
            HttpFileUploadManager.getInstanceFor(login(clients, bob)).requestSlot("two.bin", 60_000, null);
        }
    }

    @Test
    void filenamesWithPathsOrControlCharactersAreRefusedAndOthersNeverReachTheUrlUnsafely() throws Exception {
        String alice = createUser("alice");
        try (XmppClients clients = clients()) {
            HttpFileUploadManager upload = HttpFileUploadManager.getInstanceFor(login(clients, alice));
            for (String bad : new String[] {"../../etc/passwd", "a/b.txt", "..\\..\\boot.ini", "..", "evil\u202Etxt.exe",
"x".repeat(300)}) {
                assertThat(slotError(upload, bad, 10, null).getCondition()).as(bad)
                        .isEqualTo(StanzaError.Condition.not_acceptable);
            }
            Slot odd = upload.requestSlot(".hidden <script>?#%.txt", 3, null);
            String path = odd.getGetUrl().getPath();
            assertThat(path).matches("/upload/[A-Za-z0-9_-]{22}/[A-Za-z0-9._-]+").doesNotContain("..");
            assertThat(put(odd.getPutUrl(), "abc".getBytes(), null).statusCode()).isEqualTo(201);
            assertThat(get(odd.getGetUrl().toString()).headers().firstValue("Content-Disposition")).get().asString()
                    .contains("filename*=UTF-8''");
        }
        try (var files = Files.list(dataDir.resolve("uploads"))) {
            assertThat(files).allMatch(f -> f.getFileName().toString().matches("[A-Za-z0-9_-]{22}(\\.part)?"));
        }
    }

    @Test
    void aPutMustMatchItsSlotAndASlotServesOnce() throws Exception {
        String alice = createUser("alice");
        try (XmppClients clients = clients()) {
            HttpFileUploadManager upload = HttpFileUploadManager.getInstanceFor(login(clients, alice));
            double rejected = counter(MeterNames.UPLOAD_REJECTED, "reason", "bad_upload");
            Slot slot = upload.requestSlot("a.bin", 20, null);
            HttpResponse<String> shorter = put(slot.getPutUrl(), bytes(10), "application/octet-stream");
            assertThat(shorter.statusCode()).isEqualTo(400);
            assertThat(shorter.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(shorter.body()).contains("\"status\":400");
            assertThat(put(slot.getPutUrl(), bytes(21), "application/octet-stream").statusCode()).isEqualTo(413);
            assertThat(put(slot.getPutUrl(), bytes(20), "image/png").statusCode()).isEqualTo(400);
            assertThat(counter(MeterNames.UPLOAD_REJECTED, "reason", "bad_upload")).isGreaterThanOrEqualTo(rejected + 2);

            String tampered = slot.getPutUrl().toString().replaceAll("signature=[^&]+", "signature=AAAA");
            assertThat(put(new URL(tampered), bytes(20), null).statusCode()).isEqualTo(403);
            String extended = slot.getPutUrl().toString().replaceAll("expires=(\\d+)", "expires=9$1");
            assertThat(put(new URL(extended), bytes(20), null).statusCode()).isEqualTo(403);
            URL unsigned = slot.getGetUrl();
            assertThat(put(unsigned, bytes(20), null).statusCode()).isEqualTo(403);
            assertThat(get(slot.getGetUrl().toString()).statusCode()).as("nothing stored yet").isEqualTo(404);

            assertThat(put(slot.getPutUrl(), bytes(20), null).statusCode()).isEqualTo(201);
            assertThat(put(slot.getPutUrl(), bytes(20), null).statusCode()).as("used").isEqualTo(403);
            assertThat(get(slot.getGetUrl().toString()).body()).isEqualTo(bytes(20));
            String otherName = slot.getGetUrl().toString().replaceAll("/a\\.bin$", "/b.bin");
            assertThat(get(otherName).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void unknownFilesAndStrangePathsAreNotFoundWithoutAdminCredentials() throws Exception {
        String base = "http://localhost:" + httpPort;
        HttpResponse<byte[]> unknown = get(base + "/upload/AAAAAAAAAAAAAAAAAAAAAA/x.bin");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(get(base + "/upload/not-an-id/x.bin").statusCode()).isEqualTo(404);
        assertThat(get(base + "/upload/x").statusCode()).isIn(401, 404);
        assertThat(get(base + "/upload/%2e%2e/api/v1/users").statusCode()).as("encoded paths stay behind the admin filter")
                .isEqualTo(401);
        assertThat(get(base + "/api/v1/users").statusCode()).isEqualTo(401);
    }

    @Test
    void slotRequestsAreRateLimitedPerAccount() throws Exception {
        String alice = createUser("alice");
        try (XmppClients clients = clients()) {
            HttpFileUploadManager upload = HttpFileUploadManager.getInstanceFor(login(clients, alice));
            try (RawXmppClient raw = RawXmppClient.authenticated(c2s.port(), serverCertificate(), DOMAIN, alice, PASSWORD)
                    .bind("raw")) {
                String limited = null;
                // at most two minute windows of 20 each before one is refused
                for (int i = 0; i < 45 && limited == null; i++) {
                    raw.send("<iq type='get' id='r" + i + "' to='" + SERVICE + "'><request xmlns='urn:xmpp:http:upload:0' "
                            + "filename='f.bin' size='1'/></iq>");
                    String reply = raw.awaitMatch("(<iq [^>]*id=\"r" + i + "\".*?</iq>)");
                    if (reply.contains("type=\"error\"")) {
                        limited = reply;
                    }
                }
                assertThat(limited).isNotNull().contains("<resource-constraint").contains("type=\"wait\"")
                        .contains("<retry xmlns=\"urn:xmpp:http:upload:0\" stamp=");
            }
        }
    }

    @Test
    void onlyLocalAccountsGetSlots() throws Exception {
        try (RawXmppClient gateway = component(GATEWAY, GATEWAY_SECRET)) {
            gateway.send("<iq type='get' id='s1' from='someone@" + GATEWAY + "' to='" + SERVICE + "'>"
                    + "<request xmlns='urn:xmpp:http:upload:0' filename='a.bin' size='10'/></iq>");
            String reply = gateway.awaitMatch("(<iq [^>]*id=\"s1\".*?</iq>)");
            assertThat(reply).contains("type=\"error\"").contains("<forbidden").doesNotContain("<slot");
        }
    }

    @Test
    void expiredFilesAndLapsedSlotsAreSweptAway() throws Exception {
        String alice = createUser("alice");
        try (XmppClients clients = clients()) {
            HttpFileUploadManager upload = HttpFileUploadManager.getInstanceFor(login(clients, alice));
            Slot kept = upload.requestSlot("old.bin", 100, null);
            assertThat(put(kept.getPutUrl(), bytes(100), null).statusCode()).isEqualTo(201);
            Slot lapsing = upload.requestSlot("never.bin", 50_000, null);
            String id = kept.getGetUrl().getPath().split("/")[2];
            assertThat(dataDir.resolve("uploads").resolve(id)).exists();

            ((OffsetClock) clock).advance(Duration.ofMinutes(6));
            assertThat(put(lapsing.getPutUrl(), bytes(50_000), null).statusCode()).as("slot lapsed").isEqualTo(403);
            upload.requestSlot("again.bin", 60_000, null); // the lapsed slot no longer counts against the quota
            assertThat(get(kept.getGetUrl().toString()).statusCode()).isEqualTo(200);

            ((OffsetClock) clock).advance(Duration.ofDays(31));
            assertThat(get(kept.getGetUrl().toString()).statusCode()).isEqualTo(404);
            Path file = dataDir.resolve("uploads").resolve(id);
            for (int i = 0; i < 300 && Files.exists(file); i++) {
                Thread.sleep(50);
            }
            assertThat(file).as("removed by the periodic sweep").doesNotExist();
            assertThat(counter(MeterNames.UPLOAD_EXPIRED)).isGreaterThanOrEqualTo(2);
        }
    }
}
