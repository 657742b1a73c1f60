package im.tandem.feature.vcard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * vCard settings, {@code tandem.vcard.*}.
 *
 * @param maxSize largest serialized vCard a user may publish (photos make vCards big)
 */
@ConfigurationProperties("tandem.vcard")
public record VCardProperties(@DefaultValue("64KB") DataSize maxSize) {
}
