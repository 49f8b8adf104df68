#pragma once
// fold_groups on two threads for tools whose totals are sums (heq-rate, heq-prop): a
// regular file of 16 MiB or more is split at a line start past its middle, the second
// part is folded on another thread, and its groups are merged into the first part's, in
// order of first appearance (the first part's groups, then the second part's new ones),
// sorted (--sorted) or not.
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
#include "io/writer.hpp"

#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <thread>
#include <vector>

namespace heq::io {

// What a part's values allow: whether the sums of two parts may be merged.
class WholeSums {
 public:
  void note(double v) noexcept {
    // Whole when it survives a round trip through an integer (one instruction each way,
    // where std::floor is a call on baseline x86-64); beyond 2^63 every double is whole.
    const double a = std::fabs(v);
    if (a < 0x1p63) {
      if (static_cast<double>(static_cast<std::int64_t>(a)) == a)
        magnitude_ += a;  // exact while at most 2^53; past it, it stays past
      else
        whole_ = false;
    } else if (!std::isnan(a)) {
      magnitude_ += a;
    }
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

// However the first part ends, the worker is stopped and waited for.
struct StopAndJoin {
  std::thread& worker;
  std::atomic<bool>& stop;
  ~StopAndJoin() {
    stop = true;
    if (worker.joinable()) worker.join();
  }
};

// A single pass keeps no tally.
struct NoTally {
  void note(double) noexcept {}
};

// Files smaller than this are not split: a second thread would not pay for itself.
inline constexpr std::size_t kSplitBytes = std::size_t{8} << 20;
// The most output a worker holds in memory (Writer::part), so memory stays flat: a
// worker gives up (and the first thread reads on, and writes the rest itself) once it
// holds more, or once its first MiB of input says its part's output would be more.
inline constexpr std::size_t kPartBytes = std::size_t{16} << 20;
inline bool part_too_big(const Reader& rest, const Writer& part) {
  const double read = static_cast<double>(rest.bytes_read()),
               held = static_cast<double>(part.held());
  return part.held() > kPartBytes ||
         (read >= 0x1p20 && held / read * static_cast<double>(rest.part_bytes()) > kPartBytes);
}

// fold_groups with `add(total, reader, tally)` calling tally.note(v) for every value it
// adds, `merge(total, other)` adding another part's total, and
// `on_group(state, writer, key, total)` writing a group (State: what it counts, one per
// thread, the worker's a copy of `state` made before any row is read, so it must start
// empty; `merge_state(first, second)` adds the worker's to the first thread's). Sorted,
// the first part's groups are written as they end, as in one pass, and so are the second
// part's, by the worker into a part writer, except its first: that total is merged into
// the first part's last when the split fell inside that group, and written by the first
// thread before it appends the worker's rows. A group of the second part that came back
// there, or began in the first part already, is input that is not sorted: the first
// thread reads on and reports it at its line.
template <class Total, class State, class Add, class Merge, class OnGroup, class MergeState>
void fold_sums(Reader& reader, GroupKeys& keys, bool sorted, unsigned threads, Writer& out,
               State& state, const Total& start, Add&& add, Merge&& merge, OnGroup&& on_group,
               MergeState&& merge_state) {
  NoTally none;
  const auto plain = [&](Total& total, const Reader& r) { add(total, r, none); };
  const auto write = [&](std::size_t id, const Total& total) {
    on_group(state, out, keys.key(id), total);
  };
  std::unique_ptr<Reader> rest;
  if (resolve_threads(threads) > 1) rest = reader.split_off(kSplitBytes);
  if (!rest) return fold_groups(reader, keys, sorted, start, plain, write);

  // The worker's state, on the heap: away from the first thread's locals, which it
  // writes every row (a shared cache line would cost each thread a miss a row).
  struct Part {
    Part(const Reader& rest, const std::vector<std::string>& names, bool sorted, const Writer& like,
         const State& state)
        : keys(sorted ? GroupKeys::rest_of_split(rest, names) : GroupKeys(rest, names)),
          out(like.part()),
          state(state) {}
    GroupKeys keys;
    std::unique_ptr<Writer> out;  // sorted: the groups after its first, as they end
    State state;
    std::vector<Total> totals;  // sorted: only the first group's, handed back
    WholeSums tally;
    bool ok = false;
    std::atomic<bool> stop{false};
  };
  const auto part = std::make_unique<Part>(*rest, keys.names(), sorted, out, state);
  Part& second = *part;
  GroupKeys& second_keys = second.keys;
  std::atomic<bool>& stop = second.stop;
  std::thread worker([&] {
    try {
      // The running total and tally as locals, kept in registers, not in the Part.
      WholeSums tally;
      if (sorted) {
        // A group that comes back within the part is refused by its keys (an exception).
        constexpr std::size_t no_group = static_cast<std::size_t>(-1);
        std::size_t last = no_group;
        Total total = start;
        const auto finish_last = [&] {  // a group has ended; the first is handed back
          if (last == 0)
            second.totals.push_back(total);
          else if (last != no_group)
            on_group(second.state, *second.out, second_keys.key(last), total);
        };
        while (!stop.load(std::memory_order_relaxed) && rest->next()) {
          const std::size_t id = second_keys.assign(*rest);
          if (id != last) {
            finish_last();
            if (part_too_big(*rest, *second.out)) return;  // the first thread writes the rest
            total = start;
            last = id;
          }
          add(total, *rest, tally);
          if (!tally.may_merge()) return;  // no merge now: the first thread reads on
        }
        finish_last();
      } else {
        while (!stop.load(std::memory_order_relaxed) && rest->next()) {
          const std::size_t id = second_keys.assign(*rest);
          if (id == second.totals.size()) second.totals.push_back(start);
          add(second.totals[id], *rest, tally);
          if (!tally.may_merge()) return;  // no merge now: the first thread reads on
        }
      }
      second.tally = tally;
      second.ok = !stop.load(std::memory_order_relaxed);
    } catch (...) {
      second.ok = false;  // the first thread meets it again, and reports it
    }
  });
  const StopAndJoin join{worker, stop};

  WholeSums tally;
  bool told = false;  // the worker, once this part cannot be merged: its work is wasted
  const auto note = [&] {
    if (!told && !tally.may_merge()) {
      told = true;
      stop = true;
    }
  };
  if (sorted) {
    constexpr std::size_t no_group = static_cast<std::size_t>(-1);
    std::size_t current = no_group;
    Total total = start;
    const auto fold = [&](auto& row_tally) {
      const std::size_t id = keys.assign(reader);
      if (id != current) {
        if (current != no_group) write(current, total);
        total = start;
        current = id;
      }
      add(total, reader, row_tally);
    };
    while (reader.next()) {
      fold(tally);
      note();
    }
    if (reader.at_fence()) {
      worker.join();
      bool carries_on = false;
      if (second.ok && mergeable(tally, second.tally) && keys.may_follow(second_keys, carries_on)) {
        if (!second.totals.empty()) {
          if (carries_on) {
            merge(total, second.totals[0]);
          } else {
            if (current != no_group) write(current, total);
            current = keys.follow_first(second_keys);
            total = second.totals[0];
          }
          write(current, total);
          current = no_group;
          // The worker wrote the rest. The input ends with them: their keys need not be
          // followed here.
          out.append(*second.out);
          merge_state(state, second.state);
        }
        reader.take_over(*rest);
      } else {
        reader.lift_fence();
        while (reader.next()) fold(none);
      }
    }
    if (current != no_group) write(current, total);
    return;
  }

  std::vector<Total> totals;
  while (reader.next()) {
    const std::size_t id = keys.assign(reader);
    if (id == totals.size()) totals.push_back(start);
    add(totals[id], reader, tally);
    note();
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
  for (std::size_t id = 0; id < totals.size(); ++id) write(id, totals[id]);
}

}  // namespace heq::io
