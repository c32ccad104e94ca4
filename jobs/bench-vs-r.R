# R's side of jobs/bench-vs-r.sh: R survey's best route on the export of the national round
# (VersusR.java): svydesign with strata and their populations, calibrate(calfun = "raking",
# sparse = TRUE) to the margins as the project merged them, then for each item-statistic the
# national svymean and svyby(multicore = TRUE) for each of the six domain tables. Times only the
# computation (the data are in memory); writes r_times.csv. Usage: Rscript bench-vs-r.R DIR [MEASURES]
suppressMessages({library(survey); library(MASS); library(parallel)})
options(survey.lonely.psu = "adjust", warn = 1)
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
limit <- if (length(args) > 1) as.integer(args[2]) else 0L
elapsed <- function(expr) unname(system.time(expr)["elapsed"])

setup <- elapsed({
  resp <- read.csv(file.path(dir, "respondents.csv"), colClasses = "character", check.names = FALSE)
  resp$N_h <- as.numeric(resp$N_h)
  margins <- read.csv(file.path(dir, "margins.csv"), colClasses = c("character", "character", "numeric"))
  settings <- read.csv(file.path(dir, "settings.csv"), colClasses = "character")
  measures <- read.csv(file.path(dir, "measures.csv"), colClasses = "character")
  names <- unique(margins$margin)
  for (m in names) resp[[m]] <- factor(resp[[m]], levels = margins$class[margins$margin == m])
  design <- svydesign(ids = ~1, strata = ~stratum, fpc = ~N_h, data = resp)
  formula <- as.formula(paste("~", paste(names, collapse = " + ")))
  columns <- colnames(model.matrix(formula, resp))
  population <- setNames(numeric(length(columns)), columns)
  population["(Intercept)"] <- sum(margins$total[margins$margin == names[1]])
  for (i in seq_len(nrow(margins))) {
    column <- paste0(margins$margin[i], margins$class[i])
    if (column %in% columns) population[column] <- margins$total[i]
  }
})
calibrate_seconds <- elapsed(
  calibrated <- calibrate(design, formula, population = population, calfun = "raking", sparse = TRUE))

positive <- as.numeric(strsplit(settings$positive_values, " ")[[1]])
low <- as.numeric(settings$scale_min)
high <- as.numeric(settings$scale_max)
tables <- strsplit(settings$tables, " ")[[1]]
value <- function(row) {
  items <- strsplit(row$items, " ")[[1]]
  answers <- sapply(items, function(item) suppressWarnings(as.numeric(resp[[item]])))
  if (row$statistic == "share_positive") return(ifelse(is.na(answers[, 1]), NA, as.numeric(answers[, 1] %in% positive)))
  if (row$statistic == "mean") return(answers[, 1])
  answered <- rowSums(!is.na(answers))
  ifelse(answered > 0, (rowSums(answers, na.rm = TRUE) / answered - low) / (high - low) * 100, NA)
}
timed <- if (limit > 0) min(limit, nrow(measures)) else nrow(measures)
tables_seconds <- 0
for (k in seq_len(timed)) {
  with_y <- update(calibrated, y = value(measures[k, ]))
  seconds <- elapsed({
    svymean(~y, with_y, na.rm = TRUE)
    for (domain in tables) svyby(~y, as.formula(paste0("~", domain)), with_y, svymean, na.rm = TRUE, multicore = TRUE)
  })
  tables_seconds <- tables_seconds + seconds
  cat(sprintf("%s %s: %.1f s\n", measures$measure[k], measures$statistic[k], seconds))
}
write.csv(data.frame(figure = c("setup", "calibrate", "tables", "measures_timed"),
                     value = c(setup, calibrate_seconds, tables_seconds, timed)),
          file.path(dir, "r_times.csv"), row.names = FALSE, quote = FALSE)
cat(sprintf("calibrate %.2f s; %d item-statistics over %d tables %.1f s\n", calibrate_seconds, timed, length(tables) + 1, tables_seconds))
