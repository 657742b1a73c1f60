package im.tandem.feature.mam;

import im.tandem.store.ArchiveStore;
import java.util.List;

/**
 * One page of query results, oldest first (or newest first when flipped), with what the
 * {@code <fin/>} reports: whether the page reaches the end of the result set in the paging
 * direction, the result set's size and the index of the page's first item in it.
 */
public record ArchivePage(List<ArchiveStore.Row> rows, boolean complete, long count, long firstIndex) {
}
