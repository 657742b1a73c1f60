package im.tandem.bench;

import im.tandem.transport.StreamEvent;
import im.tandem.transport.XmlStreamDecoder;
import im.tandem.xml.Element;
import im.tandem.xml.XmlLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The stanzas the benchmarks work on, as XML text and as elements parsed by the real decoder. */
final class BenchStanzas {

    /** The client's stream header, fed once before any stanza. */
    static final String HEADER = "<?xml version='1.0'?><stream:stream to='localhost' version='1.0' xml:lang='en' "
            + "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

    /** A body of 101 ASCII characters: a typical short instant message. */
    static final String BODY = "Running ten minutes late, the train is stuck outside the station. "
            + "Order for me if you get there first";

    /** A chat message as a client sends it: no {@code from}, the server stamps that. */
    static final String CLIENT_MESSAGE = "<message to='bob@localhost' type='chat' id='5f2c9e1a-77b4'>"
            + "<body>" + BODY + "</body></message>";

    /** Available presence with XEP-0115 entity capabilities, as a mobile client sends it. */
    static final String CLIENT_PRESENCE = "<presence id='p-41c7'><priority>5</priority>"
            + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://tandem.im/client' "
            + "ver='QgayPKawpkPSDYmwT/WM94uAlu0='/></presence>";

    /** The roster request every client sends after binding. */
    static final String CLIENT_ROSTER_GET = "<iq type='get' id='roster-1'><query xmlns='jabber:iq:roster'/></iq>";

    /** The chat message as the server routes it: {@code from} stamped with the sender's full JID. */
    static final String ROUTED_MESSAGE = "<message from='alice@localhost/phone' to='bob@localhost' type='chat' "
            + "id='5f2c9e1a-77b4'><body>" + BODY + "</body></message>";

    /** Available presence of a contact, as routed to a session of the user. */
    static String routedPresence(String from) {
        return "<presence from='" + from + "' to='bob@localhost/phone'><priority>5</priority>"
                + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://tandem.im/client' "
                + "ver='QgayPKawpkPSDYmwT/WM94uAlu0='/></presence>";
    }

    private BenchStanzas() {
    }

    static byte[] utf8(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** Parses top-level elements with {@link XmlStreamDecoder} inside a {@code jabber:client} stream. */
    static Element parse(String xml) {
        List<StreamEvent> events = new ArrayList<>();
        try (XmlStreamDecoder decoder = new XmlStreamDecoder(XmlLimits.DEFAULT)) {
            byte[] header = utf8(HEADER);
            decoder.feed(header, 0, header.length, events::add);
            byte[] bytes = utf8(xml);
            decoder.feed(bytes, 0, bytes.length, events::add);
        }
        if (events.size() != 2 || !(events.get(0) instanceof StreamEvent.StreamOpen)
                || !(events.get(1) instanceof StreamEvent.TopLevel top)) {
            throw new IllegalStateException("expected a stream header and one element, got " + events);
        }
        return top.element();
    }
}
