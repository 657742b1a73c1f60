package im.tandem.feature.mam;

import im.tandem.stanza.Jid;
import im.tandem.xml.Element;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed archive query (XEP-0313 section 4): the data form filters {@code with},
 * {@code start}, {@code end} and, from {@code urn:xmpp:mam:2#extended}, {@code before-id},
 * {@code after-id}, {@code ids} and {@code <flip-page/>}, plus the RSM paging request. Anything
 * malformed is an {@link InvalidQuery} (bad-request).
 */
public record ArchiveQuery(String queryId, Jid with, Instant start, Instant end, String beforeId, String afterId,
                           Set<String> ids, boolean flipPage, ResultSetRequest page) {

    /** Longest queryid echoed back in every result. */
    static final int MAX_QUERY_ID_LENGTH = 256;

    /** The query is malformed; the message says how. */
    public static final class InvalidQuery extends Exception {
        public InvalidQuery(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses {@code <query xmlns='urn:xmpp:mam:2'/>} of an iq set. */
    public static ArchiveQuery parse(Element query, int defaultPageSize, int maxPageSize) throws InvalidQuery {
        String queryId = query.attribute("queryid");
        if (queryId != null && queryId.length() > MAX_QUERY_ID_LENGTH) {
            throw new InvalidQuery("queryid is too long");
        }
        if (query.attribute("node") != null) {
            throw new InvalidQuery("a user archive has no nodes");
        }
        Jid with = null;
        Instant start = null;
        Instant end = null;
        String beforeId = null;
        String afterId = null;
        Set<String> ids = null;
        Element form = query.child("x", "jabber:x:data");
        if (form != null) {
            if (!"submit".equals(form.attribute("type"))) {
                throw new InvalidQuery("the form must be of type submit");
            }
            Set<String> seen = new LinkedHashSet<>();
            for (Element field : form.children("field", "jabber:x:data")) {
                String var = field.attribute("var");
                if (var == null || !seen.add(var)) {
                    throw new InvalidQuery("every field needs a var, once");
                }
                List<String> values = values(field);
                switch (var) {
                    case "FORM_TYPE" -> {
                        if (!values.equals(List.of(MamFeature.NAMESPACE))) {
                            throw new InvalidQuery("FORM_TYPE must be " + MamFeature.NAMESPACE);
                        }
                    }
                    case "with" -> with = jid(single(values, var));
                    case "start" -> start = instant(single(values, var), var);
                    case "end" -> end = instant(single(values, var), var);
                    case "before-id" -> beforeId = id(single(values, var), var);
                    case "after-id" -> afterId = id(single(values, var), var);
                    case "ids" -> {
                        if (values.size() > maxPageSize) {
                            throw new InvalidQuery("at most " + maxPageSize + " ids");
                        }
                        ids = new LinkedHashSet<>();
                        for (String v : values) {
                            ids.add(id(v, var));
                        }
                    }
                    default -> throw new InvalidQuery("unknown field " + clip(var));
                }
            }
        }
        boolean flip = query.child("flip-page", MamFeature.NAMESPACE) != null;
        ResultSetRequest page = ResultSetRequest.parse(query.child("set", ResultSetRequest.NAMESPACE),
                defaultPageSize, maxPageSize);
        return new ArchiveQuery(queryId, with, start, end, beforeId, afterId, ids, flip, page);
    }

    private static List<String> values(Element field) {
        List<String> values = new ArrayList<>();
        for (Element v : field.children("value", "jabber:x:data")) {
            values.add(v.text() == null ? "" : v.text().strip());
        }
        return values;
    }

    private static String single(List<String> values, String var) throws InvalidQuery {
        if (values.size() != 1 || values.get(0).isEmpty()) {
            throw new InvalidQuery(var + " takes exactly one value");
        }
        return values.get(0);
    }

    private static Jid jid(String text) throws InvalidQuery {
        try {
            return Jid.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidQuery("with is not a JID");
        }
    }

    /** XEP-0082 date and time, which must carry a time zone. */
    static Instant instant(String text, String var) throws InvalidQuery {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidQuery(var + " is not a XEP-0082 date and time");
        }
    }

    private static String id(String text, String var) throws InvalidQuery {
        if (text.isEmpty() || text.length() > ResultSetRequest.MAX_ID_LENGTH) {
            throw new InvalidQuery(var + " is not an archive id");
        }
        return text;
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
