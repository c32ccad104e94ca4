package dk.jobsurvey.report;

import dk.jobsurvey.config.Questionnaire;
import dk.jobsurvey.config.ReportSettings;
import dk.jobsurvey.config.Survey;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The words of the reports that state a rule, from the configuration: the suppression threshold
 * (suppression.min_respondents) and the answer scale with its positive values, so that a survey run
 * with min_respondents 10 or a 1-7 scale does not print "<5" or "4-5".
 */
record ReportWording(int minRespondents, Questionnaire.Scale scale, List<Integer> positiveValues, ReportSettings precision) {
  static final String NO_ANSWERS = "–";
  /** Where a figure has no difference to the others although it has answers. */
  static final String NOT_COMPARED = "ikke sml.";

  static ReportWording of(Survey survey, Questionnaire questionnaire) {
    return new ReportWording(survey.suppression().minRespondents(), questionnaire.scale(), questionnaire.positiveValues(),
        survey.reports());
  }

  /** What * means: "*: usikkert skøn: færre end 30 svar eller et 95 %-konfidensinterval bredere end ±10 point." */
  String uncertain() {
    return ReportTable.Marks.UNCERTAIN + ": usikkert skøn: færre end " + precision.uncertainBelowN() + " svar eller et 95 %"
        + "-konfidensinterval bredere end ±" + points(precision.uncertainCiHalfWidth()) + " point på en skala fra 0 til 100 "
        + "(procentpoint for andele; for gennemsnit i procent af skalaen " + scaleRange() + ").";
  }

  /** What ▲ and ▼ mean, and what they do not. */
  String comparison() {
    return ReportTable.Marks.ABOVE + " / " + ReportTable.Marks.BELOW + ": kommunen (eller gruppen i kommunen) ligger "
        + "signifikant over / under de øvrige deltagende kommuner (samme gruppe), på 5 %-niveau. Forskellen er i "
        + "procentpoint for andele, i point for indeks og gennemsnit. Ved mange sammenligninger vil enkelte markeringer "
        + "skyldes tilfældigheder. " + NOT_COMPARED + ": ingen sammenligning, fordi de øvrige kommuner har færre end "
        + minRespondents + " svar, eller tallet for alle kommuner er skjult.";
  }

  /** What the change column says: since which round, how its SE is found, and what is not compared. */
  String change(String previousRound) {
    return "Udvikling siden " + previousRound + ": skønnet nu minus skønnet i " + previousRound + " (procentpoint for andele, "
        + "point for indeks og gennemsnit). " + ReportTable.Marks.ABOVE + " / " + ReportTable.Marks.BELOW + ": signifikant "
        + "fremgang / tilbagegang på 5 %-niveau; standardfejlen er √(SE² nu + SE² før), som for to uafhængige stikprøver. "
        + NOT_COMPARED + ": ingen sammenligning, fordi spørgsmålet er nyt eller omformuleret, temaet har fået andre "
        + "spørgsmål, eller tallet ikke blev offentliggjort i " + previousRound + ".";
  }

  private static String points(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value).replace('.', ',');
  }

  /** How a hidden figure reads: "<5". */
  String hidden() {
    return "<" + minRespondents;
  }

  /** Under every table: what "<5" and "–" mean. */
  String footnote() {
    return hidden() + ": skjult, fordi færre end " + minRespondents + " har svaret, eller for at beskytte en celle med færre end "
        + minRespondents + " (diskretionering). " + NO_ANSWERS + ": ingen svar.";
  }

  /** Why a bar is missing: "færre end 5 svar". */
  String tooFewAnswers() {
    return "færre end " + minRespondents + " svar";
  }

  /** The scale: "1-5". */
  String scaleRange() {
    return scale.min() + "-" + scale.max();
  }

  /** The positive answers: "4-5" when they run on, else "4, 6". */
  String positive() {
    List<Integer> values = positiveValues.stream().sorted().toList();
    boolean run = values.get(values.size() - 1) - values.get(0) == values.size() - 1;
    return run && values.size() > 1 ? values.get(0) + "-" + values.get(values.size() - 1)
        : values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  /** The positive answers in a sentence: "4 eller 5". */
  String positiveInWords() {
    List<String> values = positiveValues.stream().sorted().map(String::valueOf).toList();
    return values.size() == 1 ? values.get(0)
        : String.join(", ", values.subList(0, values.size() - 1)) + " eller " + values.get(values.size() - 1);
  }
}
