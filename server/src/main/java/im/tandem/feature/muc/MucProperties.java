package im.tandem.feature.muc;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Multi-user chat, {@code tandem.muc.*}.
 *
 * @param enabled             serve the group chat domain at all
 * @param domain              the service's domain; empty means {@code conference.<tandem.domain>}
 * @param maxRooms            rooms the service holds at once (persistent and temporary)
 * @param maxRoomsPerUser     rooms one account may own
 * @param defaultMaxUsers     the occupant limit of a new room
 * @param maxUsersLimit       the highest occupant limit an owner may configure
 * @param defaultHistory      messages a room keeps for newcomers unless its owner says otherwise
 * @param maxHistory          the most an owner may configure
 * @param maxNickLength       characters of a nickname
 * @param maxRoomsPerSession  rooms one client session may be in at once
 * @param maxAffiliations     affiliation entries (members, admins, owners, outcasts) per room
 * @param maxTextLength       characters of a room name, description, subject or password
 * @param messagesPerSecond   stanzas an occupant session may send to a room per second, sustained (bursts of twice that)
 */
@ConfigurationProperties("tandem.muc")
public record MucProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") String domain,
        @DefaultValue("1000") int maxRooms,
        @DefaultValue("20") int maxRoomsPerUser,
        @DefaultValue("100") int defaultMaxUsers,
        @DefaultValue("500") int maxUsersLimit,
        @DefaultValue("20") int defaultHistory,
        @DefaultValue("100") int maxHistory,
        @DefaultValue("64") int maxNickLength,
        @DefaultValue("100") int maxRoomsPerSession,
        @DefaultValue("1000") int maxAffiliations,
        @DefaultValue("1024") int maxTextLength,
        @DefaultValue("10") int messagesPerSecond) {

    /** The service domain for a server domain. */
    public String serviceDomain(String serverDomain) {
        return domain == null || domain.isBlank() ? "conference." + serverDomain : domain;
    }
}
