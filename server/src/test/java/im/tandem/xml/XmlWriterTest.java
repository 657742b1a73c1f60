package im.tandem.xml;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.transport.StreamEvent;
import im.tandem.transport.XmlStreamDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlWriterTest {

    @Test
    void textIsEscaped() {
        Element body = Element.builder("body", "jabber:client").text("a<b & c>d \"q\" 'a'\r\n").build();

        assertThat(XmlWriter.toXml(body, "jabber:client"))
                .isEqualTo("<body>a&lt;b &amp; c&gt;d \"q\" 'a'&#13;\n</body>");
    }

    @Test
    void attributeValuesAreEscapedIncludingWhitespaceThatParsersWouldNormalize() {
        Element message = Element.builder("message", "jabber:client")
                .attribute("to", "a\"b'c<d>&e\tf\ng\rh").build();

        assertThat(XmlWriter.toXml(message, "jabber:client"))
                .isEqualTo("<message to=\"a&quot;b&apos;c&lt;d&gt;&amp;e&#9;f&#10;g&#13;h\"/>");
    }

    @Test
    void namespaceIsDeclaredOnlyWhereItDiffersFromTheParent() {
        Element iq = Element.builder("iq", "jabber:client").attribute("type", "result")
                .child(Element.builder("query", "jabber:iq:roster")
                        .child(Element.builder("item", "jabber:iq:roster").attribute("jid", "romeo@example.net")
                                .textChild("group", "jabber:iq:roster", "Friends").build())
                        .build())
                .build();

        assertThat(XmlWriter.toXml(iq, "jabber:client")).isEqualTo("<iq type=\"result\">"
                + "<query xmlns=\"jabber:iq:roster\"><item jid=\"romeo@example.net\"><group>Friends</group></item></query>"
                + "</iq>");
        assertThat(XmlWriter.toXml(iq)).startsWith("<iq xmlns=\"jabber:client\" type=\"result\">");
    }

    @Test
    void childWithoutNamespaceUndeclaresTheParentDefault() {
        Element x = Element.builder("x", "urn:a").child(Element.of("y", "")).build();

        assertThat(XmlWriter.toXml(x)).isEqualTo("<x xmlns=\"urn:a\"><y xmlns=\"\"/></x>");
    }

    @Test
    void decodingWhatWasWrittenGivesTheSameElement() {
        List<Element> elements = List.of(
                Element.builder("message", "jabber:client").attribute("to", "juliet@example.com/balcony")
                        .attribute("xml:lang", "en").attribute("type", "chat")
                        .textChild("body", "jabber:client", "Art thou <not> Romeo & a \"Montague\"?\r\n\t😀")
                        .child("active", "http://jabber.org/protocol/chatstates")
                        .build(),
                Element.builder("iq", "jabber:client").attribute("type", "set").attribute("id", "q'1\"")
                        .child(Element.builder("pubsub", "http://jabber.org/protocol/pubsub")
                                .child(Element.builder("publish", "http://jabber.org/protocol/pubsub")
                                        .attribute("node", "urn:xmpp:avatar:data")
                                        .child(Element.builder("item", "http://jabber.org/protocol/pubsub")
                                                .text("  before ")
                                                .child(Element.of("data", ""))
                                                .text(" after  ")
                                                .build())
                                        .build())
                                .build())
                        .build(),
                Element.builder("features", "http://etherx.jabber.org/streams")
                        .child("starttls", "urn:ietf:params:xml:ns:xmpp-tls").build());

        for (Element element : elements) {
            assertThat(decode(XmlWriter.toXml(element, "jabber:client"))).isEqualTo(element);
        }
    }

    private static Element decode(String stanza) {
        String stream = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>" + stanza;
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        List<StreamEvent> events = new ArrayList<>();
        new XmlStreamDecoder(XmlLimits.DEFAULT).feed(bytes, 0, bytes.length, events::add);
        assertThat(events).hasSize(2);
        return ((StreamEvent.TopLevel) events.get(1)).element();
    }

    @Test
    void aStanzaIsSerializedOncePerFormWhetherOnTheStreamOrForwarded() {
        Element message = Element.builder("message", "jabber:client").attribute("to", "alice@localhost")
                .attribute("type", "chat").textChild("body", "jabber:client", "hi & bye").build();
        String onStream = XmlWriter.toXml(message, "jabber:client");
        assertThat(onStream).isEqualTo("<message to=\"alice@localhost\" type=\"chat\"><body>hi &amp; bye</body></message>");
        assertThat(XmlWriter.toXml(message, "jabber:client")).as("kept, not written again").isSameAs(onStream);
        assertThat(XmlWriter.length(message, "jabber:client")).isEqualTo(onStream.length());

        // the same message inside two carbon wrappers for different devices: declared form, written once
        Element first = carbon(message, "alice@localhost/phone");
        Element second = carbon(message, "alice@localhost/tablet");
        String inner = "<forwarded xmlns=\"urn:xmpp:forward:0\"><message xmlns=\"jabber:client\" to=\"alice@localhost\" "
                + "type=\"chat\"><body>hi &amp; bye</body></message></forwarded>";
        assertThat(XmlWriter.toXml(first, "jabber:client")).isEqualTo("<message to=\"alice@localhost/phone\">"
                + "<received xmlns=\"urn:xmpp:carbons:2\">" + inner + "</received></message>");
        assertThat(XmlWriter.toXml(second, "jabber:client")).contains(inner).startsWith("<message to=\"alice@localhost/tablet\">");
        // and both forms stay right afterwards
        assertThat(XmlWriter.toXml(message, "jabber:client")).isSameAs(onStream);
        assertThat(XmlWriter.toXml(message)).isEqualTo(inner.substring(inner.indexOf("<message"), inner.indexOf("</forwarded>")));
    }

    @Test
    void measuringALengthKeepsNothing() {
        Element presence = Element.builder("presence", "jabber:client").attribute("from", "bob@localhost/desk").build();
        assertThat(XmlWriter.length(presence, "jabber:client")).isEqualTo("<presence from=\"bob@localhost/desk\"/>".length());
        String first = XmlWriter.toXml(presence, "jabber:client");
        assertThat(XmlWriter.toXml(presence, "jabber:client")).isSameAs(first);
    }

    private static Element carbon(Element message, String to) {
        return Element.builder("message", "jabber:client").attribute("to", to)
                .child(Element.builder("received", "urn:xmpp:carbons:2")
                        .child(Element.builder("forwarded", "urn:xmpp:forward:0").child(message).build()).build())
                .build();
    }
}
