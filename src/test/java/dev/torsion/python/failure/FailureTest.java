package dev.torsion.python.failure;

import static org.testng.Assert.assertEquals;

import org.testng.annotations.Test;

public class FailureTest {
  @Test
  public void trapReturnsMatchedClass() throws Throwable {
    Failure f = new Failure(new IllegalStateException("x"));
    assertEquals(f.trap(IllegalArgumentException.class, RuntimeException.class),
        RuntimeException.class);
  }
}
