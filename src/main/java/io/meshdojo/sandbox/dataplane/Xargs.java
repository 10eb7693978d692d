package io.meshdojo.sandbox.dataplane;

import io.meshdojo.sandbox.dataplane.Shell.Io;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code xargs [-P N] [-n N] [-I REPLACE] COMMAND...}: runs a pod's program once per item read from
 * stdin, as the labs' bursts do ({@code seq 1 100 | xargs -P 10 -I{} curl …}). Runs are one after
 * another in modelled time; {@code -P} is accepted and changes nothing but the order real xargs
 * would print in. Each run counts against the shell's loop limit.
 */
final class Xargs implements Shell.Program {

  @Override
  public int run(Shell shell, List<String> args, Io io) {
    String replace = null;
    int perRun = 0;
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-")) {
      String a = args.get(i);
      String value;
      String option;
      if (a.length() > 2 && "PnI".indexOf(a.charAt(1)) >= 0) {
        option = a.substring(0, 2);
        value = a.substring(2);
      } else if (List.of("-P", "-n", "-I").contains(a) && i + 1 < args.size()) {
        option = a;
        value = args.get(++i);
      } else {
        io.err.append("xargs: invalid option -- '").append(a.substring(1)).append("'\n");
        return 1;
      }
      switch (option) {
        case "-I" -> replace = value;
        case "-P" -> {
          if (!value.matches("\\d{1,4}")) {
            io.err.append("xargs: invalid number \"").append(value).append("\" for -P option\n");
            return 1;
          }
        }
        default -> {
          if (!value.matches("[1-9]\\d{0,4}")) {
            io.err.append("xargs: invalid number \"").append(value).append("\" for -n option\n");
            return 1;
          }
          perRun = Integer.parseInt(value);
        }
      }
      i++;
    }
    List<String> command = i < args.size() ? args.subList(i, args.size()) : List.of("echo");
    List<List<String>> runs = new ArrayList<>();
    if (replace != null) {
      for (String line : io.stdin.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        String item = line.strip();
        String token = replace;
        runs.add(command.stream().map(w -> w.replace(token, item)).toList());
      }
    } else {
      List<String> items = Arrays.stream(io.stdin.split("\\s+")).filter(s -> !s.isEmpty()).toList();
      int size = perRun == 0 ? Math.max(1, items.size()) : perRun;
      for (int from = 0; from < items.size() || (from == 0 && runs.isEmpty()); from += size) {
        List<String> argv = new ArrayList<>(command);
        argv.addAll(
            items.subList(Math.min(from, items.size()), Math.min(from + size, items.size())));
        runs.add(argv);
        if (items.isEmpty()) {
          break;
        }
      }
    }
    int exit = 0;
    for (List<String> argv : runs) {
      shell.budget().iterate();
      if (!shell.hasProgram(argv.get(0))) {
        io.err.append("xargs: ").append(argv.get(0)).append(": No such file or directory\n");
        return 127;
      }
      int status = shell.runProgram(argv, new Io("", io.out, io.err));
      if (status == 255) {
        io.err.append("xargs: ").append(argv.get(0)).append(": exited with status 255; aborting\n");
        return 124;
      }
      if (status != 0) {
        exit = 123;
      }
    }
    return exit;
  }
}
