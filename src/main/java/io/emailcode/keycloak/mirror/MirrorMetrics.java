package io.emailcode.keycloak.mirror;

/** Where mirror outcomes are counted for operators; the server's metrics endpoint or nothing. */
public interface MirrorMetrics {

    MirrorMetrics NONE = new MirrorMetrics() {
        @Override
        public void outcome(String operation, String outcome) {
        }

        @Override
        public void pending(long count) {
        }
    };

    /**
     * @param operation {@code sync} or {@code delete}
     * @param outcome   a {@link MirrorChange} in lower case, or {@code queued}, {@code failed}, {@code lost}
     */
    void outcome(String operation, String outcome);

    /** Pending items as last counted. */
    void pending(long count);
}
