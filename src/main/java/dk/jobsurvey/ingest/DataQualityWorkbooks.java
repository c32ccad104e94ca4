package dk.jobsurvey.ingest;

import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.warehouse.Warehouse;
import dk.jobsurvey.warehouse.Zone;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.spark.sql.Row;

/**
 * One data-quality workbook per municipality, in Danish, for the analyst to send back: the
 * municipality's files with their counts, and its problem rows by file and row number (never the
 * values themselves). Written to restricted/outbox/ROUND/KOMMUNEKODE/ beside the mail-merge files,
 * staged with the ingest step's tables ({@link Warehouse#stage}).
 *
 * <p>Cost: quarantined rows stream from the quarantine table in order, one partition at a time.
 */
public final class DataQualityWorkbooks {
  static final Map<String, String> REASON_LABELS = Map.of(
      "invalid_cpr", "Ugyldigt CPR-nummer",
      "invalid_date", "Ugyldig eller manglende dato",
      "future_date", "Dato efter statusdatoen",
      "missing_benefit", "Ydelse mangler",
      "invalid_yes_no", "Ugyldig ja/nej-værdi",
      "unknown_municipality", "Ukendt kommunekode");

  private static final List<String[]> OVERVIEW_COLUMNS = List.of(
      new String[] {"source_file", "Fil"}, new String[] {"file_status", "Status"},
      new String[] {"file_problem", "Problem med filen"}, new String[] {"rows_read", "Rækker læst"},
      new String[] {"rows_accepted", "Rækker godkendt"}, new String[] {"rows_quarantined", "Rækker afvist"},
      new String[] {"invalid_cpr", "Ugyldigt CPR-nummer"}, new String[] {"invalid_date", "Ugyldig dato"},
      new String[] {"future_date", "Dato efter statusdato"}, new String[] {"missing_benefit", "Ydelse mangler"},
      new String[] {"invalid_yes_no", "Ugyldig ja/nej"}, new String[] {"unknown_municipality", "Ukendt kommunekode"},
      new String[] {"cpr_repaired", "CPR rettet (manglende foranstillet 0)"},
      new String[] {"excluded_unknown_benefit", "Ukendt ydelse"}, new String[] {"excluded_duplicate", "Dubletter"},
      new String[] {"eligible", "Med i undersøgelsen"});

  private DataQualityWorkbooks() {}

  /**
   * @param dataQuality published/data_quality rows of the round
   * @param problems quarantine rows of the round sorted by kommunekode, source_file, source_row
   * @return the files written
   */
  public static List<Path> write(Warehouse warehouse, String round, List<Row> dataQuality, Iterator<Row> problems)
      throws IOException {
    Map<String, List<Row>> filesByMunicipality = new LinkedHashMap<>();
    for (Row row : dataQuality) {
      String code = row.getAs("kommunekode");
      if (code != null) {
        filesByMunicipality.computeIfAbsent(code, c -> new ArrayList<>()).add(row);
      }
    }
    List<Path> written = new ArrayList<>();
    Row pending = problems.hasNext() ? problems.next() : null;
    for (Map.Entry<String, List<Row>> entry : filesByMunicipality.entrySet()) {
      String code = entry.getKey();
      while (pending != null && compare(pending.getAs("kommunekode"), code) < 0) {
        pending = problems.hasNext() ? problems.next() : null;
      }
      List<Row> own = new ArrayList<>();
      while (pending != null && code.equals(pending.getAs("kommunekode"))) {
        own.add(pending);
        pending = problems.hasNext() ? problems.next() : null;
      }
      Path file = new Path(warehouse.outbox(round, code), "datakvalitet_" + code + "_" + round + ".xlsx");
      writeOne(warehouse, warehouse.stage(file), code, round, entry.getValue(), own);
      written.add(file);
    }
    return written;
  }

  private static int compare(String a, String b) {
    return a == null ? -1 : a.compareTo(b);
  }

  private static void writeOne(Warehouse warehouse, Path file, String code, String round, List<Row> files, List<Row> problems)
      throws IOException {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(500)) {
      CellStyle bold = workbook.createCellStyle();
      Font font = workbook.createFont();
      font.setBold(true);
      bold.setFont(font);
      String name = Municipalities.byCode(code).map(Municipalities.Municipality::name).orElse(code);

      Sheet overview = workbook.createSheet("Oversigt");
      overview.createRow(0).createCell(0).setCellValue("Datakvalitet i populationsudtrækket: " + name + " (" + code + "), runde " + round);
      overview.createRow(1).createCell(0).setCellValue(
          "Afviste rækker er ikke med i undersøgelsen. Se fanen Problemrækker for fil og rækkenummer; ret dem i jeres system og send gerne et nyt udtræk.");
      var header = overview.createRow(3);
      for (int c = 0; c < OVERVIEW_COLUMNS.size(); c++) {
        var cell = header.createCell(c);
        cell.setCellValue(OVERVIEW_COLUMNS.get(c)[1]);
        cell.setCellStyle(bold);
      }
      int r = 4;
      for (Row row : files) {
        var line = overview.createRow(r++);
        for (int c = 0; c < OVERVIEW_COLUMNS.size(); c++) {
          Object value = row.getAs(OVERVIEW_COLUMNS.get(c)[0]);
          if (value instanceof Number number) {
            line.createCell(c).setCellValue(number.doubleValue());
          } else if (value != null) {
            line.createCell(c).setCellValue(OVERVIEW_COLUMNS.get(c)[0].equals("file_status")
                ? ("read".equals(value) ? "Indlæst" : "Afvist") : value.toString());
          }
        }
      }

      Sheet rows = workbook.createSheet("Problemrækker");
      var problemHeader = rows.createRow(0);
      String[] titles = {"Fil", "Række", "Årsag", "Detalje"};
      for (int c = 0; c < titles.length; c++) {
        var cell = problemHeader.createCell(c);
        cell.setCellValue(titles[c]);
        cell.setCellStyle(bold);
      }
      int p = 1;
      for (Row problem : problems) {
        var line = rows.createRow(p++);
        line.createCell(0).setCellValue((String) problem.getAs("source_file"));
        line.createCell(1).setCellValue(((Number) problem.getAs("source_row")).doubleValue());
        String reason = problem.getAs("reason_code");
        line.createCell(2).setCellValue(REASON_LABELS.getOrDefault(reason, reason));
        line.createCell(3).setCellValue((String) problem.getAs("reason_detail"));
      }
      if (problems.isEmpty()) {
        rows.createRow(1).createCell(0).setCellValue("Ingen afviste rækker.");
      }
      try (OutputStream out = warehouse.fileSystem().create(file, true)) {
        workbook.write(out);
      }
      workbook.dispose();
    }
  }
}
