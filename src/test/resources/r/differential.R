# The R side of RDifferentialTest: for every design folder under the folder given, the collapsed
# design the project weighted (r_respondents.csv: stratum, N_h, one column per margin holding the
# respondent's merged class; r_margins.csv: margin, class, total) through R survey:
# svydesign + calibrate(calfun = "raking", epsilon = 1e-13, maxit = 500) + svymean / svyby.
# Writes r_status.txt (converged or failed), and for a design that converged r_weights.csv and
# r_estimates.csv beside the inputs, numbers with 17 significant digits; r_differences.csv holds
# each municipality's (and each of its groups') difference to the other municipalities (contrast.R).
# Then, for each pair of designs in pairs.csv taken as two rounds (independent samples), every
# estimate both have: the change, the difference of the two svymean results, with SE
# sqrt(SE_before^2 + SE_now^2), in r_changes_<before>_<now>.csv.
suppressMessages(library(survey))
library(MASS)  # calibrate's raking needs MASS::ginv; without it every design would look unconverged
options(survey.lonely.psu = "adjust", warn = 1)
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)))
source(file.path(here, "contrast.R"))
number <- function(x) sprintf("%.17g", x)

for (folder in sort(list.dirs(commandArgs(trailingOnly = TRUE)[1], recursive = FALSE))) {
  resp <- read.csv(file.path(folder, "r_respondents.csv"), colClasses = "character", check.names = FALSE)
  resp$N_h <- as.numeric(resp$N_h)
  margins <- read.csv(file.path(folder, "r_margins.csv"), colClasses = c("character", "character", "numeric"))
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
  # calibrate warns that it failed to converge, then stops with "Calibration failed": either is a failure.
  converged <- TRUE
  calibrated <- tryCatch(withCallingHandlers(
    calibrate(design, formula, population = population, calfun = "raking", epsilon = 1e-13, maxit = 500),
    warning = function(w) {
      if (grepl("converge", conditionMessage(w))) converged <<- FALSE
      invokeRestart("muffleWarning")
    }), error = function(e) {
      # Only calibrate's refusal counts as a failure; anything else (a missing package: MASS) stops the script.
      if (!grepl("Calibration failed|converge", conditionMessage(e))) stop(folder, ": ", conditionMessage(e))
      converged <<- FALSE
      NULL
    })
  writeLines(if (converged) "converged" else "failed", file.path(folder, "r_status.txt"))
  if (!converged) next
  write.csv(data.frame(respondent_id = resp$respondent_id, weight = number(weights(calibrated))),
            file.path(folder, "r_weights.csv"), row.names = FALSE, quote = FALSE)

  rows <- list()
  domains <- strsplit(readLines(file.path(folder, "r_domains.txt")), ",")[[1]]
  for (item in grep("^q[0-9]+$", colnames(resp), value = TRUE)) {
    answer <- suppressWarnings(as.numeric(resp[[item]]))
    for (statistic in c("share_positive", "mean")) {
      y <- if (statistic == "share_positive") as.numeric(answer >= 4) else answer
      with_y <- update(calibrated, y = y)
      national <- svymean(~y, with_y, na.rm = TRUE)
      rows[[length(rows) + 1]] <- c(item, statistic, "national", "all", sum(!is.na(y)), number(coef(national)), number(SE(national)))
      for (domain in domains) {
        by <- svyby(~y, as.formula(paste0("~", domain)), with_y, svymean, na.rm = TRUE)
        for (k in seq_len(nrow(by))) {
          value <- as.character(by[[domain]][k])
          rows[[length(rows) + 1]] <- c(item, statistic, domain, value, sum(!is.na(y) & resp[[domain]] == value),
                                        number(by$y[k]), number(SE(by)[k]))
        }
      }
    }
  }
  estimates <- as.data.frame(do.call(rbind, rows))
  colnames(estimates) <- c("item", "statistic", "domain", "value", "n", "estimate", "se")
  write.csv(estimates, file.path(folder, "r_estimates.csv"), row.names = FALSE, quote = FALSE)

  rows <- list()
  for (item in grep("^q[0-9]+$", colnames(resp), value = TRUE)) {
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
  differences <- as.data.frame(do.call(rbind, rows))
  colnames(differences) <- c("item", "statistic", "kommunekode", "ydelsesgruppe", "difference", "se")
  write.csv(differences, file.path(folder, "r_differences.csv"), row.names = FALSE, quote = FALSE)
}

pairs <- read.csv(file.path(commandArgs(trailingOnly = TRUE)[1], "pairs.csv"), colClasses = "character")
for (p in seq_len(nrow(pairs))) {
  read_estimates <- function(design) {
    e <- read.csv(file.path(commandArgs(trailingOnly = TRUE)[1], design, "r_estimates.csv"), colClasses = "character")
    e$estimate <- as.numeric(e$estimate)
    e$se <- as.numeric(e$se)
    e[is.finite(e$estimate) & is.finite(e$se), ]
  }
  both <- merge(read_estimates(pairs$before[p]), read_estimates(pairs$now[p]), by = c("item", "statistic", "domain", "value"),
                suffixes = c("_before", "_now"))
  changes <- data.frame(item = both$item, statistic = both$statistic, domain = both$domain, value = both$value,
                        change = number(both$estimate_now - both$estimate_before),
                        se = number(sqrt(both$se_before^2 + both$se_now^2)))
  write.csv(changes, file.path(commandArgs(trailingOnly = TRUE)[1],
                               paste0("r_changes_", sub("design-", "", pairs$before[p]), "_", sub("design-", "", pairs$now[p]), ".csv")),
            row.names = FALSE, quote = FALSE)
}
