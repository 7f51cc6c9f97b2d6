/**
 * Wrappers that add policy to any protocol: connection limits, throttling, timeouts and traffic
 * logging, each a factory that wraps another factory.
 *
 * @twisted twisted.protocols.policies
 */
@NullMarked
package dev.torsion.protocols.policies;

import org.jspecify.annotations.NullMarked;
