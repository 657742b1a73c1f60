package im.tandem.feature.push;

import im.tandem.stanza.Jid;
import im.tandem.store.PushRegistrationStore;
import im.tandem.xml.Element;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One device's push registration: the app server ({@code service}, {@code node}) that wakes
 * the device whose session has {@code resource}, the publish-options to pass on, and counts
 * kept in memory: messages notified since the device was last connected, failures in a row.
 * At most one notification per registration is in flight: a burst of messages becomes one
 * notification now and one with the latest count when the app server has answered.
 */
final class PushRegistration {

    final String username;
    final Jid service;
    final String node;
    final String resource;
    final Element publishOptions;
    final Instant createdAt;
    final AtomicInteger pending = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    /** A notification is on its way; later messages only update {@link #latest} and {@link #dirty}. */
    final java.util.concurrent.atomic.AtomicBoolean inFlight = new java.util.concurrent.atomic.AtomicBoolean();
    volatile boolean dirty;
    volatile Element latest;

    PushRegistration(String username, Jid service, String node, String resource, Element publishOptions,
                     Instant createdAt) {
        this.username = username;
        this.service = service;
        this.node = node;
        this.resource = resource;
        this.publishOptions = publishOptions;
        this.createdAt = createdAt;
    }

    boolean same(Jid otherService, String otherNode) {
        return service.equals(otherService) && node.equals(otherNode);
    }

    PushRegistrationStore.Row row() {
        return new PushRegistrationStore.Row(username, service.toString(), node, resource,
                publishOptions == null ? null : im.tandem.store.XmlFragments.serialize(publishOptions), createdAt);
    }

    @Override
    public String toString() {
        return "PushRegistration[" + username + "/" + resource + " -> " + service + " " + node + "]";
    }
}
