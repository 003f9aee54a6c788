/**
 * Cursor pagination of newest-first lists (generations, purchases): the opaque keyset cursor, the
 * {@code limit} and {@code cursor} checks, and the {@code data}/{@code next_cursor} page shape.
 */
package dev.switchboard.api.paging;
