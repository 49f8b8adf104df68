#!/usr/bin/env Rscript
# Regenerates tests/reference/healthequal_options.csv: healthequal's values for the options
# its own test files and reference_values_computed.csv leave out (Wagstaff and Erreygers
# corrections, bounded ACI, linear SII and RII), on its sample data.
#   scripts/reference/healthequal_options.R HEALTHEQUAL_CHECKOUT SHARED_REFERENCE OUT.csv
# Needs R with dplyr, survey, sandwich and emmeans (Debian: r-base-core r-cran-dplyr
# r-cran-survey r-cran-sandwich r-cran-emmeans). rci() and aci() are healthequal's own functions, sourced from the
# checkout (WHOequity/healthequal, measured at 3e7e040). sii() and rii() with linear = TRUE
# need marginaleffects (not in Debian), so their model is fitted here as sii.R fits it:
# glm(est / scale ~ rank, gaussian, weights = ceiling(pop)), scale inferred from the
# largest estimate, HC1 covariance (sandwich); for the identity link avg_comparisons()
# from rank 0 to 1 is the rank coefficient, and the log ratio's SE is the delta method's.
args <- commandArgs(trailingOnly = TRUE)
suppressMessages({ library(dplyr); library(survey); library(sandwich); library(emmeans) })
source(file.path(args[1], "R", "rci.R"))
source(file.path(args[1], "R", "aci.R"))
source(file.path(args[1], "R", "sii.R"))
ref <- args[2]
rows <- list()
add <- function(...) rows[[length(rows) + 1]] <<- data.frame(...)

grouped <- read.csv(file.path(ref, "OrderedSampleMultipleind.csv"))
for (ind in unique(grouped$indicator)) {
  x <- grouped[grouped$indicator == ind, ]
  x <- x[order(x$subgroup_order), ]
  high <- x$indicator_scale[1]
  for (m in c("wagstaff", "erreygers")) {
    r <- suppressMessages(rci(x$estimate, x$subgroup_order, pop = x$population, method = m,
                              lmin = 0, lmax = high))
    add(dataset = "OrderedSampleMultipleind", indicator = ind, measure = "rci",
        options = m, low = 0, high = high, estimate = r$estimate, se = r$se)
  }
  a <- suppressMessages(aci(x$estimate, x$subgroup_order, pop = x$population, lmin = 0,
                            lmax = high))
  add(dataset = "OrderedSampleMultipleind", indicator = ind, measure = "aci",
      options = "bounds", low = 0, high = high, estimate = a$estimate, se = a$se)
  est <- x$estimate
  scale <- max(ifelse(est <= 1, 1, ifelse(est <= 100, 100, ifelse(est <= 1000, 1000,
               ifelse(est <= 10000, 10000, ifelse(est <= 100000, 100000, 1e6))))))
  pop <- ceiling(x$population)
  rank <- (c(0, head(cumsum(pop), -1)) + 0.5 * pop) / sum(pop)
  y <- est / scale
  mod <- glm(y ~ rank, family = gaussian, weights = pop)
  v <- vcovHC(mod, type = "HC1")
  b <- unname(coef(mod))
  add(dataset = "OrderedSampleMultipleind", indicator = ind, measure = "sii",
      options = "linear", low = NA, high = NA, estimate = b[2] * scale, se = sqrt(v[2, 2]))
  g <- c(1 / (b[1] + b[2]) - 1 / b[1], 1 / (b[1] + b[2]))
  add(dataset = "OrderedSampleMultipleind", indicator = ind, measure = "rii",
      options = "linear", low = NA, high = NA, estimate = (b[1] + b[2]) / b[1],
      se = sqrt(drop(t(g) %*% v %*% g)))
}

survey_data <- read.csv(file.path(ref, "IndividualSample.csv"))
for (m in c("wagstaff", "erreygers")) {
  r <- suppressMessages(rci(survey_data$sba, survey_data$subgroup_order,
                            weight = survey_data$weight, psu = survey_data$psu,
                            strata = survey_data$strata, method = m, lmin = 0, lmax = 1))
  add(dataset = "IndividualSample", indicator = "sba", measure = "rci", options = m,
      low = 0, high = 1, estimate = r$estimate, se = r$se)
}
a <- suppressMessages(aci(survey_data$sba, survey_data$subgroup_order,
                          weight = survey_data$weight, psu = survey_data$psu,
                          strata = survey_data$strata, lmin = 0, lmax = 1))
add(dataset = "IndividualSample", indicator = "sba", measure = "aci", options = "bounds",
    low = 0, high = 1, estimate = a$estimate, se = a$se)

# A finite population correction: each stratum's population of PSUs, three times those
# sampled (the test builds the same column). Rows sorted by subgroup first: rci() and
# aci() do not reorder their fpc argument with the data, so unsorted rows would pair
# respondents with other strata's corrections.
s <- survey_data[order(survey_data$subgroup_order), ]
psus <- tapply(s$psu, s$strata, function(p) length(unique(p)))
s$fpc <- 3 * psus[as.character(s$strata)]
r <- suppressMessages(sii(s$sba, s$subgroup_order, weight = s$weight, psu = s$psu,
                          strata = s$strata, fpc = s$fpc))
# The SII on the indicator's scale, as HEAT reports it (and reference_values_computed.csv).
add(dataset = "IndividualSample", indicator = "sba", measure = "sii", options = "fpc",
    low = NA, high = NA, estimate = r$estimate * s$indicator_scale[1], se = r$se)
for (m in c("rci", "aci")) {
  f <- if (m == "rci") rci else aci
  r <- suppressMessages(f(s$sba, s$subgroup_order, weight = s$weight, psu = s$psu,
                          strata = s$strata, fpc = s$fpc))
  add(dataset = "IndividualSample", indicator = "sba", measure = m, options = "fpc",
      low = NA, high = NA, estimate = r$estimate, se = r$se)
}

out <- do.call(rbind, rows)
out$estimate <- sprintf("%.17g", out$estimate)
out$se <- sprintf("%.17g", out$se)
write.csv(out, args[3], row.names = FALSE, na = "")
