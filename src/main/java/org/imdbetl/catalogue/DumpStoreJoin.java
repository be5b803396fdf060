package org.imdbetl.catalogue;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongHashSet;
import java.util.Arrays;

/**
 * The refresh's comparison of a dump with the store, in one pass: each row of the dump is matched
 * against a walk of the store's titles in key order (a merge-join), one walk per digit count (see
 * {@link TitleKey}), so a next day costs one read of the file and one walk of the store instead of a
 * lookup per row. A row out of order (or repeated) is looked up instead and remembered, so it is never
 * taken for a title the dump lacks. Titles the dump lacks are reported only by {@link #finish}, after
 * the whole dump was read: a dump cut short must not delete anything, and only the caller knows it was whole.
 */
public final class DumpStoreJoin {

    /** The store's titles in key order, and single lookups. */
    public interface TitleStore {
        Cursor cursor();

        /** The stored value of a key, or null. */
        byte[] get(long key);
    }

    /** A walk of the store's titles in ascending key order. */
    public interface Cursor extends AutoCloseable {
        void seek(long key);

        boolean valid();

        long key();

        byte[] value();

        void next();

        @Override
        void close();
    }

    /** What the comparison finds. */
    public interface Changes {
        void added(long key, byte[] value);

        void changed(long key, byte[] before, byte[] value);

        /** A title the store has and the whole dump lacks. */
        void absent(long key, byte[] before);
    }

    private final TitleStore store;
    private final Changes changes;
    private final Cursor[] cursors = new Cursor[TitleKey.MAX_DIGITS + 1];
    private final long[] last = new long[TitleKey.MAX_DIGITS + 1];
    private final LongArrayList absent = new LongArrayList();
    private final LongHashSet lookedUp = new LongHashSet();
    private long unchanged;
    private boolean closed;

    public DumpStoreJoin(TitleStore store, Changes changes) {
        this.store = store;
        this.changes = changes;
        Arrays.fill(last, -1);
    }

    /** One dump row, as the store would hold it. */
    public void row(long key, byte[] value) {
        if (!inOrder(key)) {
            lookUp(key, value);
            return;
        }
        Cursor cursor = walkTo(key);
        if (cursor != null) {
            compare(key, cursor.value(), value);
            cursor.next();
        } else {
            changes.added(key, value);
        }
    }

    /** Whether the key comes after every earlier row of its digit count (then it is the walk's next). */
    private boolean inOrder(long key) {
        int digits = TitleKey.digits(key);
        if (digits < TitleKey.MIN_DIGITS || digits > TitleKey.MAX_DIGITS) {
            throw new IllegalArgumentException("not a title key: " + key);
        }
        if (key <= last[digits]) {
            return false;
        }
        last[digits] = key;
        return true;
    }

    /**
     * Walks the store's titles of the key's digit count up to it; those passed are absent from the dump.
     *
     * @return the walk standing on the key, or null when the store does not hold it
     */
    private Cursor walkTo(long key) {
        int digits = TitleKey.digits(key);
        Cursor cursor = cursor(digits);
        while (valid(cursor, digits) && cursor.key() < key) {
            absent.add(cursor.key());
            cursor.next();
        }
        return valid(cursor, digits) && cursor.key() == key ? cursor : null;
    }

    /**
     * A title the dump has but whose row could not be read: whatever the store holds of it stays, neither
     * changed nor absent (a broken row today is not a title that left the dump).
     */
    public void keep(long key) {
        if (!inOrder(key)) {
            lookedUp.add(key);
            return;
        }
        Cursor cursor = walkTo(key);
        if (cursor != null) {
            cursor.next();
        }
    }

    /** Reports every title the store has and the dump lacked; call it only once the whole dump was read. */
    public void finish() {
        for (int digits = TitleKey.MIN_DIGITS; digits <= TitleKey.MAX_DIGITS; digits++) {
            Cursor cursor = cursor(digits);
            for (; valid(cursor, digits); cursor.next()) {
                absent.add(cursor.key());
            }
        }
        for (int i = 0; i < absent.size(); i++) {
            long key = absent.get(i);
            if (!lookedUp.contains(key)) {
                byte[] before = store.get(key);
                if (before != null) {
                    changes.absent(key, before);
                }
            }
        }
        close();
    }

    /** Rows of the dump found unchanged in the store. */
    public long unchanged() {
        return unchanged;
    }

    /** Closes the walks; a join closed before {@link #finish} reports no absent title. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Cursor cursor : cursors) {
            if (cursor != null) {
                cursor.close();
            }
        }
    }

    private void lookUp(long key, byte[] value) {
        if (!lookedUp.add(key)) {
            // The same title twice in one dump: the later row wins, as it would in the topic.
            byte[] before = store.get(key);
            if (before == null || !Arrays.equals(before, value)) {
                changes.changed(key, before, value);
            }
            return;
        }
        byte[] before = store.get(key);
        if (before == null) {
            changes.added(key, value);
        } else {
            compare(key, before, value);
        }
    }

    private void compare(long key, byte[] before, byte[] value) {
        if (Arrays.equals(before, value)) {
            unchanged++;
        } else {
            changes.changed(key, before, value);
        }
    }

    private Cursor cursor(int digits) {
        if (cursors[digits] == null) {
            cursors[digits] = store.cursor();
            cursors[digits].seek(TitleKey.first(digits));
        }
        return cursors[digits];
    }

    private static boolean valid(Cursor cursor, int digits) {
        return cursor.valid() && TitleKey.digits(cursor.key()) == digits;
    }
}
