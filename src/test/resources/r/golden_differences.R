# R survey's differences to the other municipalities on testdata/golden-raking (GoldenDifferencesTest):
# the golden design (svydesign(ids = ~1, strata = ~kommunekode|ydelsesgruppe, fpc = ~N_h) raked to
# population_margins.csv with calibrate(calfun = "raking")), then for q1 and q13, share_positive and
# mean, for each municipality m and for each group g within m: the domain mean of m (or m × g) minus
# that of the other municipalities (or their g), with its SE, by svytotal + svycontrast.
# Usage: Rscript --vanilla golden_differences.R <golden folder> <out.csv>
suppressMessages(library(survey))
library(MASS)
options(survey.lonely.psu = "adjust", warn = 1)
number <- function(x) sprintf("%.17g", x)
args <- commandArgs(trailingOnly = TRUE)
resp <- read.csv(file.path(args[1], "respondents.csv"), colClasses = "character")
resp$N_h <- as.numeric(resp$N_h)
margins <- read.csv(file.path(args[1], "population_margins.csv"), colClasses = c("character", "character", "numeric"))
names <- unique(margins$margin)
columns <- character()
for (i in seq_along(names)) {
  parts <- strsplit(names[i], "*", fixed = TRUE)[[1]]
  column <- paste0("m", i)
  resp[[column]] <- factor(do.call(paste, c(resp[parts], sep = "|")), levels = margins$category[margins$margin == names[i]])
  columns <- c(columns, column)
}
resp$stratum <- paste(resp$kommunekode, resp$ydelsesgruppe, sep = "|")
design <- svydesign(ids = ~1, strata = ~stratum, fpc = ~N_h, data = resp)
formula <- as.formula(paste("~", paste(columns, collapse = " + ")))
terms <- colnames(model.matrix(formula, resp))
population <- setNames(numeric(length(terms)), terms)
population["(Intercept)"] <- sum(margins$total[margins$margin == names[1]])
for (i in seq_len(nrow(margins))) {
  term <- paste0("m", match(margins$margin[i], names), margins$category[i])
  if (term %in% terms) population[term] <- margins$total[i]
}
calibrated <- calibrate(design, formula, population = population, calfun = "raking", epsilon = 1e-13, maxit = 500)
expected <- read.csv(file.path(args[1], "expected_weights.csv"))
worst <- max(abs(weights(calibrated) - expected$weight[match(resp$respondent_id, expected$respondent_id)]) / expected$weight)
if (worst > 1e-8) stop("the raked weights differ from expected_weights.csv by ", worst)

here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)))
source(file.path(here, "contrast.R"))
rows <- list()
for (item in c("q1", "q13")) {
  answer <- suppressWarnings(as.numeric(resp[[item]]))
  for (statistic in c("share_positive", "mean")) {
    y <- if (statistic == "share_positive") as.numeric(answer >= 4) else answer
    for (m in sort(unique(resp$kommunekode))) {
      side <- ifelse(resp$kommunekode == m, "inside", "others")
      rows[[length(rows) + 1]] <- c(item, statistic, m, "all", contrast(calibrated, side, y))
      for (g in sort(unique(resp$ydelsesgruppe))) {
        side <- ifelse(resp$ydelsesgruppe != g, "rest", ifelse(resp$kommunekode == m, "inside", "others"))
        rows[[length(rows) + 1]] <- c(item, statistic, m, g, contrast(calibrated, side, y))
      }
    }
  }
}
out <- as.data.frame(do.call(rbind, rows))
colnames(out) <- c("item", "statistic", "kommunekode", "ydelsesgruppe", "difference", "se")
write.csv(out, args[2], row.names = FALSE, quote = FALSE)
