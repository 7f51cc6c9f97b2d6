/** The shared loop core and transport logic every reactor is built from; not API. */
@NullMarked
package dev.torsion.internal.reactor;

import org.jspecify.annotations.NullMarked;
