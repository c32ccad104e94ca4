# The difference of two domain means on one calibrated design, with its SE, for golden_differences.R
# and differential.R (sourced by both).
# svyby(covmat = TRUE) fails on a calibrated design in survey 4.1.1 ("number of items to replace"),
# so each domain mean is the ratio of two calibrated totals and the difference of the two ratios goes
# through svycontrast's delta method: the same linearization as svyby's domain means. Those without
# an answer are outside both domains, as with na.rm = TRUE.
contrast <- function(d, side, y) {
  answered <- !is.na(y)
  y[!answered] <- 0
  inside <- as.numeric(answered & side == "inside")
  others <- as.numeric(answered & side == "others")
  d <- update(d, y_inside = y * inside, inside = inside, y_others = y * others, others = others)
  totals <- svytotal(~y_inside + inside + y_others + others, d)
  result <- svycontrast(totals, quote(y_inside / inside - y_others / others))
  c(number(coef(result)), number(SE(result)))
}
