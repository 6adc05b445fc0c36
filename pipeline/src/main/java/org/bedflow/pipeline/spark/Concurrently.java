package org.bedflow.pipeline.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs independent pieces of driver work (each one or more Spark jobs) at the same time and
 * waits for all of them. On a small machine most of a county-size run is fixed cost per Spark
 * job — planning on the driver, then a handful of tasks — so while one piece is being planned
 * another keeps the cores busy. The first failure is rethrown as it was (a
 * {@code FeedInputException} stays one), after every piece has ended, so no piece is still
 * writing when the caller reports the failure.
 */
public final class Concurrently {

    private Concurrently() {
    }

    public static void run(List<Runnable> pieces) {
        if (pieces.size() == 1) {
            pieces.get(0).run();
            return;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        int i = 0;
        for (Runnable piece : pieces) {
            // plain threads created here inherit Spark's local properties of the calling thread
            Thread t = new Thread(() -> {
                try {
                    piece.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bedflow-" + Thread.currentThread().getName() + "-" + i++);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + t.getName(), e);
            }
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
    }
}
