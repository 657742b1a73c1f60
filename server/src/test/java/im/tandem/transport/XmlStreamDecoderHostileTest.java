package im.tandem.transport;

import static im.tandem.stanza.StreamErrorCondition.NOT_WELL_FORMED;
import static im.tandem.stanza.StreamErrorCondition.POLICY_VIOLATION;
import static im.tandem.stanza.StreamErrorCondition.RESTRICTED_XML;
import static im.tandem.transport.DecoderRun.HEADER;
import static im.tandem.transport.DecoderRun.STREAMS;
import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.stanza.StreamError;
import im.tandem.stanza.StreamErrorCondition;
import im.tandem.xml.XmlLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6120 section 11: what a hostile peer may send, and the stream error each earns. */
class XmlStreamDecoderHostileTest {

    /** The smallest limits XmlLimits allows, so tests stay small. */
    // Compile-time constants, so the table below can use them.
    private static final String STREAMS_TEXT = "http://etherx.jabber.org/streams";
    private static final String HEADER_TEXT = "<stream:stream xmlns='jabber:client' xmlns:stream='" + STREAMS_TEXT + "'>";

    private static final XmlLimits TIGHT = new XmlLimits(1024, 4, 8);

    private static final String BILLION_LAUGHS = "<?xml version='1.0'?><!DOCTYPE lolz ["
            + "<!ENTITY lol 'lol'>"
            + "<!ENTITY lol1 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
            + "<!ENTITY lol2 '&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;'>"
            + "<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>]>"
            + HEADER + "<message><body>&lol3;</body></message>";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "doctype before header           | <!DOCTYPE stream>" + HEADER_TEXT + "                                 | RESTRICTED_XML",
        "external doctype                | <?xml version='1.0'?><!DOCTYPE s SYSTEM 'http://evil/x.dtd'>" + HEADER_TEXT + " | RESTRICTED_XML",
        "undeclared entity in text       | " + HEADER_TEXT + "<message><body>&xxe;</body></message>         | RESTRICTED_XML",
        "comment between stanzas         | " + HEADER_TEXT + "<!-- hi --><presence/>                        | RESTRICTED_XML",
        "comment inside a stanza         | " + HEADER_TEXT + "<message><!-- hi --></message>                | RESTRICTED_XML",
        "comment before header           | <!-- hi -->" + HEADER_TEXT + "                                       | RESTRICTED_XML",
        "processing instruction          | " + HEADER_TEXT + "<message><?php evil()?></message>             | RESTRICTED_XML",
        "processing instruction in prolog| <?xml-stylesheet href='x'?>" + HEADER_TEXT + "                       | RESTRICTED_XML",
        "garbage before header           | HELLO                                                               | NOT_WELL_FORMED",
        // Aalto reports a wrong end tag once the byte after it has arrived.
        "mismatched end tag              | " + HEADER_TEXT + "<message></messge><presence/>                 | NOT_WELL_FORMED",
        "unquoted attribute              | " + HEADER_TEXT + "<message to=juliet/>                          | NOT_WELL_FORMED",
        "duplicate attribute             | " + HEADER_TEXT + "<message to='a' to='b'/>                      | NOT_WELL_FORMED",
        "xml declaration after start     | " + HEADER_TEXT + "<?xml version='1.0'?>                         | NOT_WELL_FORMED",
        "control character reference     | " + HEADER_TEXT + "<message><body>&#1;</body></message>          | NOT_WELL_FORMED",
        "null character reference        | " + HEADER_TEXT + "<message><body>&#0;</body></message>          | NOT_WELL_FORMED",
        "non-character reference         | " + HEADER_TEXT + "<message><body>&#xFFFE;</body></message>      | NOT_WELL_FORMED",
        "XML 1.1                         | <?xml version='1.1'?>" + HEADER_TEXT + "                             | NOT_WELL_FORMED",
        "non-UTF-8 encoding              | <?xml version='1.0' encoding='ISO-8859-1'?>" + HEADER_TEXT + "       | UNSUPPORTED_ENCODING",
        "stream in wrong namespace       | <stream:stream xmlns:stream='urn:evil'>                              | INVALID_NAMESPACE",
        "stanza instead of stream        | <message xmlns='jabber:client'/>                                     | INVALID_NAMESPACE",
        "wrong name in stream namespace  | <stream:flow xmlns:stream='" + STREAMS_TEXT + "'>                    | NOT_WELL_FORMED",
        "unbound element prefix          | " + HEADER_TEXT + "<foo:message/>                                | BAD_NAMESPACE_PREFIX",
        "unbound attribute prefix        | " + HEADER_TEXT + "<message foo:to='x'/>                         | BAD_NAMESPACE_PREFIX",
        "text between stanzas            | " + HEADER_TEXT + "HELLO<presence/>                              | BAD_FORMAT",
    })
    void hostileInputEndsTheStreamWithTheRightCondition(String name, String xml, StreamErrorCondition condition) {
        DecoderRun run = new DecoderRun().feed(xml);

        assertFailedWith(run, condition);
    }

    @Test
    void internalSubsetIsRefusedWithoutExpandingAnything() {
        DecoderRun run = new DecoderRun().feed("<!DOCTYPE s [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>" + HEADER
                + "<message><body>&xxe;</body></message>");

        assertFailedWith(run, RESTRICTED_XML, NOT_WELL_FORMED);
        assertThat(run.events).hasSize(1);
    }

    @Test
    void billionLaughsIsRefusedBeforeAnyStanza() {
        DecoderRun run = new DecoderRun().feed(BILLION_LAUGHS);

        assertFailedWith(run, RESTRICTED_XML, NOT_WELL_FORMED);
        assertThat(run.events).hasSize(1);
    }

    @Test
    void entityInAttributeIsRefused() {
        assertFailedWith(new DecoderRun().feed(HEADER + "<message to='&xxe;'/>"), RESTRICTED_XML, NOT_WELL_FORMED);
    }

    @Test
    void invalidUtf8IsNotWellFormed() {
        byte[] header = (HEADER + "<message><body>").getBytes(StandardCharsets.UTF_8);
        DecoderRun run = new DecoderRun().feed(header).feed(new byte[] {(byte) 0xC3, (byte) 0x28, '<', '/'});

        assertFailedWith(run, NOT_WELL_FORMED);
    }

    @Test
    void rawControlCharacterIsNotWellFormed() {
        assertFailedWith(new DecoderRun().feed(HEADER + "<message><body>a\u0001b</body></message>"), NOT_WELL_FORMED);
    }

    @Test
    void oversizedStanzaIsDetectedBeforeItsEndArrives() {
        DecoderRun run = new DecoderRun(TIGHT).feed(HEADER + "<message><body>");
        String chunk = "x".repeat(100);
        int fed = 0;
        while (run.events.size() < 2 && fed < 100_000) {
            run.feed(chunk);
            fed += chunk.length();
        }

        assertFailedWith(run, POLICY_VIOLATION);
        assertThat(((StreamEvent.StreamFailure) run.last()).error().text()).isEqualTo("stanza exceeds 1024 bytes");
        assertThat(fed).isLessThanOrEqualTo(1024 + chunk.length());
    }

    @Test
    void oversizedStanzaInOneLargeFeedIsRefused() {
        DecoderRun run = new DecoderRun(TIGHT).feed(HEADER + "<message><body>" + "x".repeat(1_000_000));

        assertFailedWith(run, POLICY_VIOLATION);
        assertThat(run.events).hasSize(2);
    }

    @Test
    void oversizedStartTagIsRefusedBeforeItCompletes() {
        DecoderRun run = new DecoderRun(TIGHT).feed(HEADER + "<message to='" + "x".repeat(2000));

        assertFailedWith(run, POLICY_VIOLATION);
    }

    @Test
    void stanzaOfExactlyTheLimitPassesAndOneByteMoreFails() {
        String open = "<message><body>";
        String close = "</body></message>";
        String fits = open + "x".repeat(1024 - open.length() - close.length()) + close;

        DecoderRun ok = new DecoderRun(TIGHT).feed(HEADER + fits);
        DecoderRun tooBig = new DecoderRun(TIGHT).feed(HEADER + fits.replace("<body>", "<body>y"));

        assertThat(ok.last()).isInstanceOfSatisfying(StreamEvent.TopLevel.class, t -> assertThat(t.sizeBytes()).isEqualTo(1024));
        assertFailedWith(tooBig, POLICY_VIOLATION);
    }

    @Test
    void endlessStreamHeaderIsRefused() {
        DecoderRun run = new DecoderRun(TIGHT).feed("<stream:stream xmlns:stream='" + STREAMS + "' to='" + "x".repeat(2000));

        assertFailedWith(run, POLICY_VIOLATION);
        assertThat(run.events).hasSize(1);
    }

    @Test
    void keepalivesDoNotAddUpToAnOversizedStanza() {
        DecoderRun run = new DecoderRun(TIGHT).feed(HEADER);
        for (int i = 0; i < 5000; i++) {
            run.feed(" ");
        }
        run.feed("<presence/>");

        assertThat(run.last()).isInstanceOf(StreamEvent.TopLevel.class);
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        DecoderRun ok = new DecoderRun(TIGHT).feed(HEADER + "<a><b><c><d/></c></b></a>");
        DecoderRun tooDeep = new DecoderRun(TIGHT).feed(HEADER + "<a><b><c><d><e/></d></c></b></a>");

        assertThat(ok.last()).isInstanceOf(StreamEvent.TopLevel.class);
        assertFailedWith(tooDeep, POLICY_VIOLATION);
    }

    @Test
    void moreAttributesThanTheLimitAreRefused() {
        String eight = "<presence a1='' a2='' a3='' a4='' a5='' a6='' a7='' a8=''";
        DecoderRun ok = new DecoderRun(TIGHT).feed(HEADER + eight + "/>");
        DecoderRun tooMany = new DecoderRun(TIGHT).feed(HEADER + eight + " a9=''/>");

        assertThat(ok.last()).isInstanceOf(StreamEvent.TopLevel.class);
        assertFailedWith(tooMany, POLICY_VIOLATION);
    }

    @Test
    void tooManyNamespaceDeclarationsAreRefused() {
        StringBuilder xml = new StringBuilder(HEADER + "<presence");
        for (int i = 0; i < 9; i++) {
            xml.append(" xmlns:p").append(i).append("='urn:").append(i).append('\'');
        }
        assertFailedWith(new DecoderRun(TIGHT).feed(xml + "/>"), POLICY_VIOLATION);
    }

    @Test
    void failureIsFinalEvenAcrossReset() {
        DecoderRun run = new DecoderRun().feed(HEADER + "<!-- x -->");
        run.decoder.reset();
        run.feed(HEADER + "<presence/>");

        assertThat(run.events).hasSize(2);
        assertFailedWith(run, RESTRICTED_XML);
    }

    private static void assertFailedWith(DecoderRun run, StreamErrorCondition... conditions) {
        assertThat(run.last()).isInstanceOfSatisfying(StreamEvent.StreamFailure.class, failure -> {
            StreamError error = failure.error();
            assertThat(error.condition()).isIn((Object[]) conditions);
            assertThat(error.text()).isNotBlank();
        });
        int before = run.events.size();
        run.feed("<presence/></stream:stream>");
        assertThat(run.events).as("events after the failure").hasSize(before);
    }
}
