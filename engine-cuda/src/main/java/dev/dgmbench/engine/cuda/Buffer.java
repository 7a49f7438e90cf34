package dev.dgmbench.engine.cuda;

/** A typed array in a {@link Device}'s memory: floats, ints or doubles, of a fixed length. */
public abstract class Buffer {
    /** Element types a device stores. */
    public enum Type {
        FLOAT(4), INT(4), DOUBLE(8);

        final int bytes;

        Type(int bytes) {
            this.bytes = bytes;
        }
    }

    final Type type;
    final long length;

    Buffer(Type type, long length) {
        this.type = type;
        this.length = length;
    }

    public Type type() {
        return type;
    }

    public long length() {
        return length;
    }

    void check(Type expected, long from, long count) {
        if (type != expected) throw new IllegalArgumentException("a " + type + " buffer used as " + expected);
        if (from < 0 || count < 0 || from + count > length) {
            throw new IndexOutOfBoundsException("elements [" + from + ", " + (from + count) + ") of a buffer of "
                    + length);
        }
    }
}
