package dev.switchboard.api.paging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.switchboard.api.error.ApiException;

/**
 * One request for a page of a newest-first list ({@code ?limit=&cursor=}), validated, and the page
 * answered from it: {@code {"data": [...], "next_cursor": "..." | null}}.
 *
 * <p>The caller fetches {@link #fetch()} rows (one more than the limit), which tells whether there is
 * a next page without a count; the extra row is not shown.
 *
 * @param after the end of the previous page, or null for the first page
 */
public record PageRequest(int limit, KeysetCursor after) {

    /** @throws ApiException 400 naming the field that is out of range or malformed */
    public static PageRequest of(int limit, int maxLimit, String cursor) {
        if (limit < 1 || limit > maxLimit) {
            throw ApiException.badRequest("limit must be from 1 to " + maxLimit);
        }
        return new PageRequest(limit, cursor == null || cursor.isBlank() ? null : KeysetCursor.decode(cursor));
    }

    /** How many rows to read: the page and one more. */
    public int fetch() {
        return limit + 1;
    }

    /**
     * @param rows     up to {@link #fetch()} rows, newest first
     * @param cursorOf where a row sits in the order
     * @param view     what the client sees of a row
     */
    public <T> Map<String, Object> page(List<T> rows, Function<T, KeysetCursor> cursorOf, Function<T, ?> view) {
        int shown = Math.min(rows.size(), limit);
        List<Object> data = new ArrayList<>(shown);
        for (int i = 0; i < shown; i++) {
            data.add(view.apply(rows.get(i)));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("data", data);
        page.put("next_cursor", rows.size() > limit ? cursorOf.apply(rows.get(limit - 1)).encode() : null);
        return page;
    }
}
