package im.tandem.transport;

import static im.tandem.transport.DecoderRun.HEADER;
import static im.tandem.transport.DecoderRun.STREAMS;
import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.xml.Element;
import im.tandem.xml.Text;
import im.tandem.xml.XmlLimits;
import im.tandem.xml.XmlWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class XmlStreamDecoderTest {

    private static final String CONVERSATION = "<?xml version='1.0'?>"
            + "<stream:stream xmlns='jabber:client' xmlns:stream='" + STREAMS + "' to='example.com' version='1.0' xml:lang='en'>"
            + "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>\n  "
            + "<message to='juliet@example.com' type='chat' xml:lang='fr'>"
            + "<body>Wherefore &lt;art&gt; thou &amp; é 😀 &#65;</body>\n"
            + "  <x:active xmlns:x='http://jabber.org/protocol/chatstates'/>"
            + "</message> "
            + "<iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq>"
            + "</stream:stream>";

    @Test
    void headerBecomesStreamOpenWithAttributesAsWritten() {
        List<StreamEvent> events = DecoderRun.decode(CONVERSATION);

        assertThat(events.get(0)).isEqualTo(new StreamEvent.StreamOpen(0, "stream", STREAMS, "jabber:client",
                Map.of("to", "example.com", "version", "1.0", "xml:lang", "en")));
    }

    @Test
    void eachTopLevelElementIsOneEventWithResolvedNamespaces() {
        DecoderRun run = new DecoderRun().feed(CONVERSATION);

        assertThat(run.stanzas()).containsExactly(
                "<stream:features><bind xmlns=\"urn:ietf:params:xml:ns:xmpp-bind\"/></stream:features>",
                "<message to=\"juliet@example.com\" type=\"chat\" xml:lang=\"fr\">"
                        + "<body>Wherefore &lt;art&gt; thou &amp; é 😀 A</body>\n"
                        + "  <active xmlns=\"http://jabber.org/protocol/chatstates\"/></message>",
                "<iq type=\"get\" id=\"1\"><ping xmlns=\"urn:xmpp:ping\"/></iq>");
        assertThat(run.last()).isEqualTo(new StreamEvent.StreamClose(0));
    }

    @Test
    void escapedTextIsDecodedIntoOneTextNode() {
        Element message = new DecoderRun().feed(HEADER + "<message><body>a &lt;&amp; b<![CDATA[<c>]]>&#x263A;</body></message>")
                .onlyStanza();

        assertThat(message.child("body", "jabber:client").children()).containsExactly(new Text("a <& b<c>☺"));
    }

    @Test
    void whitespaceBetweenStanzasIsAKeepaliveButInsideStanzasIsKept() {
        DecoderRun run = new DecoderRun().feed(HEADER + " \n\t <message> <body> x </body>\n</message>  \n ");

        assertThat(run.events).hasSize(2);
        assertThat(run.stanzas()).containsExactly("<message> <body> x </body>\n</message>");
    }

    @Test
    void feedingOneByteAtATimeGivesTheSameEventsAsFeedingAllAtOnce() {
        List<StreamEvent> bulk = DecoderRun.decode(CONVERSATION);
        List<StreamEvent> trickled = new DecoderRun().feedByteAtATime(CONVERSATION).events;

        assertThat(trickled).isEqualTo(bulk).hasSize(5);
    }

    @Test
    void multibyteCharactersSplitAcrossFeedsAreDecoded() {
        byte[] bytes = (HEADER + "<message><body>é€😀</body></message>").getBytes(StandardCharsets.UTF_8);
        int bodyText = HEADER.length() + "<message><body>".length();
        DecoderRun run = new DecoderRun();
        // Cut inside the two-byte é, the three-byte € and the four-byte 😀.
        int[] cuts = {bodyText + 1, bodyText + 3, bodyText + 6, bodyText + 8};
        int from = 0;
        for (int cut : cuts) {
            run.decoder.feed(bytes, from, cut - from, run.events::add);
            from = cut;
        }
        run.decoder.feed(bytes, from, bytes.length - from, run.events::add);

        assertThat(run.onlyStanza().childText("body", "jabber:client")).isEqualTo("é€😀");
    }

    @Test
    void sizeBytesCountsTheElementButNotTheKeepalivesBeforeIt() {
        DecoderRun run = new DecoderRun().feed(HEADER + "<presence/>   <message><body>é</body></message>");

        assertThat(run.events).extracting(e -> e instanceof StreamEvent.TopLevel t ? t.sizeBytes() : -1)
                .containsExactly(-1, 11, 34);
    }

    @Test
    void largeStanzaSpanningManySlicesIsDecodedWhole() {
        String body = "x".repeat(100_000);
        String message = "<message><body>" + body + "</body></message>";
        DecoderRun run = new DecoderRun().feed(HEADER + message);

        assertThat(run.onlyStanza().childText("body", "jabber:client")).isEqualTo(body);
        assertThat(((StreamEvent.TopLevel) run.last()).sizeBytes()).isEqualTo(message.length());
    }

    @Test
    void directByteBufferGivesTheSameEventsAsAnArray() {
        byte[] bytes = CONVERSATION.getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        List<StreamEvent> events = new ArrayList<>();

        new XmlStreamDecoder(XmlLimits.DEFAULT).feed(direct, events::add);

        assertThat(events).isEqualTo(DecoderRun.decode(CONVERSATION));
        assertThat(direct.hasRemaining()).isFalse();
    }

    @Test
    void prefixedAttributeKeepsItsNamespaceDeclaration() {
        Element item = new DecoderRun()
                .feed(HEADER + "<message><x xmlns='urn:a' xmlns:b='urn:b'><y b:z='1'/></x></message>")
                .onlyStanza().firstElement().firstElement();

        assertThat(XmlWriter.toXml(item, "urn:a")).isEqualTo("<y b:z=\"1\" xmlns:b=\"urn:b\"/>");
    }

    @Test
    void longStreamsKeepTheHeaderNamespaceContextAcrossParserRenewals() {
        // With 1 KiB stanzas allowed the parser is renewed after every kilobyte of stanzas.
        XmlLimits small = new XmlLimits(1024, 4, 8);
        StringBuilder xml = new StringBuilder("<s:stream xmlns='jabber:server' xmlns:s='" + STREAMS
                + "' xmlns:db='jabber:server:dialback' xmlns:q='urn:x?a=1&amp;b=\"2\"'>");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            xml.append("<db:result to='a' from='b'>k").append(i).append("</db:result> ")
                    .append("<s:features><q:n").append(i).append("/></s:features>")
                    .append("<message><body>").append("x").append("é".repeat(i)).append("</body></message>");
            expected.add("<result xmlns=\"jabber:server:dialback\" to=\"a\" from=\"b\">k" + i + "</result>");
            expected.add("<features xmlns=\"" + STREAMS + "\"><n" + i + " xmlns=\"urn:x?a=1&amp;b=&quot;2&quot;\"/></features>");
            expected.add("<message xmlns=\"jabber:server\"><body>x" + "é".repeat(i) + "</body></message>");
        }
        xml.append("</s:stream>");

        DecoderRun bulk = new DecoderRun(small).feed(xml.toString());
        DecoderRun trickled = new DecoderRun(small).feedByteAtATime(xml.toString());

        assertThat(bulk.events).hasSize(2 + 180).isEqualTo(trickled.events);
        assertThat(bulk.last()).isEqualTo(new StreamEvent.StreamClose(0));
        assertThat(bulk.events).extracting(e -> e instanceof StreamEvent.TopLevel t ? XmlWriter.toXml(t.element()) : null)
                .filteredOn(Objects::nonNull).containsExactlyElementsOf(expected);
        assertThat(bulk.events.get(180)).isInstanceOfSatisfying(StreamEvent.TopLevel.class,
                t -> assertThat(t.sizeBytes()).isEqualTo(("<message><body>x" + "é".repeat(59) + "</body></message>")
                        .getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void resetStartsANewStreamAndStampsTheNextGeneration() {
        DecoderRun run = new DecoderRun().feed(HEADER + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        run.decoder.reset();
        run.feed(HEADER + "<presence/>");

        assertThat(run.decoder.generation()).isEqualTo(1);
        assertThat(run.events).extracting(StreamEvent::generation).containsExactly(0, 0, 1, 1);
        assertThat(run.events.get(2)).isInstanceOf(StreamEvent.StreamOpen.class);
    }

    @Test
    void resetFromTheSinkDiscardsBytesPipelinedAfterStarttls() {
        XmlStreamDecoder decoder = new XmlStreamDecoder(XmlLimits.DEFAULT);
        List<StreamEvent> events = new ArrayList<>();
        byte[] bytes = (HEADER + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/><message><body>injected</body></message>")
                .getBytes(StandardCharsets.UTF_8);

        decoder.feed(bytes, 0, bytes.length, event -> {
            events.add(event);
            if (event instanceof StreamEvent.TopLevel) {
                decoder.reset();
            }
        });

        assertThat(events).hasSize(2);
        assertThat(((StreamEvent.TopLevel) events.get(1)).element().name()).isEqualTo("starttls");
    }

    @Test
    void nothingIsEmittedAfterTheStreamCloses() {
        DecoderRun run = new DecoderRun().feed(HEADER + "</stream:stream>").feed("<message/>");

        assertThat(run.events).hasSize(2);
        assertThat(run.last()).isEqualTo(new StreamEvent.StreamClose(0));
    }

    @Test
    void closedDecoderIgnoresInput() {
        DecoderRun run = new DecoderRun().feed(HEADER);
        run.decoder.close();
        run.feed("<message/>");

        assertThat(run.events).hasSize(1);
    }
}
