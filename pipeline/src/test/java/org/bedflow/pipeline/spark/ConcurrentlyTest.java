package org.bedflow.pipeline.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ConcurrentlyTest {

    @Test
    void the_pieces_run_at_the_same_time_and_all_have_ended_when_it_returns() {
        // each piece waits for the other: run one after the other, the first would time out
        CountDownLatch both = new CountDownLatch(2);
        AtomicInteger met = new AtomicInteger();
        Runnable piece = () -> {
            both.countDown();
            try {
                if (both.await(10, TimeUnit.SECONDS)) {
                    met.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Concurrently.run(List.of(piece, piece));
        assertEquals(2, met.get());
    }

    @Test
    void a_failure_is_rethrown_as_it_was_after_the_other_pieces_have_ended() {
        IllegalArgumentException failure = new IllegalArgumentException("feed folder missing");
        AtomicBoolean slowPieceEnded = new AtomicBoolean();
        RuntimeException thrown = assertThrows(IllegalArgumentException.class, () -> Concurrently.run(List.of(
                () -> {
                    throw failure;
                },
                () -> {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    slowPieceEnded.set(true);
                })));
        assertSame(failure, thrown);
        assertTrue(slowPieceEnded.get(), "the caller reports the failure only once no piece is still working");
    }

    @Test
    void a_single_piece_runs_on_the_calling_thread() {
        Thread caller = Thread.currentThread();
        AtomicBoolean same = new AtomicBoolean();
        Concurrently.run(List.of(() -> same.set(Thread.currentThread() == caller)));
        assertTrue(same.get());
    }
}
