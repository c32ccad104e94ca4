package dk.jobsurvey.report;

import dk.jobsurvey.config.BenefitGroup;
import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.estimate.Measure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a report says, for one municipality beside the nation or for the nation alone: response
 * rates, results per theme and item (weighted with CI and n, unweighted, national benchmark), results
 * by group, charts and notes. Built from published/ only; the workbook and the HTML page render it.
 */
final class ReportContent {
  /** A chart: its title, value label and scale, categories, and per series one bar (or null) per category. */
  record Chart(String title, String valueLabel, double upper, List<String> categories, Map<String, List<ReportCharts.Bar>> series) {}

  private final PublishedResults results;
  private final Survey survey;
  private final Questionnaire questionnaire;
  /** The municipality, or null for the national report. */
  private final String kommunekode;
  private final ReportWording wording;

  ReportContent(PublishedResults results, Survey survey, Questionnaire questionnaire, String kommunekode) {
    this.results = results;
    this.survey = survey;
    this.questionnaire = questionnaire;
    this.kommunekode = kommunekode;
    this.wording = ReportWording.of(survey, questionnaire);
  }

  ReportWording wording() {
    return wording;
  }

  String title() {
    return kommunekode == null ? nation() : kommunekode + " " + municipalityName(kommunekode);
  }

  /**
   * What the national figures are of: "Hele landet" only when all 98 municipalities take part;
   * otherwise "Alle deltagende kommuner (9)", since a pilot's total is not the country's.
   */
  String nation() {
    long participating = results.rates().stream().map(PublishedResults.Rate::kommunekode).distinct().count();
    return participating == Municipalities.all().size() ? "Hele landet" : "Alle deltagende kommuner (" + participating + ")";
  }

  static String municipalityName(String code) {
    return Municipalities.byCode(code).map(Municipalities.Municipality::name).orElse("");
  }

  String round() {
    return survey.round();
  }

  ReportTable responseRates() {
    List<List<Object>> rows = new ArrayList<>();
    for (PublishedResults.Rate rate : results.rates()) {
      boolean municipalityRow = rate.ydelsesgruppe() == null;
      if (kommunekode == null ? !municipalityRow : !rate.kommunekode().equals(kommunekode)) {
        continue;
      }
      String label = kommunekode == null ? rate.kommunekode() + " " + municipalityName(rate.kommunekode())
          : municipalityRow ? "I alt" : groupLabel(rate.ydelsesgruppe());
      rows.add(Arrays.asList(label, figure(rate.sampled(), ReportTable.Kind.COUNT),
          rate.suppressed() ? ReportTable.HIDDEN : figure(rate.responded(), ReportTable.Kind.COUNT),
          rate.suppressed() ? ReportTable.HIDDEN : figureOrNone(rate.responseRate(), ReportTable.Kind.SHARE),
          target(rate),
          rate.suppressed() ? ReportTable.HIDDEN : figureOrNone(rate.projected(), ReportTable.Kind.COUNT)));
    }
    return new ReportTable("Svarprocent", List.of(kommunekode == null ? "Kommune" : "Ydelsesgruppe", "Udtrukket", "Svar",
        "Svarprocent", "Mål (svar)", "Forventede svar"), rows);
  }

  /**
   * The response target, or "totaltælling" where fewer are sampled than the target asks for
   * responses: such a municipality is asked in full, and no target can be met.
   */
  private static Object target(PublishedResults.Rate rate) {
    if (rate.target() == null) {
      return "";
    }
    return rate.sampled() < rate.target() ? CENSUS : figure(rate.target(), ReportTable.Kind.COUNT);
  }

  /** What the target column says for a municipality asked in full. */
  static final String CENSUS = "totaltælling";

  /** Per theme its index, then its items' share positive and mean. */
  ReportTable results() {
    List<String> headers = new ArrayList<>(List.of("Tema / spørgsmål", "Mål", title() + " (vægtet)", "95 % CI fra",
        "95 % CI til", "n", title() + " (uvægtet)"));
    if (kommunekode != null) {
      headers.add(nation() + " (vægtet)");
    }
    List<List<Object>> rows = new ArrayList<>();
    for (Questionnaire.Theme theme : questionnaire.themes()) {
      rows.add(resultRow("Tema: " + theme.label(), theme.id(), Measure.THEME_INDEX));
      for (Questionnaire.Item item : questionnaire.itemsOf(theme.id())) {
        rows.add(resultRow(item.id() + " " + item.text(), item.id(), Measure.SHARE_POSITIVE));
        rows.add(resultRow(item.id() + " " + item.text(), item.id(), Measure.MEAN));
      }
    }
    return new ReportTable("Resultater", headers, rows);
  }

  private List<Object> resultRow(String label, String item, String statistic) {
    Optional<PublishedResults.Estimate> weighted = results.find(item, statistic, kommunekode, null, true);
    List<Object> row = new ArrayList<>(Arrays.asList(label, statisticLabel(statistic), value(weighted, statistic),
        bound(weighted, statistic, true), bound(weighted, statistic, false), count(weighted),
        value(results.find(item, statistic, kommunekode, null, false), statistic)));
    if (kommunekode != null) {
      row.add(value(results.find(item, statistic, null, null, true), statistic));
    }
    return row;
  }

  /** Weighted theme indices and items' share positive per group. */
  ReportTable byGroup() {
    List<String> headers = new ArrayList<>(List.of("Tema / spørgsmål", "Mål"));
    survey.groups().forEach(g -> headers.add(g.label()));
    List<List<Object>> rows = new ArrayList<>();
    for (Questionnaire.Theme theme : questionnaire.themes()) {
      rows.add(groupRow("Tema: " + theme.label(), theme.id(), Measure.THEME_INDEX));
      for (Questionnaire.Item item : questionnaire.itemsOf(theme.id())) {
        rows.add(groupRow(item.id() + " " + item.text(), item.id(), Measure.SHARE_POSITIVE));
      }
    }
    return new ReportTable("Ydelsesgrupper (vægtet)", headers, rows);
  }

  private List<Object> groupRow(String label, String item, String statistic) {
    List<Object> row = new ArrayList<>(List.of(label, statisticLabel(statistic)));
    for (BenefitGroup group : survey.groups()) {
      row.add(value(results.find(item, statistic, kommunekode, group.id(), true), statistic));
    }
    return row;
  }

  List<Chart> charts() {
    List<Chart> charts = new ArrayList<>();
    List<String> themes = questionnaire.themes().stream().map(Questionnaire.Theme::label).toList();
    charts.add(new Chart("Temaindeks (0-100) med 95 % konfidensinterval", "Indeks", 100, themes,
        series(questionnaire.themes().stream().map(Questionnaire.Theme::id).toList(), Measure.THEME_INDEX, 1)));
    for (Questionnaire.Theme theme : questionnaire.themes()) {
      List<Questionnaire.Item> items = questionnaire.itemsOf(theme.id());
      charts.add(new Chart(theme.label() + ": andel positive svar (" + wording.positive() + ") i procent", "Procent", 100,
          items.stream().map(i -> i.id() + " " + shorten(i.text())).toList(),
          series(items.stream().map(Questionnaire.Item::id).toList(), Measure.SHARE_POSITIVE, 100)));
    }
    return charts;
  }

  private Map<String, List<ReportCharts.Bar>> series(List<String> items, String statistic, double scale) {
    Map<String, List<ReportCharts.Bar>> series = new LinkedHashMap<>();
    if (kommunekode != null) {
      series.put(title(), items.stream().map(i -> bar(results.find(i, statistic, kommunekode, null, true), scale)).toList());
    }
    series.put(nation(), items.stream().map(i -> bar(results.find(i, statistic, null, null, true), scale)).toList());
    return series;
  }

  private static ReportCharts.Bar bar(Optional<PublishedResults.Estimate> estimate, double scale) {
    return estimate.filter(e -> !e.suppressed() && e.estimate() != null && e.ciLow() != null)
        .map(e -> new ReportCharts.Bar(scale * e.estimate(), scale * (e.ciHigh() - e.ciLow()) / 2)).orElse(null);
  }

  List<String> notes() {
    return List.of(
        "Undersøgelsen: " + survey.round() + ". Tallene kommer fra de publicerede tabeller (published/estimates og "
            + "published/response_rates) og rummer ingen oplysninger om enkeltpersoner.",
        "Vægtning: svarene vægtes, så de afspejler målgruppen i hver kommune og ydelsesgruppe. Grundvægten er antal i "
            + "målgruppen delt med antal svar i kommune × ydelsesgruppe; derefter rakes vægtene, så fordelingen på "
            + "kommune × ydelsesgruppe og ydelsesgruppe × køn, alder og varighed svarer til befolkningen.",
        "Vægtet og uvægtet: vægtede tal er skøn for hele målgruppen; uvægtede tal er de rå tal blandt dem, der svarede.",
        "Usikkerhed: 95 % konfidensinterval (skøn ± 1,96 × standardfejl), beregnet ved linearisering som i R's survey-pakke.",
        "Andel positive: andelen, der svarer " + wording.positiveInWords() + " på skalaen " + wording.scaleRange()
            + ", blandt dem der har besvaret spørgsmålet. "
            + "Temaindeks: den enkeltes gennemsnit af temaets besvarede spørgsmål, omregnet til 0-100.",
        "Diskretionering: " + wording.footnote() + " En skjult celle vises aldrig som 0 eller tom.");
  }

  private String groupLabel(String id) {
    return survey.group(id).map(BenefitGroup::label).orElse(id);
  }

  private String statisticLabel(String statistic) {
    return switch (statistic) {
      case Measure.SHARE_POSITIVE -> "Andel positive (" + wording.positive() + ")";
      case Measure.MEAN -> "Gennemsnit (" + wording.scaleRange() + ")";
      default -> "Indeks (0-100)";
    };
  }

  private static ReportTable.Kind kind(String statistic) {
    return switch (statistic) {
      case Measure.SHARE_POSITIVE -> ReportTable.Kind.SHARE;
      case Measure.MEAN -> ReportTable.Kind.MEAN;
      default -> ReportTable.Kind.INDEX;
    };
  }

  private static Object value(Optional<PublishedResults.Estimate> estimate, String statistic) {
    if (estimate.isEmpty()) {
      return null;
    }
    return estimate.get().suppressed() ? ReportTable.HIDDEN : figureOrNone(estimate.get().estimate(), kind(statistic));
  }

  private static Object bound(Optional<PublishedResults.Estimate> estimate, String statistic, boolean low) {
    if (estimate.isEmpty()) {
      return null;
    }
    return estimate.get().suppressed() ? ReportTable.HIDDEN
        : figureOrNone(low ? estimate.get().ciLow() : estimate.get().ciHigh(), kind(statistic));
  }

  private static Object count(Optional<PublishedResults.Estimate> estimate) {
    if (estimate.isEmpty()) {
      return null;
    }
    return estimate.get().suppressed() ? ReportTable.HIDDEN : figureOrNone(estimate.get().n() == null ? null
        : estimate.get().n().doubleValue(), ReportTable.Kind.COUNT);
  }

  private static ReportTable.Figure figure(double value, ReportTable.Kind kind) {
    return new ReportTable.Figure(value, kind);
  }

  private static Object figureOrNone(Number value, ReportTable.Kind kind) {
    return value == null ? null : new ReportTable.Figure(value.doubleValue(), kind);
  }

  private static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
