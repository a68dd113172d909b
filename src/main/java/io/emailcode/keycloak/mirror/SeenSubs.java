package io.emailcode.keycloak.mirror;

import java.nio.charset.StandardCharsets;

/**
 * The pool users a reconciliation has listed, by {@code sub}, in 8 bytes each (a 64-bit hash in an open-addressing
 * table, at most half full): about 16 MB for a million pool users. A missing sub is taken for a listed one with a
 * chance of about 1 in 10^13 with a million listed; the cost would be one missing pool user left for the next run.
 */
final class SeenSubs {

    private long[] slots = new long[1024];
    private int size;

    void add(String sub) {
        if (sub.isEmpty()) {
            return;
        }
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        if (insert(slots, hash(sub))) {
            size++;
        }
    }

    boolean contains(String sub) {
        long h = hash(sub);
        int mask = slots.length - 1;
        for (int i = index(h, mask); slots[i] != 0; i = (i + 1) & mask) {
            if (slots[i] == h) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long h : slots) {
            if (h != 0) {
                insert(bigger, h);
            }
        }
        slots = bigger;
    }

    private static boolean insert(long[] table, long h) {
        int mask = table.length - 1;
        int i = index(h, mask);
        while (table[i] != 0) {
            if (table[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = h;
        return true;
    }

    private static int index(long h, int mask) {
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** FNV-1a over the UTF-8 bytes, finished with MurmurHash3's mixer; never 0 (the empty slot). */
    static long hash(String sub) {
        long h = 0xcbf29ce484222325L;
        for (byte b : sub.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
