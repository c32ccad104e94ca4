package dk.jobsurvey.weight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Merges the classes of one classification (the strata, or one raking margin) that have population
 * but no respondents with a neighbouring class, along the last variable {@link MergeRules} can merge,
 * until every class has respondents. Deterministic: classes are visited in key order.
 */
final class ClassMerging {
  /**
   * A class after merging: its original categories (keys), population and respondents, and why its
   * categories were merged ("" when it is one category).
   */
  record MergedClass(List<List<String>> members, double population, long respondents, String reason) {
    String label() {
      return members.stream().map(Keys::label).collect(Collectors.joining(" + "));
    }
  }

  /** The classes, in key order of their first member, and each original key's class index. */
  record Result(List<MergedClass> classes, Map<List<String>, Integer> classOf) {}

  private ClassMerging() {}

  /**
   * @param what the classification, for messages ("strata", "margin ydelsesgruppe*koen")
   * @param population population size per category; categories of size 0 may be absent
   * @param respondents respondents per category; each must have population
   */
  static Result merge(String what, List<String> variables, Map<List<String>, Double> population,
      Map<List<String>, Long> respondents, MergeRules rules) {
    return merge(what, variables, population, respondents, rules, Map.of());
  }

  /**
   * As {@link #merge(String, List, Map, Map, MergeRules)}, with groups of categories merged first
   * whatever their respondents (a margin's categories that separate merged strata), each for the
   * reason it maps to; keys of a group without population are left out of it.
   */
  static Result merge(String what, List<String> variables, Map<List<String>, Double> population,
      Map<List<String>, Long> respondents, MergeRules rules, Map<Set<List<String>>, String> mergedFirst) {
    for (Map.Entry<List<String>, Long> entry : respondents.entrySet()) {
      if (entry.getValue() > 0 && population.getOrDefault(entry.getKey(), 0.0) <= 0) {
        throw new WeightingException(what + ": category " + Keys.label(entry.getKey()) + " has " + entry.getValue()
            + " respondents but no population; the population and the respondents do not describe the same "
            + "persons (check the round and the margins)");
      }
    }
    Comparator<List<String>> order = Keys.order(variables, rules);
    List<List<String>> keys = population.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
        .sorted(order).toList();
    Map<List<String>, Integer> index = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      index.put(keys.get(i), i);
    }
    int[] parent = new int[keys.size()];
    double[] classPopulation = new double[keys.size()];
    long[] classRespondents = new long[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      parent[i] = i;
      classPopulation[i] = population.get(keys.get(i));
      classRespondents[i] = respondents.getOrDefault(keys.get(i), 0L);
    }
    Map<Integer, Set<String>> reasons = new HashMap<>();
    for (Map.Entry<Set<List<String>>, String> group : mergedFirst.entrySet()) {
      List<Integer> members = group.getKey().stream().map(index::get).filter(java.util.Objects::nonNull).sorted().toList();
      for (int member : members.subList(Math.min(1, members.size()), members.size())) {
        union(parent, classPopulation, classRespondents, reasons, members.get(0), member, group.getValue());
      }
    }
    for (int empty = firstEmpty(parent, classRespondents); empty >= 0; empty = firstEmpty(parent, classRespondents)) {
      List<List<String>> members = membersOf(empty, parent, keys);
      int target = neighbour(members, variables, rules, index, parent, empty);
      if (target < 0) {
        throw new WeightingException(what + ": category " + members.stream().map(Keys::label).collect(Collectors.joining(" + "))
            + " has population " + Keys.number(classPopulation[empty]) + " but no respondents, and no neighbouring "
            + "category to merge it with (bands and groups are merged as configured; " + variables.get(0)
            + " is never merged). Weighting cannot represent these persons: check the responses for them");
      }
      union(parent, classPopulation, classRespondents, reasons, empty, target,
          "no respondents in " + members.stream().map(Keys::label).collect(Collectors.joining(" + ")));
    }
    List<MergedClass> classes = new ArrayList<>();
    Map<Integer, Integer> classOfRoot = new HashMap<>();
    Map<List<String>, Integer> classOf = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      int root = find(parent, i);
      if (root == i) {
        classOfRoot.put(i, classes.size());
        classes.add(new MergedClass(membersOf(i, parent, keys), classPopulation[i], classRespondents[i],
            String.join("; ", reasons.getOrDefault(i, Set.of()))));
      }
      classOf.put(keys.get(i), classOfRoot.get(root));
    }
    return new Result(List.copyOf(classes), Map.copyOf(classOf));
  }

  /** Merges the classes of {@code a} and {@code b} for {@code reason}; the lower root stays, so the result is in key order. */
  private static void union(int[] parent, double[] population, long[] respondents, Map<Integer, Set<String>> reasons,
      int a, int b, String reason) {
    int first = find(parent, a);
    int second = find(parent, b);
    if (first == second) {
      return;
    }
    int root = Math.min(first, second);
    int other = Math.max(first, second);
    parent[other] = root;
    population[root] += population[other];
    respondents[root] += respondents[other];
    Set<String> merged = reasons.computeIfAbsent(root, r -> new LinkedHashSet<>());
    merged.addAll(reasons.getOrDefault(other, Set.of()));
    merged.add(reason);
    reasons.remove(other);
  }

  private static int firstEmpty(int[] parent, long[] respondents) {
    for (int i = 0; i < parent.length; i++) {
      if (parent[i] == i && respondents[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The root of the class to merge {@code members} with, or -1. */
  private static int neighbour(List<List<String>> members, List<String> variables, MergeRules rules,
      Map<List<String>, Integer> index, int[] parent, int root) {
    for (int v = variables.size() - 1; v >= 0; v--) {
      int variable = v;
      Set<String> values = members.stream().map(key -> key.get(variable)).collect(Collectors.toCollection(TreeSet::new));
      for (String candidate : rules.neighbours(variables.get(v), values)) {
        for (List<String> member : members) {
          List<String> key = new ArrayList<>(member);
          key.set(v, candidate);
          Integer i = index.get(key);
          if (i != null && find(parent, i) != root) {
            return find(parent, i);
          }
        }
      }
    }
    return -1;
  }

  private static List<List<String>> membersOf(int root, int[] parent, List<List<String>> keys) {
    Set<List<String>> members = new LinkedHashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      if (find(parent, i) == root) {
        members.add(keys.get(i));
      }
    }
    return List.copyOf(members);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      i = parent[i];
    }
    return i;
  }
}
