package dk.jobsurvey.bench;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The floor under ingest without Spark: every extract file read on one thread, a CSV decoded and
 * split into its records (univocity, the parser under Spark's CSV reader), a workbook unzipped
 * and each sheet's and the shared strings' XML parsed (StAX). What ingest does beyond that —
 * cells as Excel shows them, checks, pseudonyms, tables — is its own cost.
 */
final class PlainReadFloor {
  /** Seconds in all and per kind, the files, their bytes and the rows (records of a CSV, rows of a sheet). */
  record Figures(double seconds, double csvSeconds, double xlsxSeconds, int files, long bytes, long rows, int unreadable) {}

  private static final XMLInputFactory XML = XMLInputFactory.newFactory();

  private PlainReadFloor() {}

  static Figures read(Path folder) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    long csvNanos = 0;
    long xlsxNanos = 0;
    long bytes = 0;
    long rows = 0;
    int unreadable = 0;
    for (Path file : files) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      long started = System.nanoTime();
      bytes += Files.size(file);
      try {
        if (name.endsWith(".csv")) {
          rows += csvRecords(file);
        } else if (name.endsWith(".xlsx")) {
          rows += sheetRows(file);
        }
      } catch (IOException | RuntimeException e) {
        // A corrupt or truncated file (the generator sends a few, as municipalities do): ingest rejects it too.
        unreadable++;
      }
      if (name.endsWith(".csv")) {
        csvNanos += System.nanoTime() - started;
      } else if (name.endsWith(".xlsx")) {
        xlsxNanos += System.nanoTime() - started;
      }
    }
    return new Figures((csvNanos + xlsxNanos) / 1e9, csvNanos / 1e9, xlsxNanos / 1e9, files.size(), bytes, rows, unreadable);
  }

  private static long csvRecords(Path file) throws IOException {
    CsvParserSettings settings = new CsvParserSettings();
    settings.detectFormatAutomatically();
    settings.setMaxColumns(1024);
    CsvParser parser = new CsvParser(settings);
    long records = 0;
    // ISO-8859-1 decodes any bytes; the floor is the cost of decoding and splitting, not of guessing the encoding.
    try (InputStreamReader in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.ISO_8859_1)) {
      parser.beginParsing(in);
      while (parser.parseNext() != null) {
        records++;
      }
      parser.stopParsing();
    }
    return records;
  }

  private static long sheetRows(Path file) throws IOException {
    long rows = 0;
    // By the central directory, as POI reads a workbook (a streamed read trips over entries whose sizes follow their data).
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        String name = entry.getName();
        if (name.startsWith("xl/worksheets/sheet") || name.equals("xl/sharedStrings.xml")) {
          try (InputStream in = zip.getInputStream(entry)) {
            long elements = elements(in, name.startsWith("xl/worksheets/") ? "row" : "si");
            rows += name.startsWith("xl/worksheets/") ? elements : 0;
          }
        }
      }
    }
    return rows;
  }

  /** Parses the entry's XML to its end; returns how many {@code element} elements it holds. */
  private static long elements(InputStream in, String element) throws IOException {
    try {
      XMLStreamReader xml = XML.createXMLStreamReader(in);
      long count = 0;
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamReader.START_ELEMENT && xml.getLocalName().equals(element)) {
          count++;
        } else if (xml.getEventType() == XMLStreamReader.CHARACTERS) {
          xml.getText();
        }
      }
      xml.close();
      return count;
    } catch (XMLStreamException e) {
      throw new IOException("cannot parse the workbook's XML", e);
    }
  }
}
