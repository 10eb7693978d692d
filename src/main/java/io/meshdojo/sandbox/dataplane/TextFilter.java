package io.meshdojo.sandbox.dataplane;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text programs of a simulated pod ({@code grep}, {@code sort}, {@code uniq -c}, {@code head},
 * {@code wc}…) applied to what a terminal command printed: the right-hand side of a pipe in the lab
 * page's terminal. The same interpreter and limits as a pod's shell; no requests, no files.
 */
public final class TextFilter {

  /**
   * Programs that make sense after a pipe; the rest of the shell is a pod's, not the terminal's.
   */
  private static final List<String> FILTERS =
      List.of("grep", "sort", "uniq", "head", "tail", "wc", "cut", "awk", "cat");

  private TextFilter() {}

  /**
   * @param input what the command before the pipe printed
   * @param pipeline the commands after it, such as {@code grep -o 'v[0-9]' | sort | uniq -c}
   * @param maxOutput the terminal's limit per command, in characters
   */
  public static PodShell.ExecResult run(String input, String pipeline, int maxOutput) {
    Map<String, Shell.Program> all = new LinkedHashMap<>();
    TextPrograms.install(all, Map.of());
    Map<String, Shell.Program> programs = new LinkedHashMap<>();
    FILTERS.forEach(name -> programs.put(name, all.get(name)));
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    Shell shell = new Shell(programs, Map.of(), new Shell.Budget(maxOutput, out));
    int exit;
    try {
      exit = shell.runScript(pipeline, new Shell.Io(input, out, err));
    } catch (Shell.LimitReached e) {
      err.append(e.getMessage()).append('\n');
      exit = PodShell.LIMIT_EXIT;
    }
    return new PodShell.ExecResult(out.toString(), err.toString(), exit);
  }
}
