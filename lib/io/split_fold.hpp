#pragma once
// fold_groups on two threads for tools whose totals are sums (heq-rate, heq-prop): a
// large regular file is split at a line start past its middle, the second part is
// folded on another thread, and its groups are merged into the first part's, in order
// of first appearance (the first part's groups, then the second part's new ones).
//
// The result must be the bytes one thread gives. Floating-point addition is not
// associative, so the merge is used only when it cannot differ: every value added is a
// whole number (or missing), and their magnitudes together are at most 2^53. Then every
// partial sum, in any order, is a whole number that a double holds exactly. Otherwise,
// or if the second part hit anything at all (an error, a row the first thread would
// refuse), or a quoted field runs across the split, the second part's work is dropped
// and the first thread reads on past the split as if there had been none: errors name
// the same line, and the first one in the file is the one reported.
#include "core/parallel.hpp"
#include "io/groups.hpp"
#include "io/reader.hpp"

#include <atomic>
#include <cmath>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace heq::io {

// What a part's values allow: whether the sums of two parts may be merged.
class WholeSums {
 public:
  void note(double v) noexcept {
    if (v == std::floor(v))
      magnitude_ += std::fabs(v);  // exact while at most 2^53; past it, it stays past
    else if (!std::isnan(v))
      whole_ = false;
  }
  // Whether this part's sums may still be merged with another's (so worth folding on).
  bool may_merge() const noexcept { return whole_ && magnitude_ <= kExact; }
  // Whether two parts' sums, added, are the sums of one pass.
  friend bool mergeable(const WholeSums& a, const WholeSums& b) noexcept {
    return a.whole_ && b.whole_ && a.magnitude_ + b.magnitude_ <= kExact;
  }

 private:
  static constexpr double kExact = 9007199254740992.0;  // 2^53: every whole number to it
  double magnitude_ = 0;
  bool whole_ = true;
};

// A single pass keeps no tally.
struct NoTally {
  void note(double) noexcept {}
};

// Files smaller than this are not split: a second thread would not pay for itself.
inline constexpr std::size_t kSplitBytes = std::size_t{8} << 20;

// fold_groups, unsorted, with `add(total, reader, tally)` calling tally.note(v) for
// every value it adds, and `merge(total, other)` adding another part's total.
template <class Total, class Add, class Merge, class OnGroup>
void fold_sums(Reader& reader, GroupKeys& keys, bool sorted, unsigned threads, const Total& start,
               Add&& add, Merge&& merge, OnGroup&& on_group) {
  NoTally none;
  const auto plain = [&](Total& total, const Reader& r) { add(total, r, none); };
  std::unique_ptr<Reader> rest;
  if (!sorted && resolve_threads(threads) > 1) rest = reader.split_off(kSplitBytes);
  if (!rest) return fold_groups(reader, keys, sorted, start, plain, on_group);

  struct Part {
    std::vector<Total> totals;
    WholeSums tally;
    bool ok = false;
  };
  Part second;
  GroupKeys second_keys(*rest, keys.names());
  std::atomic<bool> stop{false};
  std::thread worker([&] {
    try {
      while (!stop.load(std::memory_order_relaxed) && rest->next()) {
        const std::size_t id = second_keys.assign(*rest);
        if (id == second.totals.size()) second.totals.push_back(start);
        add(second.totals[id], *rest, second.tally);
        if (!second.tally.may_merge()) return;  // no merge now: the first thread reads on
      }
      second.ok = !stop.load(std::memory_order_relaxed);
    } catch (...) {
      second.ok = false;  // the first thread meets it again, and reports it
    }
  });
  struct Join {  // however the first part ends, the worker is stopped and waited for
    std::thread& worker;
    std::atomic<bool>& stop;
    ~Join() {
      stop = true;
      if (worker.joinable()) worker.join();
    }
  } join{worker, stop};

  std::vector<Total> totals;
  WholeSums tally;
  bool told = false;  // the worker, once this part cannot be merged: its work is wasted
  while (reader.next()) {
    const std::size_t id = keys.assign(reader);
    if (id == totals.size()) totals.push_back(start);
    add(totals[id], reader, tally);
    if (!told && !tally.may_merge()) {
      told = true;
      stop = true;
    }
  }
  if (reader.at_fence()) {
    worker.join();
    if (second.ok && mergeable(tally, second.tally)) {
      for (std::size_t id = 0; id < second.totals.size(); ++id) {
        const std::size_t mine = keys.adopt(second_keys, id);
        if (mine == totals.size())
          totals.push_back(second.totals[id]);
        else
          merge(totals[mine], second.totals[id]);
      }
      reader.take_over(*rest);
    } else {
      reader.lift_fence();
      while (reader.next()) {
        const std::size_t id = keys.assign(reader);
        if (id == totals.size()) totals.push_back(start);
        plain(totals[id], reader);
      }
    }
  }
  for (std::size_t id = 0; id < totals.size(); ++id) on_group(id, totals[id]);
}

}  // namespace heq::io
