package dk.jobsurvey.ingest;

import static dk.jobsurvey.ingest.ExtractFixtures.substitute;

import dk.jobsurvey.config.HeaderAliases;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seven small extracts, written by hand, that between them use every configured header alias and
 * plant every quarantine and exclusion reason, so the expected counts are known exactly.
 *
 * <p>Each file holds: three eligible persons (one with a 9-digit CPR to repair), one row each of
 * invalid_cpr, invalid_date, future_date, missing_benefit, invalid_yes_no and unknown_municipality
 * (only where the file has a kommunekode column), and one row each excluded as out_of_scope,
 * unknown_benefit, too_short, passive, duplicate (an older spell of the first person) and
 * age_out_of_range. File 1 also holds a newer spell of file 0's first person, so that person's two
 * rows in file 0 are both duplicates.
 */
final class HandMadeCorpus {
  static final List<String> CODES = List.of("101", "147", "151", "153", "155", "157", "159");
  static final int FILE_WITHOUT_MUNICIPALITY_COLUMN = 3;
  private static final String[][] YES_NO = {{"ja", "nej"}, {"J", "N"}, {"1", "0"}, {"X", ""}};

  /** Expected counts per file name. */
  record Expected(long read, long quarantined, long eligible, long duplicates) {}

  final Map<String, Expected> expected = new LinkedHashMap<>();
  final Set<String> cprs = new HashSet<>();

  HandMadeCorpus write(Path dir, HeaderAliases aliases) throws IOException {
    String firstPersonOfFileZero = null;
    for (int f = 0; f < CODES.size(); f++) {
      String code = CODES.get(f);
      boolean withCode = f != FILE_WITHOUT_MUNICIPALITY_COLUMN;
      boolean xlsx = f % 3 == 2;
      List<String> columns = new ArrayList<>(HeaderAliases.COLUMNS);
      if (!withCode) {
        columns.remove("kommunekode");
      }
      int variant = f;
      List<String> headers = columns.stream().map(c -> {
        List<String> names = aliases.byColumn().get(c);
        return names.get(variant % names.size());
      }).toList();
      String yes = YES_NO[f % YES_NO.length][0];
      String no = YES_NO[f % YES_NO.length][1];
      int month = f + 1;
      String first = substitute(1, month, 80, "1234");
      List<List<Object>> rows = new ArrayList<>();
      rows.add(row(columns, xlsx, first, "Sygedagpenge", date(2023, 1, 1), no, no, code));
      rows.add(row(columns, xlsx, substitute(2, month, 75, "2235"), "A-dagpenge", date(2021, 1, 1), no, no, code));
      String full = String.format("%02d%02d%02d%s", 5, month, 88, "2346");
      rows.add(row(columns, xlsx, xlsx ? (Object) Long.parseLong(full) : full.substring(1), "Ledighedsydelse",
          date(2022, 1, 1), no, no, code));
      cprs.add(full);
      rows.add(row(columns, xlsx, "9913801234", "Sygedagpenge", date(2023, 1, 1), no, no, code));
      rows.add(row(columns, xlsx, substitute(6, month, 70, "1111"), "Sygedagpenge", "31-02-2023", no, no, code));
      rows.add(row(columns, xlsx, substitute(7, month, 70, "1112"), "Sygedagpenge", "2023-09-01", no, no, code));
      rows.add(row(columns, xlsx, substitute(8, month, 70, "1113"), "", date(2023, 1, 1), no, no, code));
      rows.add(row(columns, xlsx, substitute(9, month, 70, "1114"), "Sygedagpenge", date(2023, 1, 1), "måske", no, code));
      if (withCode) {
        rows.add(row(columns, xlsx, substitute(10, month, 70, "1115"), "Sygedagpenge", date(2023, 1, 1), no, no, "999"));
      }
      rows.add(row(columns, xlsx, substitute(11, month, 70, "1116"), "Fleksjob", date(2020, 1, 1), no, no, code));
      rows.add(row(columns, xlsx, substitute(12, month, 70, "1117"), "Barselsdagpenge", date(2020, 1, 1), no, no, code));
      rows.add(row(columns, xlsx, substitute(13, month, 70, "1118"), "Sygedagpenge", date(2023, 6, 1), no, no, code));
      rows.add(row(columns, xlsx, substitute(14, month, 70, "1119"), "Sygedagpenge", date(2023, 1, 1), yes, no, code));
      rows.add(row(columns, xlsx, first, "Sygedagpenge", date(2022, 6, 1), no, no, code));
      rows.add(row(columns, xlsx, substitute(15, month, 10, "4123"), "Sygedagpenge", date(2023, 1, 1), no, no, code));
      if (f == 0) {
        firstPersonOfFileZero = first;
      }
      if (f == 1) {
        rows.add(row(columns, xlsx, firstPersonOfFileZero, "Sygedagpenge", date(2023, 2, 1), no, no, code));
      }
      rows.forEach(r -> {
        Object cpr = r.get(columns.indexOf("cpr"));
        if (cpr instanceof String text && text.length() == 10) {
          cprs.add(text);
        }
      });
      String name = xlsx ? "udtraek_" + code + ".xlsx" : "sub/udtraek_" + code + "_2023.csv";
      Charset charset = f % 3 == 1 ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
      if (xlsx) {
        ExtractFixtures.xlsx(dir, name, headers, rows);
      } else {
        ExtractFixtures.csv(dir, name, charset, headers, rows);
      }
      long read = rows.size();
      long quarantined = withCode ? 6 : 5;
      long eligible = f == 0 ? 2 : f == 1 ? 4 : 3;
      long duplicates = f == 0 ? 2 : 1;
      expected.put(name, new Expected(read, quarantined, eligible, duplicates));
    }
    return this;
  }

  private static LocalDate date(int year, int month, int day) {
    return LocalDate.of(year, month, day);
  }

  private static List<Object> row(List<String> columns, boolean xlsx, Object cpr, String ydelse, Object start, String passiv,
      String afsluttet, String code) {
    List<Object> values = new ArrayList<>();
    for (String column : columns) {
      Object value = switch (column) {
        case "cpr" -> cpr;
        case "navn" -> "Søren Ærbø Åsted";
        case "ydelse" -> ydelse;
        case "dato_overgang" -> xlsx || !(start instanceof LocalDate d) ? start : String.format("%02d-%02d-%d",
            d.getDayOfMonth(), d.getMonthValue(), d.getYear());
        case "dato_seneste_samtale" -> xlsx ? date(2023, 7, 1) : "01.07.2023";
        case "afsluttet_forloeb" -> afsluttet;
        case "telefon" -> "22 33 44 55";
        case "passiv" -> passiv;
        case "kommunekode" -> xlsx ? (Object) Long.parseLong(code) : code;
        default -> throw new IllegalArgumentException(column);
      };
      values.add(value);
    }
    return values;
  }
}
