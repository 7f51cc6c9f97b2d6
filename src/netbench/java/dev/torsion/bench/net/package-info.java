/**
 * The network benchmark harness: servers under test (Torsion, Netty) and a load generator on
 * plain java.nio, run by {@code bench/net}; see docs/performance.md.
 */
package dev.torsion.bench.net;
