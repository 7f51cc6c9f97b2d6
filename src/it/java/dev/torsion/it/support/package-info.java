/**
 * What the integration suites share: a reactor per test run until a Deferred fires, TCP address
 * helpers, and the recording protocols and factories of Twisted's {@code test_tcp}.
 */
@NullMarked
package dev.torsion.it.support;

import org.jspecify.annotations.NullMarked;
