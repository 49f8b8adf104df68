#include "life/chiang.hpp"
#include "core/missing.hpp"

#include "core/age_label.hpp"
#include "core/number.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace heq::life {

namespace {

std::string age_text(double age) { return heq::format_number(age); }

}  // namespace

const std::vector<double>& phe_layout() {
  static const std::vector<double> ages = [] {
    std::vector<double> v{0, 1};
    for (int x = 5; x <= 90; x += 5) v.push_back(x);
    return v;
  }();
  return ages;
}

std::string describe_layout(std::span<const double> ages) {
  std::string s;
  const std::size_t n = ages.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (n > 5 && i == 3) {
      s += "..., ";
      i = n - 1;
    }
    s += age_text(ages[i]);
    s += i + 1 == n ? "+" : ", ";
  }
  return fmt::format("{} ({} band{})", s, n, n == 1 ? "" : "s");
}

double a0_from_m0(double m0, Sex sex, A0Rule rule) {
  const bool male = sex == Sex::male;
  if (rule == A0Rule::coale_demeny) {
    if (m0 >= 0.107) return male ? 0.330 : 0.350;
    return male ? 0.045 + 2.684 * m0 : 0.053 + 2.800 * m0;
  }
  if (male)
    return m0 < 0.0230 ? 0.14929 - 1.99545 * m0 : m0 < 0.08307 ? 0.02832 + 3.26201 * m0 : 0.29915;
  return m0 < 0.01724 ? 0.14903 - 2.05527 * m0 : m0 < 0.06891 ? 0.04667 + 3.88089 * m0 : 0.31411;
}

namespace {

// Tables of death rates (--rate) have their own rules: deaths and populations may be
// absent, and what the package checks of them cannot be checked.
std::string check_rates(std::span<const Band> bands) {
  for (const Band& b : bands) {
    if (std::isnan(b.rate)) return fmt::format("age band {} has no death rate", age_text(b.age));
    if (b.rate < 0) return fmt::format("age band {} has a negative death rate", age_text(b.age));
    if (b.population <= 0)
      return fmt::format("age band {} has a zero or negative population", age_text(b.age));
  }
  return "";
}

std::string check_counts(std::span<const Band> bands) {
  for (const Band& b : bands)
    if (std::isnan(b.deaths))
      return fmt::format("age band {} has no deaths count", age_text(b.age));
  for (const Band& b : bands)
    if (std::isnan(b.population))
      return fmt::format("age band {} has no population", age_text(b.age));
  // 1. negative deaths
  for (const Band& b : bands)
    if (b.deaths < 0) return fmt::format("age band {} has negative deaths", age_text(b.age));
  // 2. zero or negative population
  for (const Band& b : bands)
    if (b.population <= 0)
      return fmt::format("age band {} has a zero or negative population", age_text(b.age));
  return "";
}

}  // namespace

std::string check_layout(std::span<const double> starts, std::span<const double> ends,
                         const Layout& layout) {
  if (starts.empty()) return "no age bands";
  const auto has_layout = [&](const std::vector<double>& want) {
    return std::equal(starts.begin(), starts.end(), want.begin(), want.end());
  };
  if (layout.rule == LayoutRule::phe && !has_layout(phe_layout()))
    return fmt::format("--bands phe needs the 20 bands 0, 1, 5, ..., 90+; this group has {}",
                       describe_layout(starts));
  if (layout.rule == LayoutRule::list && !has_layout(layout.ages))
    return fmt::format("--bands needs {}; this group has {}", describe_layout(layout.ages),
                       describe_layout(starts));
  if (starts.front() != layout.first_age)
    return layout.first_age == 0
               ? fmt::format("age bands must start at 0; this group starts at {}",
                             age_text(starts.front()))
               : fmt::format("age bands must start at {} (--first-age); this group starts at {}",
                             age_text(layout.first_age), age_text(starts.front()));
  return missing_band(starts, ends, true);
}

std::string check(std::span<const Band> bands, const Layout& layout) {
  thread_local std::vector<double> starts, ends;  // no allocation per group
  starts.clear();
  ends.clear();
  for (const Band& b : bands) {
    starts.push_back(b.age);
    ends.push_back(b.end);
  }
  return check_known_layout(bands, check_layout(starts, ends, layout));
}

namespace {

struct CleanTotal {
  bool clean;
  double total;  // of the populations, in band order
};

// Apart from the words: in a function of its own, its sums stay in registers (inside the
// caller's they went through the stack, band by band).
[[gnu::noinline]] CleanTotal clean_and_total(std::span<const Band> bands, bool rates) {
  bool clean = true;
  double total = 0;
  for (const Band& b : bands) {
    clean &= rates ? b.rate >= 0 && !(b.population <= 0)  // a rate may come without one
                   : b.deaths >= 0 && b.population > 0 && b.deaths <= b.population;
    total += b.population;
  }
  return {clean, total};
}

}  // namespace

std::string check_known_layout(std::span<const Band> bands, std::string_view layout_verdict) {
  if (bands.empty()) return "no age bands";
  const bool rates = !std::isnan(bands.front().rate);
  // One pass finds whether any rule of 1, 2 and 4 fails (NaN compares false, so a
  // missing count fails `clean` too); only then are they gone through in order for words.
  const auto [clean, total] = clean_and_total(bands, rates);
  if (!clean) {
    if (std::string why = rates ? check_rates(bands) : check_counts(bands); !why.empty())
      return why;
  }
  // 3. the band layout
  if (!layout_verdict.empty()) return std::string(layout_verdict);
  // 4. more deaths than population
  if (!clean)
    for (const Band& b : bands)
      if (!rates && b.deaths > b.population)
        return fmt::format("age band {} has more deaths ({}) than population ({})", age_text(b.age),
                           heq::format_number(b.deaths), heq::format_number(b.population));
  // 5. total population of 5,000 or less (not knowable from rates alone)
  if (!(rates && std::isnan(total)) && total <= 5000)
    return fmt::format("total population {} is 5000 or less", heq::format_number(total));
  // Not checked by the package, which then returns Inf or NaN.
  if (rates ? bands.back().rate == 0 : bands.back().deaths == 0)
    return fmt::format("no deaths in the open age band ({}+): its death rate is 0",
                       age_text(bands.back().age));
  return "";
}

LifeTable build(std::span<const Band> bands, double a0) {
  LifeTable t;
  build(bands, a0, t);
  return t;
}

void build(std::span<const Band> bands, double a0, LifeTable& t) {
  const std::size_t k = bands.size();
  const std::size_t last = k - 1;
  // The same table is rebuilt group after group: resized (when its size changes), not
  // refilled, as every entry is written below.
  if (t.age.size() != k)
    for (auto* v :
         {&t.age, &t.n, &t.m, &t.a, &t.q, &t.p, &t.l, &t.d, &t.L, &t.T, &t.e, &t.variance})
      v->resize(k);
  double *__restrict age = t.age.data(), *__restrict n = t.n.data(), *__restrict m = t.m.data(),
                     *__restrict a = t.a.data(), *__restrict q = t.q.data(),
                     *__restrict p = t.p.data(), *__restrict l = t.l.data(),
                     *__restrict d = t.d.data(), *__restrict L = t.L.data(),
                     *__restrict T = t.T.data(), *__restrict e = t.e.data(),
                     *__restrict variance = t.variance.data();
  bool deaths = true;  // death rates without deaths have no sampling variance to give
  double lx = kRadix;
  const auto m_of = [](const Band& b) {  // the death rate given, or deaths / population
    return std::isnan(b.rate) ? b.deaths / b.population : b.rate;
  };
  const auto closed = [&](std::size_t i, double ai) __attribute__((always_inline)) {
    const Band& b = bands[i];
    const bool rate = !std::isnan(b.rate);
    deaths &= !std::isnan(b.deaths);
    const double mi = m_of(b);
    const double ni = bands[i + 1].age - b.age;
    // q = 1 when deaths exceed what the band's width and a allow (the v1.3.0 rule).
    const bool within = rate ? mi <= 1 / (ni * ai) : b.deaths <= b.population / (ni * ai);
    const double qi = within ? ni * mi / (1 + ni * mi * (1 - ai)) : 1;
    age[i] = b.age;
    n[i] = ni;
    m[i] = mi;
    a[i] = ai;
    q[i] = qi;
    p[i] = 1 - qi;
    l[i] = lx;
    lx *= p[i];
  };
  const auto a_of = [a0](double start) { return start == 0 ? a0 : 0.5; };
  // The closed bands, then the open one (no width; everyone dies in it: q = 1). Past the
  // first band, ages above 0 (as they are when the first is 0 or more) have a = 0.5.
  std::size_t i = 0;
  if (last > 0) {
    closed(0, a_of(bands[0].age));
    i = 1;
  }
  if (last > 1 && bands[1].age > 0)
    for (; i < last; ++i) closed(i, 0.5);
  for (; i < last; ++i) closed(i, a_of(bands[i].age));
  const Band& open = bands[last];
  deaths &= !std::isnan(open.deaths);
  age[last] = open.age;
  n[last] = kMissing;
  m[last] = m_of(open);
  a[last] = a_of(open.age);
  q[last] = 1;
  p[last] = 0;
  l[last] = lx;
  // The open band is closed with L = l / M.
  d[last] = l[last];
  L[last] = l[last] / m[last];
  double tail = L[last];
  T[last] = tail;
  e[last] = l[last] > 0 ? T[last] / l[last] : 0;
  const auto expectancy = [&](std::size_t i) __attribute__((always_inline)) {
    const double next = l[i + 1];
    d[i] = l[i] - next;
    L[i] = n[i] * (next + a[i] * d[i]);
    tail += L[i];
    T[i] = tail;
    e[i] = l[i] > 0 ? T[i] / l[i] : 0;
  };
  if (!deaths) {
    for (std::size_t j = last; j-- > 0;) expectancy(j);
    for (std::size_t j = 0; j < k; ++j) variance[j] = kMissing;
    return;
  }
  // Var(e_x) = sum_{j >= x} W_j / l_x^2 (Chiang; Silcocks et al. for the open band).
  double w_sum = l[last] * l[last] / (open.deaths * m[last] * m[last]);
  variance[last] = l[last] > 0 ? w_sum / (l[last] * l[last]) : kMissing;
  for (std::size_t j = last; j-- > 0;) {
    expectancy(j);
    const double dj = bands[j].deaths;
    const double sp2 = dj > 0 && d[j] > 0 ? q[j] * q[j] * (1 - q[j]) / dj : 0;
    const double lever = (1 - a[j]) * n[j] + e[j + 1];
    w_sum += sp2 * l[j] * l[j] * lever * lever;
    variance[j] = l[j] > 0 ? w_sum / (l[j] * l[j]) : kMissing;
  }
}

Lifespan no_lifespan() {
  Lifespan s;
  for (double* v :
       {&s.edagger, &s.gini, &s.theil, &s.h, &s.gini_rl, &s.theil_rl, &s.mld_aad, &s.mld_rl,
        &s.variance, &s.sd, &s.cov_aad, &s.cov_rl, &s.aid, &s.q25, &s.median, &s.q75, &s.iqr})
    *v = kMissing;
  return s;
}

namespace {

// The age by which a share p of those alive at band k have died: l(y) = (1 - p) l_k.
double age_at_death_quantile(const LifeTable& t, std::size_t k, double p) {
  const std::size_t last = t.size() - 1;
  const double target = (1 - p) * t.l[k];
  for (std::size_t i = k; i < last; ++i)
    if (t.l[i + 1] <= target) return t.age[i] + t.n[i] * (t.l[i] - target) / (t.l[i] - t.l[i + 1]);
  return t.age[last] + std::log(t.l[last] / target) / t.m[last];  // l falls as exp(-M t)
}

}  // namespace

Lifespan lifespan(const LifeTable& t, std::size_t k) {
  const std::size_t last = t.size() - 1;
  const double lx = t.l[k];
  if (!(lx > 0)) return no_lifespan();
  const double x = t.age[k], ex = t.e[k], mean_age = x + ex;
  Lifespan s = no_lifespan();
  double edagger = 0, pairs = 0, theil = 0, theil_rl = 0, mld = 0, mld_rl = 0, variance = 0;
  double below_f = 0, below_fa = 0;  // sums of f and f*A over younger bands
  bool zero_life = false;
  for (std::size_t i = k; i <= last; ++i) {
    const double f = t.d[i] / lx;
    // Mean age at death in the band; in the open band the hazard is constant, so those
    // dying there live 1/M on average and lose e_omega = 1/M (memoryless).
    const double age_at_death = i < last ? t.age[i] + t.a[i] * t.n[i] : t.age[i] + 1 / t.m[i];
    const double remaining = i < last ? t.e[i] + t.a[i] * (t.e[i + 1] - t.e[i]) : t.e[i];
    edagger += f * remaining;
    pairs += f * (age_at_death * below_f - below_fa);  // ages at death increase with i
    below_f += f;
    below_fa += f * age_at_death;
    variance += f * (age_at_death - mean_age) * (age_at_death - mean_age);
    if (f > 0) {
      const double r = age_at_death / mean_age, rl = (age_at_death - x) / ex;
      theil += f * r * std::log(r);
      mld -= f * std::log(r);
      if (rl > 0) {
        theil_rl += f * rl * std::log(rl);
        mld_rl -= f * std::log(rl);
      } else {
        zero_life = true;
      }
    }
  }
  s.edagger = edagger;
  s.gini = pairs / mean_age;
  s.theil = theil;
  s.h = edagger / ex;
  s.gini_rl = pairs / ex;
  s.aid = pairs;
  s.theil_rl = theil_rl;
  s.mld_aad = mld;
  s.mld_rl = zero_life ? kMissing : mld_rl;  // ln(e / 0): infinite
  s.variance = variance;
  s.sd = std::sqrt(variance);
  s.cov_aad = s.sd / mean_age;
  s.cov_rl = s.sd / ex;
  s.q25 = age_at_death_quantile(t, k, 0.25);
  s.median = age_at_death_quantile(t, k, 0.5);
  s.q75 = age_at_death_quantile(t, k, 0.75);
  s.iqr = s.q75 - s.q25;
  return s;
}

}  // namespace heq::life
