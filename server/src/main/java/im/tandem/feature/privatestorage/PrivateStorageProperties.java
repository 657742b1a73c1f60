package im.tandem.feature.privatestorage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Private XML storage settings, {@code tandem.private-storage.*}.
 *
 * @param maxSize largest serialized element a user may store under one namespace
 */
@ConfigurationProperties("tandem.private-storage")
public record PrivateStorageProperties(@DefaultValue("64KB") DataSize maxSize) {
}
