/** Small runnable programs showing Torsion at work; not API. */
@NullMarked
package dev.torsion.examples;

import org.jspecify.annotations.NullMarked;
