package io.meshdojo.sandbox.console;

import io.meshdojo.sandbox.embedded.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * One object (or, without a name, one kind) a command names: {@code TYPE[,TYPE] [NAME...]} or
 * {@code TYPE/NAME...}, read as kubectl reads them.
 */
record Target(ResourceType type, String name) {

  static List<Target> of(List<String> args) {
    List<Target> targets = new ArrayList<>();
    if (args.get(0).contains("/")) {
      for (String arg : args) {
        int slash = arg.indexOf('/');
        if (slash < 0) {
          throw new CommandError(
              "error: there is no need to specify a resource type as a separate argument when"
                  + " passing arguments in resource/name form");
        }
        ResourceType type = single(arg.substring(0, slash));
        targets.add(new Target(type, arg.substring(slash + 1)));
      }
      return targets;
    }
    List<ResourceType> types = new ArrayList<>();
    for (String word : args.get(0).split(",")) {
      List<ResourceType> found = TypeNames.resolve(word);
      if (found.isEmpty()) {
        throw CommandError.unknownType(word);
      }
      found.stream().filter(t -> !types.contains(t)).forEach(types::add);
    }
    if (args.size() == 1) {
      types.forEach(t -> targets.add(new Target(t, null)));
    } else {
      for (ResourceType t : types) {
        args.subList(1, args.size()).forEach(name -> targets.add(new Target(t, name)));
      }
    }
    return targets;
  }

  static ResourceType single(String word) {
    List<ResourceType> found = TypeNames.resolve(word);
    if (found.size() != 1) {
      throw CommandError.unknownType(word);
    }
    return found.get(0);
  }
}
