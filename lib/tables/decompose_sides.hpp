#pragma once
// heq-decompose's input, shared by its Arriaga and SII paths: rows of one --by group,
// gathered into each subgroup's age bands (checked: a band once, one population per band).
#include "io/groups.hpp"
#include "io/reader.hpp"
#include "life/chiang.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace heq::gap::detail {

struct Row {
  std::string subgroup;
  std::string cause;
  double quantile = 0;  // with --measure sii
  double age, deaths, population, prevalence;
  std::size_t line;
};

// One side's bands: total deaths and population per start age, and deaths by cause.
struct Side {
  std::vector<life::Band> bands;
  std::vector<std::vector<double>> cause_deaths;  // [band][cause]
  std::vector<double> healthy;                    // 1 - prevalence, with --health
};

// One subgroup's rows as bands sorted by age; DataError for a band twice or a cause row
// whose population (or prevalence) differs from the band's.
Side gather(const std::vector<const Row*>& rows, const std::vector<std::string>& causes,
            const io::Reader& in, std::size_t pop_col);

bool same_layout(const std::vector<life::Band>& a, const std::vector<life::Band>& b);

// Reads the groups and calls decompose(key, rows, base, other) for each group's --from and
// --to, or with `against` for every other subgroup against that one, in input order.
template <class MakeRow, class Decompose>
void for_each_pair(io::Reader& in, io::GroupKeys& keys, bool sorted, const std::string& from,
                   const std::string& to, const std::string& against, MakeRow&& make_row,
                   Decompose&& decompose) {
  io::for_each_group<Row>(
      in, keys, sorted, make_row, [&](std::size_t group, std::vector<Row>& rows) {
        const std::vector<std::string>& key = keys.key(group);
        if (against.empty()) return decompose(key, rows, from, to);
        std::vector<std::string> others;
        for (const Row& r : rows)
          if (r.subgroup != against &&
              std::find(others.begin(), others.end(), r.subgroup) == others.end())
            others.push_back(r.subgroup);
        for (const std::string& other : others) decompose(key, rows, against, other);
      });
}

}  // namespace heq::gap::detail
