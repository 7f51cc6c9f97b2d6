/**
 * The network benchmark harness: servers under test (Torsion, Netty) and a load generator on
 * plain java.nio, run by {@code bench/net}; see docs/performance.md.
 */
@NullMarked
package dev.torsion.bench.net;

import org.jspecify.annotations.NullMarked;
