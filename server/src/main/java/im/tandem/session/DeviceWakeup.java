package im.tandem.session;

import im.tandem.xml.Element;

/**
 * Told when a quiet device (XEP-0352 inactive) is sent a message it should see now (quiet
 * mode flushes for it): a device whose app is in the background may need a push
 * notification (XEP-0357) to notice.
 */
public interface DeviceWakeup {

    void wake(ClientSession session, Element message);
}
