package dev.torsion.examples;

import static org.testng.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.testng.annotations.Test;

public class ClockChainsTest {
  @Test
  public void printsTheFastAnswerAndTheSlowTimeout() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = ClockChains.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(status, 0);
    assertEquals(bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"),
        "4.0s fast: 85\n"
            + "10.0s slow: Deferred timed out after 10 seconds\n"
            + "done at 31.0\n");
  }
}
