package dk.jobsurvey.synth;

import dk.jobsurvey.synth.ExtractLayout.Column;
import dk.jobsurvey.synth.ExtractLayout.CprStyle;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** Writes a municipality's rows in its layout: .csv through a plain writer, .xlsx through POI. */
final class ExtractFileWriter {
  private static final String[] FOLLOW_UP_TEAMS = {"Team Nord", "Team Syd", "Ungeenheden", "Sygedagpengeteamet", ""};

  private ExtractFileWriter() {}

  static void write(ExtractLayout layout, List<ExtractRow> rows, Path file) throws IOException {
    if (layout.fileType() == ExtractLayout.FileType.XLSX) {
      writeXlsx(layout, rows, file);
    } else {
      writeCsv(layout, rows, file);
    }
  }

  private static void writeCsv(ExtractLayout layout, List<ExtractRow> rows, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, layout.charset()), 1 << 16)) {
      if (layout.byteOrderMark()) {
        writer.write('\uFEFF');
      }
      writer.write(String.join(";", layout.headers()));
      writer.write(layout.lineEnd());
      StringBuilder line = new StringBuilder();
      for (int r = 0; r < rows.size(); r++) {
        line.setLength(0);
        for (int c = 0; c < layout.columns().size(); c++) {
          if (c > 0) {
            line.append(';');
          }
          line.append(csvQuote(text(layout, layout.columns().get(c), rows.get(r), r)));
        }
        writer.write(line.toString());
        writer.write(layout.lineEnd());
      }
    }
  }

  private static String csvQuote(String value) {
    if (value.indexOf(';') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }

  private static void writeXlsx(ExtractLayout layout, List<ExtractRow> rows, Path file) throws IOException {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
      CellStyle dateStyle = workbook.createCellStyle();
      dateStyle.setDataFormat(workbook.createDataFormat().getFormat("dd-mm-yyyy"));
      Sheet sheet = workbook.createSheet("Udtræk");
      Row header = sheet.createRow(0);
      for (int c = 0; c < layout.headers().size(); c++) {
        header.createCell(c).setCellValue(layout.headers().get(c));
      }
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r + 1);
        ExtractRow values = rows.get(r);
        for (int c = 0; c < layout.columns().size(); c++) {
          Column column = layout.columns().get(c);
          LocalDate date = column == Column.DATO_OVERGANG && values.datoOvergangText() == null ? values.datoOvergang()
              : column == Column.DATO_SENESTE_SAMTALE ? values.datoSenesteSamtale() : null;
          if (layout.excelDateCells() && date != null) {
            Cell cell = row.createCell(c);
            cell.setCellValue(date);
            cell.setCellStyle(dateStyle);
          } else if (column == Column.CPR && layout.cprStyle() == CprStyle.NUMBER && values.cpr().matches("[0-9]{1,10}")) {
            row.createCell(c).setCellValue(Long.parseLong(values.cpr()));
          } else {
            String text = text(layout, column, values, r);
            if (!text.isEmpty()) {
              row.createCell(c).setCellValue(text);
            }
          }
        }
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        workbook.write(out);
      }
      workbook.dispose();
    }
  }

  /** The cell as text in the layout's style. */
  private static String text(ExtractLayout layout, Column column, ExtractRow row, int index) {
    return switch (column) {
      case CPR -> layout.cprStyle() == CprStyle.DASHED && row.cpr().matches("[0-9]{10}")
          ? row.cpr().substring(0, 6) + "-" + row.cpr().substring(6) : row.cpr();
      case NAVN -> row.navn();
      case YDELSE -> row.ydelse();
      case DATO_OVERGANG -> row.datoOvergangText() != null ? row.datoOvergangText() : date(layout, row.datoOvergang());
      case DATO_SENESTE_SAMTALE -> date(layout, row.datoSenesteSamtale());
      case AFSLUTTET -> row.afsluttetForloeb() ? layout.yes() : layout.no();
      case TELEFON -> row.telefon() == null ? "" : row.telefon();
      case PASSIV -> row.yesNoOverride() != null ? row.yesNoOverride() : row.passiv() ? layout.yes() : layout.no();
      case KOMMUNEKODE -> layout.kommunekode();
      case SAGSBEHANDLER -> FOLLOW_UP_TEAMS[index % FOLLOW_UP_TEAMS.length];
    };
  }

  private static String date(ExtractLayout layout, LocalDate date) {
    return date == null ? "" : layout.textDates().format(date);
  }
}
