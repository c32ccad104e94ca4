package dk.jobsurvey.ingest;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the header and layout corpus in src/test/resources/header-variants/ (run its main from the
 * project root to write it again): one small extract of municipality 825, laid out the ways real
 * case-management systems and hands lay it out. {@code expected.tsv} beside the files says what each
 * must give. The people are the same in every accepted variant, with substitute CPR numbers (day +
 * 60) and made-up names and phone numbers.
 */
final class HeaderVariants {
  static final Path FOLDER = Path.of("src/test/resources/header-variants");

  /** The columns of the plain layout, and the six people. */
  static final List<String> PLAIN = List.of("CPR-nr", "Navn", "Ydelse", "Dato for overgang", "Dato for seneste samtale",
      "Afsluttet forløb", "Telefon", "Passiv", "Kommunekode");
  static final List<List<String>> PEOPLE = List.of(
      List.of("6101901234", "Anne Hansen", "Sygedagpenge", "01-02-2023", "15-06-2023", "Nej", "20112233", "Nej", "825"),
      List.of("6205851237", "Bo Nielsen", "Dagpenge", "03-01-2022", "02-05-2023", "Nej", "31445566", "Nej", "825"),
      List.of("6312781232", "Carla Jensen", "Kontanthjælp, jobparat", "10-10-2022", "20-06-2023", "Nej", "", "Nej", "825"),
      List.of("6407921235", "Dennis Møller", "Ressourceforløbsydelse", "05-09-2021", "01-06-2023", "Ja", "42556677", "Nej", "825"),
      List.of("6503691238", "Eva Sørensen", "Sygedagpenge", "20-03-2023", "", "Nej", "53667788", "Ja", "825"),
      List.of("6611004236", "Frank Lund", "Dagpenge", "01-06-2021", "12-06-2023", "Nej", "61778899", "Nej", "825"));

  private HeaderVariants() {}

  public static void main(String[] args) throws Exception {
    Files.createDirectories(FOLDER);
    List<String> seed = List.of("CPR-nr.", "Navn", "Ydelse", "Dato for overgang til aktuel ydelse", "Dato for seneste samtale",
        "Afsluttet forløb", "Telefonnr.", "Passiv", "Kommunekode");
    csv("plain_825.csv", PLAIN, PEOPLE, List.of());
    csv("seed_names_825.csv", seed, PEOPLE, List.of());
    xlsx("seed_names_825.xlsx", List.of(sheet("Udtræk", List.of(), seed, PEOPLE)));
    csv("qualifiers_825.csv", List.of("Cpr nummer", "Borgers navn", "Ydelse (aktuel)", "Overgangsdato (aktuel ydelse)",
        "Seneste samtale", "Forløb afsluttet j/n", "Mobilnr", "Passiv pr. 1/8-2023 (ja/nej)", "Kommune nr."), PEOPLE, List.of());
    csv("words_825.csv", List.of("Personnummer", "Borgerens fulde navn", "Forsørgelsesydelse", "Startdato",
        "Dato for seneste opfølgningssamtale", "Afsluttede forløb", "Tlf. mobil", "Passiv 1. aug.", "Kommunenr"), PEOPLE, List.of());
    csv("title_rows_825.csv", PLAIN, PEOPLE, List.of("Udtræk fra jobcentrets fagsystem;;;", "Dannet 01.08.2023 kl. 07.12", ""));
    xlsx("title_rows_825.xlsx", List.of(sheet("Data", List.of(List.of("Borgere på ydelse, Læsø Kommune"), List.of("Pr. 1. august 2023"),
        List.of()), PLAIN, PEOPLE)));
    xlsx("second_sheet_825.xlsx", List.of(sheet("Forside", List.of(List.of("Læs mig: udtrækket står på næste ark")), List.of(), List.of()),
        sheet("Udtræk", List.of(), PLAIN, PEOPLE)));
    xlsx("two_sheets_825.xlsx", List.of(sheet("Ark1", List.of(), PLAIN, PEOPLE.subList(0, 3)),
        sheet("Ark2", List.of(), PLAIN, PEOPLE.subList(3, 6))));
    List<List<String>> padded = new ArrayList<>();
    PEOPLE.forEach(p -> {
      List<String> row = new ArrayList<>(p);
      row.addAll(List.of("", "", ""));
      padded.add(row);
    });
    padded.add(List.of("", "", "", "", "", "", "", "", "", "", "", ""));
    List<String> paddedHeader = new ArrayList<>(PLAIN);
    paddedHeader.addAll(List.of("", "", ""));
    csv("trailing_empty_825.csv", paddedHeader, padded, List.of());
    List<List<String>> withTotal = new ArrayList<>(PEOPLE);
    withTotal.add(List.of("I alt: 6", "", "", "", "", "", "", "", ""));
    xlsx("total_line_825.xlsx", List.of(sheet("Udtræk", List.of(), PLAIN, withTotal)));
    csv("override_825.csv", List.of("CPR-nr", "Navn", "Ydelse", "Dato for overgang", "Dato for seneste samtale",
        "Afsluttet forløb", "Kontakt (privat)", "Passiv", "Kommunekode"), PEOPLE, List.of());
    csv("missing_optional_825.csv", List.of("CPR-nr", "Ydelse", "Dato for overgang", "Passiv"), columns(PEOPLE, 0, 2, 3, 7),
        List.of());
    csv("reordered_825.csv", List.of("Passiv", "Ydelse", "CPR-nr", "Telefon", "Navn", "Dato for overgang",
        "Afsluttet forløb", "Dato for seneste samtale", "Kommunekode"), columns(PEOPLE, 7, 2, 0, 6, 1, 3, 5, 4, 8), List.of());
    List<String> twoPhones = new ArrayList<>(PLAIN);
    twoPhones.add("Mobilnr");
    csv("ambiguous_pair_825.csv", twoPhones, columns(PEOPLE, 0, 1, 2, 3, 4, 5, 6, 7, 8, 6), List.of());
    List<String> oneFitsTwo = new ArrayList<>(PLAIN.subList(0, 4));
    oneFitsTwo.addAll(List.of("Afsluttet samtale", "Telefon", "Passiv", "Kommunekode"));
    csv("ambiguous_header_825.csv", oneFitsTwo, columns(PEOPLE, 0, 1, 2, 3, 4, 6, 7, 8), List.of());
    xlsx("different_sheets_825.xlsx", List.of(sheet("Ark1", List.of(), PLAIN, PEOPLE.subList(0, 3)),
        sheet("Ark2", List.of(), columnsOf(PLAIN, 0, 2, 3, 7), columns(PEOPLE.subList(3, 6), 0, 2, 3, 7))));
  }

  private record SheetContent(String name, List<List<String>> above, List<String> header, List<List<String>> rows) {}

  private static SheetContent sheet(String name, List<List<String>> above, List<String> header, List<List<String>> rows) {
    return new SheetContent(name, above, header, rows);
  }

  private static List<List<String>> columns(List<List<String>> rows, int... indexes) {
    List<List<String>> picked = new ArrayList<>();
    for (List<String> row : rows) {
      List<String> cells = new ArrayList<>();
      for (int i : indexes) {
        cells.add(row.get(i));
      }
      picked.add(cells);
    }
    return picked;
  }

  private static List<String> columnsOf(List<String> header, int... indexes) {
    return columns(List.of(header), indexes).get(0);
  }

  private static void csv(String name, List<String> header, List<List<String>> rows, List<String> above) throws Exception {
    StringBuilder text = new StringBuilder();
    above.forEach(line -> text.append(line).append("\r\n"));
    text.append(String.join(";", header)).append("\r\n");
    rows.forEach(row -> text.append(String.join(";", row)).append("\r\n"));
    Files.writeString(FOLDER.resolve(name), text.toString(), StandardCharsets.UTF_8);
  }

  private static void xlsx(String name, List<SheetContent> sheets) throws Exception {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(FOLDER.resolve(name))) {
      for (SheetContent content : sheets) {
        Sheet sheet = workbook.createSheet(content.name());
        int r = 0;
        List<List<String>> lines = new ArrayList<>(content.above());
        if (!content.header().isEmpty()) {
          lines.add(content.header());
          lines.addAll(content.rows());
        }
        for (List<String> line : lines) {
          Row row = sheet.createRow(r++);
          for (int c = 0; c < line.size(); c++) {
            if (!line.get(c).isEmpty()) {
              row.createCell(c).setCellValue(line.get(c));
            }
          }
        }
      }
      workbook.write(out);
    }
  }
}
