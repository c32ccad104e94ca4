package dk.jobsurvey.synth;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * How one municipality writes its extract: file type and name, encoding, header names and column
 * order, date style, CPR style and yes/no words. Layouts rotate over the selected municipalities so
 * that any selection of nine or more shows every variant the ingest step must handle.
 */
record ExtractLayout(
    String kommunekode,
    String fileName,
    FileType fileType,
    Charset charset,
    boolean byteOrderMark,
    String lineEnd,
    CprStyle cprStyle,
    boolean excelDateCells,
    DateTimeFormatter textDates,
    List<Column> columns,
    List<String> headers,
    String yes,
    String no) {

  enum FileType { XLSX, CSV }

  enum CprStyle {
    /** 10 digits as text. */
    PLAIN,
    /** DDMMYY-SSSS as text. */
    DASHED,
    /** A spreadsheet number: leading zeros are lost. */
    NUMBER
  }

  enum Column { CPR, NAVN, YDELSE, DATO_OVERGANG, DATO_SENESTE_SAMTALE, AFSLUTTET, TELEFON, PASSIV, KOMMUNEKODE, SAGSBEHANDLER }

  /** Header names per variant, in {@link Column} order (SAGSBEHANDLER is a column no one asked for). */
  private static final List<List<String>> HEADER_VARIANTS = List.of(
      List.of("CPR-nr", "Navn", "Ydelse", "Dato for overgang", "Dato for seneste samtale", "Afsluttet forløb",
          "Telefon", "Passiv", "Kommunekode", "Sagsbehandler"),
      List.of("CPR nummer", "Fulde navn", "Ydelsestype", "Overgangsdato", "Seneste samtale", "Forløb afsluttet",
          "Mobil", "Passiv pr. 1/8", "Kommune nr.", "Jobcenter afdeling"),
      List.of("Cpr", "navn", "YDELSE", "Startdato ydelse", "Dato seneste samtale", "Afsluttet", "Tlf.nr.", "PASSIV",
          "Kommunenummer", "Bemærkning"),
      List.of("CPRNR", "Borgers navn", "Forsørgelsesydelse", "Dato overgang til ydelse", "Sidste samtale",
          "Afsluttet forløb", "Telefonnummer", "Passiv", "Kommunekode", "Team"),
      List.of("Personnummer", "Navn", "Aktuel ydelse", "Dato for overgang", "Dato for seneste samtale",
          "Forløb afsluttet", "Mobilnummer", "Passiv 1. august", "Kommune kode", "Sagsbehandler"));

  private static final List<String[]> YES_NO = List.of(
      new String[] {"Ja", "Nej"}, new String[] {"J", "N"}, new String[] {"1", "0"}, new String[] {"X", ""},
      new String[] {"ja", "nej"});

  private static final List<DateTimeFormatter> TEXT_DATES = List.of(
      DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("dd-MM-yyyy"),
      DateTimeFormatter.ofPattern("dd.MM.yyyy"), DateTimeFormatter.ofPattern("dd/MM/yyyy"));

  /**
   * The layout of the municipality at {@code position} in the selection. Even positions send .xlsx,
   * odd ones ';'-separated .csv; position 3 writes Windows-1252 (the one legacy system), positions 2
   * and 11 store CPR numbers as spreadsheet numbers, every xlsx at a position ≡ 0 (mod 4) holds real
   * Excel date cells, every third file has no kommunekode column (the code is in the file name).
   */
  static ExtractLayout forPosition(int position, String kommunekode, String municipalityName, String round) {
    boolean xlsx = position % 2 == 0;
    List<String> names = HEADER_VARIANTS.get(position % HEADER_VARIANTS.size());
    boolean withKommunekode = position % 3 != 1;
    boolean withExtraColumn = position % 4 == 1 || position % 4 == 2;
    List<Column> columns = new java.util.ArrayList<>(List.of(Column.values()));
    if (!withKommunekode) {
      columns.remove(Column.KOMMUNEKODE);
    }
    if (!withExtraColumn) {
      columns.remove(Column.SAGSBEHANDLER);
    }
    if (position % 5 == 3) {
      // Some systems put the name first.
      columns.remove(Column.NAVN);
      columns.add(0, Column.NAVN);
    }
    List<String> headers = columns.stream().map(c -> names.get(c.ordinal())).toList();
    String[] yesNo = YES_NO.get(position % YES_NO.size());
    CprStyle cprStyle = position == 2 || position == 11 ? CprStyle.NUMBER
        : position % 3 == 0 ? CprStyle.DASHED : CprStyle.PLAIN;
    String safeName = municipalityName.replace(' ', '_');
    String fileName = xlsx
        ? kommunekode + "_" + safeName + "_udtraek_" + round + ".xlsx"
        : (position % 4 == 1 ? "udtraek_" + kommunekode + "_" + round + ".csv"
            : "Kommune " + kommunekode + " " + municipalityName + " " + round + ".csv");
    Charset charset = !xlsx && position == 3 ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
    return new ExtractLayout(kommunekode, fileName, xlsx ? FileType.XLSX : FileType.CSV, charset,
        !xlsx && position % 4 == 1, position % 4 == 3 ? "\r\n" : "\n", cprStyle, xlsx && position % 4 == 0,
        TEXT_DATES.get(position % TEXT_DATES.size()), List.copyOf(columns), headers, yesNo[0], yesNo[1]);
  }
}
