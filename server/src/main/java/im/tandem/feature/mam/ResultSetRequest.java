package im.tandem.feature.mam;

import im.tandem.xml.Element;

/**
 * The XEP-0059 {@code <set/>} of a request. {@code before} is null when absent and empty for
 * {@code <before/>} (the last page); {@code max} is already capped to the page size limit.
 */
public record ResultSetRequest(int max, String after, String before, Integer index) {

    public static final String NAMESPACE = "http://jabber.org/protocol/rsm";
    /** Longest id accepted in after/before; archive ids are far shorter. */
    static final int MAX_ID_LENGTH = 128;

    /** Whether the page is taken from the end backwards. */
    public boolean backwards() {
        return before != null;
    }

    /** Parses a {@code <set/>} (null: none), capping {@code max} at {@code maxPageSize}. */
    public static ResultSetRequest parse(Element set, int defaultPageSize, int maxPageSize) throws ArchiveQuery.InvalidQuery {
        if (set == null) {
            return new ResultSetRequest(Math.min(defaultPageSize, maxPageSize), null, null, null);
        }
        int max = Math.min(defaultPageSize, maxPageSize);
        String maxText = set.childText("max", NAMESPACE);
        if (maxText != null) {
            max = (int) Math.min(nonNegative(maxText, "max"), maxPageSize);
        }
        String after = id(set.child("after", NAMESPACE), "after");
        String before = id(set.child("before", NAMESPACE), "before");
        if (after != null && after.isEmpty()) {
            throw new ArchiveQuery.InvalidQuery("after needs an id");
        }
        String indexText = set.childText("index", NAMESPACE);
        Integer index = null;
        if (indexText != null) {
            long i = nonNegative(indexText, "index");
            if (i > Integer.MAX_VALUE || after != null || before != null) {
                throw new ArchiveQuery.InvalidQuery("index cannot be combined with after or before");
            }
            index = (int) i;
        }
        return new ResultSetRequest(max, after, before, index);
    }

    private static String id(Element e, String name) throws ArchiveQuery.InvalidQuery {
        if (e == null) {
            return null;
        }
        String text = e.text() == null ? "" : e.text().strip();
        if (text.length() > MAX_ID_LENGTH) {
            throw new ArchiveQuery.InvalidQuery(name + " is too long");
        }
        return text;
    }

    private static long nonNegative(String text, String name) throws ArchiveQuery.InvalidQuery {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 10 || !t.chars().allMatch(Character::isDigit)) {
            throw new ArchiveQuery.InvalidQuery(name + " must be a non-negative integer");
        }
        return Long.parseLong(t);
    }
}
