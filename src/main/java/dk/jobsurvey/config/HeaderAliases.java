package dk.jobsurvey.config;

import static dk.jobsurvey.config.ConfigValueException.require;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** For each column of an extract, the header names municipalities use for it. */
public record HeaderAliases(
    List<String> cpr,
    List<String> navn,
    List<String> ydelse,
    List<String> datoOvergang,
    List<String> datoSenesteSamtale,
    List<String> afsluttetForloeb,
    List<String> telefon,
    List<String> passiv,
    List<String> kommunekode) {

  /** The canonical extract columns, in the order of the data contract. */
  public static final List<String> COLUMNS = List.of("cpr", "navn", "ydelse", "dato_overgang",
      "dato_seneste_samtale", "afsluttet_forloeb", "telefon", "passiv", "kommunekode");

  public HeaderAliases {
    cpr = nonEmpty(cpr, "cpr");
    navn = nonEmpty(navn, "navn");
    ydelse = nonEmpty(ydelse, "ydelse");
    datoOvergang = nonEmpty(datoOvergang, "dato_overgang");
    datoSenesteSamtale = nonEmpty(datoSenesteSamtale, "dato_seneste_samtale");
    afsluttetForloeb = nonEmpty(afsluttetForloeb, "afsluttet_forloeb");
    telefon = nonEmpty(telefon, "telefon");
    passiv = nonEmpty(passiv, "passiv");
    kommunekode = nonEmpty(kommunekode, "kommunekode");
  }

  private static List<String> nonEmpty(List<String> aliases, String key) {
    require(!aliases.isEmpty(), key, "at least one header name");
    return List.copyOf(aliases);
  }

  /** Canonical column → its aliases, in {@link #COLUMNS} order. */
  public Map<String, List<String>> byColumn() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    List<List<String>> lists =
        List.of(cpr, navn, ydelse, datoOvergang, datoSenesteSamtale, afsluttetForloeb, telefon, passiv, kommunekode);
    for (int i = 0; i < COLUMNS.size(); i++) {
      map.put(COLUMNS.get(i), lists.get(i));
    }
    return map;
  }
}
