package org.imdbetl.catalogue;

/**
 * An episode's key in the store's episodes family: series, season, episode, the episode's own key, so
 * a series' episodes are one key range in season then episode order. A missing season or episode
 * number is written as the largest value, so unnumbered episodes come last, then by tconst.
 */
public final class EpisodeKey {

    public static final int BYTES = TitleKey.BYTES + Integer.BYTES + Integer.BYTES + TitleKey.BYTES;
    private static final int NONE = -1;

    private EpisodeKey() {
    }

    /** @param season  the season number, or null for {@code \N}
     *  @param episode the episode number, or null for {@code \N} */
    public static byte[] of(long series, Integer season, Integer episode, long key) {
        byte[] bytes = new byte[BYTES];
        TitleKey.write(series, bytes, 0);
        writeInt(season == null ? NONE : season, bytes, TitleKey.BYTES);
        writeInt(episode == null ? NONE : episode, bytes, TitleKey.BYTES + Integer.BYTES);
        TitleKey.write(key, bytes, TitleKey.BYTES + 2 * Integer.BYTES);
        return bytes;
    }

    /** The first bytes of every key of one series' episodes. */
    public static byte[] prefix(long series) {
        return TitleKey.bytes(series);
    }

    public static long series(byte[] key) {
        return TitleKey.read(key, 0);
    }

    public static Integer season(byte[] key) {
        return number(key, TitleKey.BYTES);
    }

    public static Integer episode(byte[] key) {
        return number(key, TitleKey.BYTES + Integer.BYTES);
    }

    public static long title(byte[] key) {
        return TitleKey.read(key, TitleKey.BYTES + 2 * Integer.BYTES);
    }

    private static Integer number(byte[] key, int offset) {
        int value = readInt(key, offset);
        return value == NONE ? null : value;
    }

    static int readInt(byte[] from, int offset) {
        return (from[offset] & 0xFF) << 24 | (from[offset + 1] & 0xFF) << 16 | (from[offset + 2] & 0xFF) << 8
                | (from[offset + 3] & 0xFF);
    }

    static void writeInt(int value, byte[] into, int offset) {
        into[offset] = (byte) (value >>> 24);
        into[offset + 1] = (byte) (value >>> 16);
        into[offset + 2] = (byte) (value >>> 8);
        into[offset + 3] = (byte) value;
    }
}
