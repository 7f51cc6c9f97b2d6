package dev.torsion.it.stress;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.it.builder.ChildJvm;
import dev.torsion.it.builder.TcpBuilder;
import java.util.List;
import org.testng.annotations.Test;

/**
 * A reactor whose process runs out of descriptors (a child JVM under {@code ulimit -n 128})
 * keeps its accept loop alive without spinning and accepts again once descriptors are free.
 */
public class EmfileSurvivalIT extends TcpBuilder {
  /** The child's verdict, exit code and figures. */
  @Test
  public void acceptLoopSurvivesEmfile() {
    ChildJvm.Result r = ChildJvm.run(128, List.of(), EmfileSurvivalMain.class, 120);
    String cpu = r.output().lines().filter(l -> l.startsWith("cpu-while-exhausted-ms="))
        .findFirst().orElse("cpu-while-exhausted-ms=?");
    System.out.println("EmfileSurvivalIT: " + cpu);
    assertTrue(r.output().contains("RESULT ok"), r.output());
    assertEquals(r.exitCode(), 0, r.output());
  }
}
