package io.emailcode.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * What a stack has started so far, stopped newest first. It can be closed from another thread while the stack
 * starts (Ctrl-C during the first minute): what was started stops, and a component that finishes starting
 * afterwards is stopped at once.
 */
final class Components implements AutoCloseable {

    private final List<AutoCloseable> started = new ArrayList<>();
    private boolean closed;

    /** Remembers a started component; one that finished starting after {@link #close} is stopped at once. */
    synchronized <T extends AutoCloseable> T track(T component) {
        if (closed) {
            closeQuietly(component);
            throw new StackException("The local stack was stopped while it started.");
        }
        started.add(component);
        return component;
    }

    /** No longer stops {@code component} with the rest: its owner stopped it and may start another. */
    synchronized void forget(AutoCloseable component) {
        started.remove(component);
    }

    /** Stops everything that was started, newest first; one failure does not keep the rest running. */
    @Override
    public synchronized void close() {
        closed = true;
        for (int i = started.size() - 1; i >= 0; i--) {
            closeQuietly(started.get(i));
        }
        started.clear();
    }

    private static void closeQuietly(AutoCloseable component) {
        try {
            component.close();
        } catch (Exception e) {
            System.err.println("Could not stop a stack component: " + e.getMessage());
        }
    }
}
