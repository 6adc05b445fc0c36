package org.bedflow.sample;

/** Small allocation-light text helpers (String.format is locale-sensitive and slow). */
final class Texts {

    private Texts() {
    }

    /** Zero-padded decimal of a non-negative value. */
    static String pad(long value, int width) {
        String s = Long.toString(value);
        if (s.length() >= width) {
            return s;
        }
        StringBuilder b = new StringBuilder(width);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s).toString();
    }
}
