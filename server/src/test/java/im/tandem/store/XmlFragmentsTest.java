package im.tandem.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.tandem.xml.Element;
import org.junit.jupiter.api.Test;

class XmlFragmentsTest {

    @Test
    void serializedElementParsesBackEqual() {
        Element original = Element.builder("message", "jabber:client").attribute("to", "b@x").attribute("xml:lang", "en")
                .child(Element.builder("body", "jabber:client").text("a < b & \"c\" \u00e9 \ud83d\ude00").build())
                .child(Element.builder("x", "urn:example").attribute("k", "'v'").child("y", "urn:other").build())
                .build();
        Element parsed = XmlFragments.parse(XmlFragments.serialize(original));
        assertThat(parsed).isEqualTo(original);
    }

    @Test
    void elementOutsideJabberClientKeepsItsNamespace() {
        Element parsed = XmlFragments.parse("<vCard xmlns='vcard-temp'><FN>Alice</FN></vCard>");
        assertThat(parsed.is("vCard", "vcard-temp")).isTrue();
        assertThat(parsed.childText("FN", "vcard-temp")).isEqualTo("Alice");
    }

    @Test
    void rejectsAnythingButOneWellFormedElement() {
        assertThatThrownBy(() -> XmlFragments.parse("<a xmlns='x'>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlFragments.parse("<a xmlns='x'/><b xmlns='x'/>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlFragments.parse("<a xmlns='x'></b>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlFragments.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
