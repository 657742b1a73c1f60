package im.tandem.transport;

import im.tandem.xml.Element;
import im.tandem.xml.XmlLimits;
import im.tandem.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Feeds XML text to a fresh decoder, whole or in pieces, and collects what it emits. */
final class DecoderRun {

    static final String STREAMS = "http://etherx.jabber.org/streams";
    static final String HEADER = "<stream:stream xmlns='jabber:client' xmlns:stream='" + STREAMS
            + "' to='example.com' version='1.0'>";

    final XmlStreamDecoder decoder;
    final List<StreamEvent> events = new ArrayList<>();

    DecoderRun(XmlLimits limits) {
        decoder = new XmlStreamDecoder(limits);
    }

    DecoderRun() {
        this(XmlLimits.DEFAULT);
    }

    DecoderRun feed(String xml) {
        return feed(xml.getBytes(StandardCharsets.UTF_8));
    }

    DecoderRun feed(byte[] bytes) {
        decoder.feed(bytes, 0, bytes.length, events::add);
        return this;
    }

    DecoderRun feedByteAtATime(String xml) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            decoder.feed(bytes, i, 1, events::add);
        }
        return this;
    }

    static List<StreamEvent> decode(String xml) {
        return new DecoderRun().feed(xml).events;
    }

    /** The elements of the TopLevel events, serialized as children of a jabber:client stream. */
    List<String> stanzas() {
        List<String> xml = new ArrayList<>();
        for (StreamEvent event : events) {
            if (event instanceof StreamEvent.TopLevel top) {
                xml.add(XmlWriter.toXml(top.element(), "jabber:client"));
            }
        }
        return xml;
    }

    Element onlyStanza() {
        List<Element> elements = new ArrayList<>();
        for (StreamEvent event : events) {
            if (event instanceof StreamEvent.TopLevel top) {
                elements.add(top.element());
            }
        }
        if (elements.size() != 1) {
            throw new AssertionError("expected one stanza, got " + events);
        }
        return elements.get(0);
    }

    StreamEvent last() {
        return events.get(events.size() - 1);
    }
}
