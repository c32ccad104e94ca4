package dk.jobsurvey.estimate;

import java.util.List;

/**
 * Respondents who share every domain value, their stratum and their weights (a weighting cell):
 * what the estimates and their linearized variance need of them, per measure (an item's share or
 * mean, a theme index). Every respondent of the cell has the same base and final weight.
 *
 * @param values the cell's value of each domain variable, in the estimator's variable order
 * @param respondents all respondents of the cell, whether or not they answered
 * @param answered per measure, how many respondents have a value
 * @param sum per measure, the sum of the values
 * @param sumOfSquares per measure, the sum of the squared values
 */
public record EstimationCell(List<String> values, String stratum, double stratumPopulation, long stratumRespondents,
    double baseWeight, double finalWeight, long respondents, long[] answered, double[] sum, double[] sumOfSquares) {
  public EstimationCell {
    values = List.copyOf(values);
  }
}
