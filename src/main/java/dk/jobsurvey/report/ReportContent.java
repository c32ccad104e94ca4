package dk.jobsurvey.report;

import dk.jobsurvey.config.BenefitGroup;
import dk.jobsurvey.config.Municipalities;
import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.Survey;
import dk.jobsurvey.estimate.Estimate;
import dk.jobsurvey.estimate.Measure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
  /**
   * A chart: its title, value label and scale, categories, and per series one bar (or null) per
   * category; {@code overall} is null for bars, or the overall figure drawn as a line through a
   * caterpillar chart of municipalities (NaN: hidden, no line). {@code description} is its text alternative.
   */
  record Chart(String title, String valueLabel, double upper, List<String> categories, Map<String, List<ReportCharts.Bar>> series,
      Double overall, String description) {}

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

  /**
   * The municipality's groups and its total, or nationally each municipality in code order and the
   * total over them. The total's responses are shown only when no municipality's are hidden: the
   * total minus the others would give a hidden count away.
   */
  ReportTable responseRates() {
    List<PublishedResults.Rate> shown = new ArrayList<>();
    for (PublishedResults.Rate rate : results.rates()) {
      boolean municipalityRow = rate.ydelsesgruppe() == null;
      if (kommunekode == null ? municipalityRow : rate.kommunekode().equals(kommunekode) && !municipalityRow) {
        shown.add(rate);
      }
    }
    List<String> groupOrder = survey.groups().stream().map(BenefitGroup::id).toList();
    shown.sort(kommunekode == null ? Comparator.comparing(PublishedResults.Rate::kommunekode)
        : Comparator.comparingInt(r -> groupOrder.indexOf(r.ydelsesgruppe())));
    List<List<Object>> rows = new ArrayList<>();
    for (PublishedResults.Rate rate : shown) {
      String label = kommunekode == null ? rate.kommunekode() + " " + municipalityName(rate.kommunekode())
          : groupLabel(rate.ydelsesgruppe());
      rows.add(rateRow(label, rate));
    }
    PublishedResults.Rate total = kommunekode == null ? sum(shown) : results.rates().stream()
        .filter(r -> r.kommunekode().equals(kommunekode) && r.ydelsesgruppe() == null).findFirst().orElse(null);
    if (total != null) {
      rows.add(rateRow(new ReportTable.Heading("I alt"), total));
    }
    return new ReportTable("Svarprocent", List.of(kommunekode == null ? "Kommune" : "Ydelsesgruppe", "Udtrukket", "Svar",
        "Svarprocent", "Mål (svar)", "Forventede svar"), rows, List.of(wording.footnote(),
        CENSUS + ": der er udtrukket færre, end målet kræver svar, så alle i målgruppen er spurgt."));
  }

  private List<Object> rateRow(Object label, PublishedResults.Rate rate) {
    return Arrays.asList(label, figure(rate.sampled(), ReportTable.Kind.COUNT),
        rate.suppressed() ? ReportTable.HIDDEN : figureOrNone(rate.responded(), ReportTable.Kind.COUNT),
        rate.suppressed() ? ReportTable.HIDDEN : figureOrNone(rate.responseRate(), ReportTable.Kind.SHARE),
        target(rate),
        rate.suppressed() ? ReportTable.HIDDEN : figureOrNone(rate.projected(), ReportTable.Kind.COUNT));
  }

  /** The participating municipalities together: hidden responses if any municipality's are hidden. */
  private static PublishedResults.Rate sum(List<PublishedResults.Rate> rates) {
    if (rates.isEmpty()) {
      return null;
    }
    long sampled = rates.stream().mapToLong(PublishedResults.Rate::sampled).sum();
    boolean hidden = rates.stream().anyMatch(PublishedResults.Rate::suppressed);
    long responded = rates.stream().mapToLong(r -> r.responded() == null ? 0 : r.responded()).sum();
    // No total target: a census municipality's target cannot be met, and a sum would pretend it could.
    Long target = null;
    Double projected = rates.stream().allMatch(r -> r.projected() != null)
        ? rates.stream().mapToDouble(PublishedResults.Rate::projected).sum() : null;
    return new PublishedResults.Rate(null, null, sampled, hidden ? null : responded,
        hidden || sampled == 0 ? null : (double) responded / sampled, target, hidden ? null : projected, hidden);
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

  /**
   * Per theme its index, then its items' share positive and mean: weighted with CI and n, unweighted,
   * and for a municipality its difference to the other municipalities and the national figure.
   */
  ReportTable results() {
    List<String> headers = new ArrayList<>(List.of("Tema / spørgsmål", "Mål", title() + " (vægtet)", "95 % CI fra",
        "95 % CI til", "n", title() + " (uvægtet)"));
    if (kommunekode != null) {
      headers.add(DIFFERENCE_HEADER);
      headers.add(nation() + " (vægtet)");
    }
    changeHeader().ifPresent(headers::add);
    boolean likeWithLike = kommunekode == null && results.hasSameMunicipalitiesChanges();
    if (likeWithLike) {
      headers.add(changeHeader().orElseThrow() + ", samme kommuner");
    }
    List<List<Object>> rows = new ArrayList<>();
    for (Questionnaire.Theme theme : questionnaire.themes()) {
      rows.add(withLikeForLike(likeWithLike, resultRow(new ReportTable.Heading("Tema: " + theme.label()), theme.id(),
          Measure.THEME_INDEX, null), theme.id(), Measure.THEME_INDEX));
      for (Questionnaire.Item item : questionnaire.itemsOf(theme.id())) {
        for (String statistic : List.of(Measure.SHARE_POSITIVE, Measure.MEAN)) {
          rows.add(withLikeForLike(likeWithLike, resultRow(item.label(), item.id(), statistic, null), item.id(), statistic));
        }
      }
    }
    return new ReportTable("Resultater", headers, rows, tableNotes());
  }

  /** Column header of the comparison with the other municipalities. */
  static final String DIFFERENCE_HEADER = "Forskel til øvrige kommuner";

  private List<Object> resultRow(Object label, String item, String statistic, String group) {
    Optional<PublishedResults.Estimate> weighted = results.find(item, statistic, kommunekode, group, true);
    List<Object> row = new ArrayList<>(Arrays.asList(label, statisticLabel(statistic), estimateWithMark(weighted, statistic),
        bound(weighted, statistic, true), bound(weighted, statistic, false), count(weighted)));
    if (group == null) {
      row.add(value(results.find(item, statistic, kommunekode, null, false), statistic));
    }
    if (kommunekode != null) {
      row.add(difference(weighted, statistic));
      row.add(value(results.find(item, statistic, null, group, true), statistic));
    }
    if (results.previousRound().isPresent()) {
      row.add(change(weighted, results.change(item, statistic, kommunekode, group, true), statistic));
    }
    return row;
  }

  /** Nationally, when the participants changed: the row with the change over the municipalities in both rounds. */
  private List<Object> withLikeForLike(boolean likeWithLike, List<Object> row, String item, String statistic) {
    if (likeWithLike) {
      row.add(change(results.find(item, statistic, null, null, true), results.sameMunicipalitiesChange(item, statistic),
          statistic));
    }
    return row;
  }

  /** "Udvikling siden 2023Q2" where there is an earlier round to compare with. */
  private Optional<String> changeHeader() {
    return results.previousRound().map(previous -> CHANGE_HEADER + " " + previous);
  }

  /** Column header of the change since the previous round, before the round. */
  static final String CHANGE_HEADER = "Udvikling siden";

  /**
   * The change since the previous round, marked ▲/▼ where significant at 5 % (DESIGN.md §8b);
   * "ikke sml." for a figure with answers but no change (new in the round, reworded, a regrouped theme,
   * or hidden then).
   */
  private static Object change(Optional<PublishedResults.Estimate> estimate, Optional<PublishedResults.Change> change,
      String statistic) {
    if (estimate.isEmpty()) {
      return null;
    }
    if (estimate.get().suppressed()) {
      return ReportTable.HIDDEN;
    }
    if (change.isEmpty()) {
      return estimate.get().n() == null || estimate.get().n() == 0 ? null : ReportWording.NOT_COMPARED;
    }
    PublishedResults.Change c = change.get();
    String mark = !c.significant() ? "" : c.change() > 0 ? ReportTable.Marks.ABOVE : ReportTable.Marks.BELOW;
    return new ReportTable.Figure(c.change(), kind(statistic).difference(), mark);
  }

  /** Theme indices and items' share positive per group: weighted with CI, n and (for a municipality) the comparison. */
  ReportTable byGroup() {
    List<String> headers = new ArrayList<>(List.of("Tema / spørgsmål", "Ydelsesgruppe", "Mål", "Vægtet", "95 % CI fra",
        "95 % CI til", "n"));
    if (kommunekode != null) {
      headers.add("Forskel til samme gruppe i øvrige kommuner");
      headers.add(nation() + " (vægtet)");
    }
    changeHeader().ifPresent(headers::add);
    List<List<Object>> rows = new ArrayList<>();
    for (Questionnaire.Theme theme : questionnaire.themes()) {
      for (BenefitGroup group : survey.groups()) {
        rows.add(groupRow(new ReportTable.Heading("Tema: " + theme.label()), group, theme.id(), Measure.THEME_INDEX));
      }
      for (Questionnaire.Item item : questionnaire.itemsOf(theme.id())) {
        for (BenefitGroup group : survey.groups()) {
          rows.add(groupRow(item.label(), group, item.id(), Measure.SHARE_POSITIVE));
        }
      }
    }
    return new ReportTable("Ydelsesgrupper (vægtet)", headers, rows, tableNotes());
  }

  private List<Object> groupRow(Object label, BenefitGroup group, String item, String statistic) {
    List<Object> row = resultRow(label, item, statistic, group.id());
    row.add(1, group.label());
    return row;
  }

  /** Under a table of estimates: hidden and empty cells, uncertain figures, and the comparison's markers. */
  private List<String> tableNotes() {
    List<String> notes = new ArrayList<>(List.of(wording.footnote(), wording.uncertain()));
    if (kommunekode != null) {
      notes.add(wording.comparison());
    }
    changeNote().ifPresent(notes::add);
    return notes;
  }

  /**
   * What the change column means, and for a municipality without figures in the earlier round, that
   * it has none to show.
   */
  private Optional<String> changeNote() {
    return results.previousRound().map(previous -> {
      String note = wording.change(previous);
      if (!results.hasChanges(kommunekode)) {
        note += kommunekode == null ? " Der er ingen tal fra " + previous + " at sammenligne med."
            : " " + title() + " har ingen tal fra " + previous + " at sammenligne med (kommunen deltog ikke, tallene var "
                + "skjult, eller spørgsmålene er ændret), så der vises ingen udvikling.";
      } else if (kommunekode == null) {
        List<String> both = results.municipalitiesInBothRounds();
        note += " Udviklingen for " + nation() + " sammenligner alle deltagende kommuner i hver runde; " + both.size()
            + " af dem har tal fra begge runder: " + String.join(", ", both.stream().map(c -> c + " " + municipalityName(c))
                .toList()) + "." + (results.hasSameMunicipalitiesChanges() ? " Kolonnen \"samme kommuner\" sammenligner "
                + "kun kommuner, der deltog i begge runder (skønnet på hver rundes design), så ændringen ikke skyldes, at andre "
                + "kommuner er kommet til eller gået ud; den vises kun, hvor tallene for de kommuner, der kom til eller gik "
                + "ud, selv er offentliggjort." : "");
      }
      return note;
    });
  }

  List<Chart> charts() {
    List<Chart> charts = new ArrayList<>();
    List<String> themes = questionnaire.themes().stream().map(Questionnaire.Theme::label).toList();
    charts.add(new Chart("Temaindeks (0-100) med 95 % konfidensinterval", "Indeks", 100, themes,
        series(questionnaire.themes().stream().map(Questionnaire.Theme::id).toList(), Measure.THEME_INDEX, 1), null,
        barsDescription("temaindeks for hvert tema")));
    if (kommunekode == null) {
      questionnaire.themes().stream().map(this::caterpillar).filter(c -> !c.categories().isEmpty()).forEach(charts::add);
    }
    for (Questionnaire.Theme theme : questionnaire.themes()) {
      List<Questionnaire.Item> items = questionnaire.itemsOf(theme.id());
      charts.add(new Chart(theme.label() + ": andel positive svar (" + wording.positive() + ") i procent", "Procent", 100,
          items.stream().map(Questionnaire.Item::label).toList(),
          series(items.stream().map(Questionnaire.Item::id).toList(), Measure.SHARE_POSITIVE, 100), null,
          barsDescription("andel positive svar for temaets spørgsmål")));
    }
    return charts;
  }

  private String barsDescription(String what) {
    return "Søjlediagram med " + what + (kommunekode == null ? "" : " for " + title() + " og " + nation())
        + ", med 95 % konfidensintervaller. Tallene står i tabellen Resultater.";
  }

  /**
   * A theme's index in every participating municipality, highest first, with 95 % CIs and the
   * overall index as a line: how the municipalities spread, and which stand out.
   */
  private Chart caterpillar(Questionnaire.Theme theme) {
    List<Map.Entry<String, ReportCharts.Bar>> bars = new ArrayList<>();
    for (String code : results.municipalities()) {
      ReportCharts.Bar bar = bar(results.find(theme.id(), Measure.THEME_INDEX, code, null, true), 1);
      if (bar != null) {
        bars.add(Map.entry(code + " " + municipalityName(code), bar));
      }
    }
    bars.sort(Comparator.comparingDouble((Map.Entry<String, ReportCharts.Bar> e) -> -e.getValue().value())
        .thenComparing(Map.Entry::getKey));
    Double overall = results.find(theme.id(), Measure.THEME_INDEX, null, null, true)
        .filter(e -> !e.suppressed() && e.estimate() != null).map(PublishedResults.Estimate::estimate).orElse(Double.NaN);
    Map<String, List<ReportCharts.Bar>> series = new LinkedHashMap<>();
    series.put("Kommunens indeks med 95 % konfidensinterval", bars.stream().map(Map.Entry::getValue).toList());
    String hidden = results.municipalities().size() == bars.size() ? ""
        : " " + (results.municipalities().size() - bars.size()) + " kommuner vises ikke, fordi deres tal er skjult "
            + "(diskretionering) eller ingen har svaret.";
    return new Chart(theme.label() + ": temaindeks i hver kommune, højeste først", "Indeks", 100,
        bars.stream().map(Map.Entry::getKey).toList(), series, overall,
        "Prikdiagram over " + bars.size() + " kommuners temaindeks for " + theme.label() + " fra højeste til laveste, med 95 % "
            + "konfidensintervaller og en lodret linje for " + nation() + "." + hidden
            + " Tallene står i tabellen Temaindeks pr. kommune.");
  }

  /** Nationally: each theme's index in every municipality, in code order, with the total over them. */
  ReportTable municipalityIndices() {
    List<String> headers = new ArrayList<>(List.of("Kommune"));
    for (Questionnaire.Theme theme : questionnaire.themes()) {
      headers.add(theme.label());
      headers.add("n");
    }
    List<List<Object>> rows = new ArrayList<>();
    for (String code : results.municipalities()) {
      rows.add(indexRow(code + " " + municipalityName(code), code));
    }
    rows.add(indexRow(new ReportTable.Heading(nation()), null));
    return new ReportTable("Temaindeks pr. kommune (vægtet)", headers, rows, List.of(wording.footnote(), wording.uncertain()));
  }

  private List<Object> indexRow(Object label, String code) {
    List<Object> row = new ArrayList<>(List.of(label));
    for (Questionnaire.Theme theme : questionnaire.themes()) {
      Optional<PublishedResults.Estimate> estimate = results.find(theme.id(), Measure.THEME_INDEX, code, null, true);
      row.add(estimateWithMark(estimate, Measure.THEME_INDEX));
      row.add(count(estimate));
    }
    return row;
  }

  /** The tables of the report, in order: a municipality's own questions after its results. */
  List<ReportTable> tables() {
    List<ReportTable> tables = new ArrayList<>(List.of(responseRates(), results(), byGroup()));
    if (kommunekode == null) {
      tables.add(2, municipalityIndices());
    } else if (!questionnaire.localRated(kommunekode).isEmpty()) {
      tables.add(2, localQuestions());
    }
    return tables;
  }

  /** Title of the section of a municipality's own questions. */
  static final String LOCAL_TITLE = "Kommunens egne spørgsmål";

  /**
   * The municipality's own rated questions: share positive and mean, weighted with CI and n, and
   * unweighted; no comparison, since no one else asked them.
   */
  ReportTable localQuestions() {
    List<String> headers = List.of("Spørgsmål", "Mål", title() + " (vægtet)", "95 % CI fra", "95 % CI til", "n",
        title() + " (uvægtet)");
    List<List<Object>> rows = new ArrayList<>();
    for (Questionnaire.LocalItem local : questionnaire.localRated(kommunekode)) {
      for (String statistic : List.of(Measure.SHARE_POSITIVE, Measure.MEAN)) {
        rows.add(resultRow(local.label(), local.id(), statistic, null).subList(0, headers.size()));
      }
    }
    return new ReportTable(LOCAL_TITLE, headers, rows, List.of(wording.footnote(), wording.uncertain(),
        "Spørgsmål, som kun " + title() + " har stillet sine borgere. De indgår ikke i andre kommuners rapporter eller i "
            + "tallene for " + nation() + ", og der er ingen sammenligning med andre kommuner."));
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
        "Diskretionering: " + wording.footnote() + " En skjult celle vises aldrig som 0 eller tom.",
        "Sammenligning: " + wording.comparison() + " Forskellen og dens standardfejl beregnes på samme vægtede design "
            + "som skønnene, over for de øvrige kommuner, så kommunen ikke sammenlignes med sig selv.",
        "Usikre skøn: " + wording.uncertain(),
        changeNote().orElse("Udvikling: dette er den første runde; der er ingen tidligere runde at sammenligne med."));
  }

  /**
   * The items, whose short labels the tables show, with the questions as they were asked; in a
   * municipality's report also its own questions.
   */
  List<Questionnaire.Item> items() {
    List<Questionnaire.Item> items = new ArrayList<>(questionnaire.items());
    if (kommunekode != null) {
      questionnaire.localItems().stream().filter(l -> l.kommunekode().equals(kommunekode))
          .forEach(l -> items.add(l.asItem()));
    }
    return items;
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

  /** The estimate, marked * when it is uncertain (few answers or a wide CI, per the configuration). */
  private Object estimateWithMark(Optional<PublishedResults.Estimate> estimate, String statistic) {
    Object value = value(estimate, statistic);
    if (value instanceof ReportTable.Figure figure && uncertain(estimate.get(), statistic)) {
      return new ReportTable.Figure(figure.value(), figure.kind(), ReportTable.Marks.UNCERTAIN);
    }
    return value;
  }

  /** Fewer answers than reports.uncertain_below_n, or a CI half-width above reports.uncertain_ci_half_width points of 0-100. */
  boolean uncertain(PublishedResults.Estimate estimate, String statistic) {
    if (estimate.n() != null && estimate.n() < survey.reports().uncertainBelowN()) {
      return true;
    }
    return estimate.ciLow() != null && halfWidthInPoints(estimate.ciHigh() - estimate.ciLow(), statistic) / 2
        > survey.reports().uncertainCiHalfWidth();
  }

  private double halfWidthInPoints(double width, String statistic) {
    return switch (statistic) {
      case Measure.SHARE_POSITIVE -> 100 * width;
      case Measure.MEAN -> 100 * width / (questionnaire.scale().max() - questionnaire.scale().min());
      default -> width;
    };
  }

  /** The difference to the others, marked ▲/▼ where significant at 5 % (|d| > 1.96 SE, DESIGN.md §8a). */
  private static Object difference(Optional<PublishedResults.Estimate> estimate, String statistic) {
    if (estimate.isEmpty()) {
      return null;
    }
    PublishedResults.Estimate e = estimate.get();
    if (e.suppressed()) {
      return ReportTable.HIDDEN;
    }
    if (e.difference() == null || e.differenceSe() == null) {
      return e.n() == null || e.n() == 0 ? null : ReportWording.NOT_COMPARED;
    }
    boolean significant = Math.abs(e.difference()) > Estimate.Z_95 * e.differenceSe();
    String mark = !significant ? "" : e.difference() > 0 ? ReportTable.Marks.ABOVE : ReportTable.Marks.BELOW;
    return new ReportTable.Figure(e.difference(), kind(statistic).difference(), mark);
  }
}
