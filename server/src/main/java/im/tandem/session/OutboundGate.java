package im.tandem.session;

import im.tandem.xml.Element;
import java.util.List;

/**
 * Sits between the server and a session's connection and may hold stanzas back instead of
 * writing them (quiet mode, XEP-0352). The core knows no gate by name: a feature installs one
 * on a session with {@link ClientSession#gate(OutboundGate)} and removes it again.
 */
public interface OutboundGate {

    /**
     * Offers a stanza on its way to {@code session}. Returns true if the gate took it (it is
     * held, dropped as superseded, or written by the gate itself in order), false if the caller
     * is to write it now.
     *
     * @param copies the user's other sessions that got a copy of the same message in the same
     *               delivery (empty for anything but one-to-one messages); a gate that has to
     *               give up a held message uses them to tell whether the user has it elsewhere
     */
    boolean offer(ClientSession session, Element stanza, List<ClientSession> copies);
}
