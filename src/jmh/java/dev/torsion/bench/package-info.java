/**
 * JMH benchmarks comparing Torsion's {@code Deferred} with {@code CompletableFuture} and Guava's
 * {@code ListenableFuture} on the same shapes of work; see {@code docs/performance.md}.
 */
package dev.torsion.bench;
