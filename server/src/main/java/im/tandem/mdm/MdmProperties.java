package im.tandem.mdm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Multi-device messaging settings, {@code tandem.mdm.*}.
 *
 * @param enabled      the MDM service parameter at first start; once changed over REST the
 *                     stored value wins, and either applies only at a router restart
 * @param activeWindow how long after its last available presence or instant message a session
 *                     stays its user's active client
 * @param buffer       quiet-mode buffer limits
 */
@ConfigurationProperties("tandem.mdm")
public record MdmProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5m") Duration activeWindow,
        @DefaultValue Buffer buffer) {

    /**
     * Quiet-mode buffers, {@code tandem.mdm.buffer.*}.
     *
     * @param sessionMaxStanzas stanzas held for one session before it is flushed
     * @param sessionMaxBytes   bytes held for one session before it is flushed
     * @param globalMaxBytes    bytes held by all sessions of the node together
     * @param maxHold           longest a stanza waits in a buffer
     */
    public record Buffer(
            @DefaultValue("500") int sessionMaxStanzas,
            @DefaultValue("256KB") DataSize sessionMaxBytes,
            @DefaultValue("256MB") DataSize globalMaxBytes,
            @DefaultValue("10m") Duration maxHold) {
    }
}
