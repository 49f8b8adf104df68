#pragma once
// for_each_group with --sorted on two threads, for tools whose output for a group comes
// from that group's rows alone (heq-life): a regular file of 16 MiB or more is split at a
// line start past its middle (Reader::split_off), and a worker runs the method on the
// second part's groups into a part writer in memory (Writer::part), while the first
// thread runs it on the first part's, writing as one thread does. At the split, the
// second part's first group is handed back (it may carry on the first part's last), and
// the worker's rows are appended.
//
// The result must be the bytes one thread gives. So the worker's work is dropped, and the
// first thread reads on past the split as if there had been none, whenever the worker met
// anything at all: an error (the first thread then reports the first one in the file, at
// its line), a group that came back or began in the first part (input not sorted), a
// quoted field across the split, or more than kPartBytes of output (memory stays flat:
// a run that writes every age of a national file is written by one thread).
//
// State: what the method keeps from group to group (scratch, counts for its warnings),
// one per thread (the worker's copied from `state` before any row is read: a copy must
// hold no pointer into the original); merge(first, second) folds the worker's into the first
// thread's after both parts, as if one thread had seen every group.
#include "core/parallel.hpp"
#include "io/groups.hpp"
#include "io/reader.hpp"
#include "io/split_fold.hpp"
#include "io/writer.hpp"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace heq::io {

// on_group(state, writer, key, rows): the group's key values and its rows (a scratch
// vector it may reorder), written to `writer`.
template <class Row, class State, class MakeRow, class OnGroup, class Merge>
void for_each_group_split(Reader& reader, GroupKeys& keys, bool sorted, unsigned threads,
                          Writer& out, State& state, MakeRow&& make_row, OnGroup&& on_group,
                          Merge&& merge) {
  std::unique_ptr<Reader> rest;
  if (sorted && resolve_threads(threads) > 1) rest = reader.split_off(kSplitBytes);
  if (!rest)
    return for_each_group<Row>(reader, keys, sorted, make_row,
                               [&](std::size_t group, std::vector<Row>& rows) {
                                 on_group(state, out, keys.key(group), rows);
                               });

  struct Part {  // the worker's, on the heap: no cache line shared with the first thread's
    Part(const Reader& rest, const std::vector<std::string>& names, const Writer& like,
         const State& state)
        : keys(GroupKeys::rest_of_split(rest, names)), out(like.part()), state(state) {}
    GroupKeys keys;  // a group that comes back within the part is refused (an exception)
    std::unique_ptr<Writer> out;
    State state;
    std::vector<Row> head;  // the part's first group, for the first thread
    bool ok = false;
    std::atomic<bool> stop{false};
  };
  const auto part = std::make_unique<Part>(*rest, keys.names(), out, state);
  Part& second = *part;
  std::thread worker([&] {
    try {
      constexpr std::size_t none = static_cast<std::size_t>(-1);
      std::size_t current = none;
      std::vector<Row> rows;
      const auto hand_on = [&] {
        if (current == 0)
          second.head.swap(rows);
        else
          on_group(second.state, *second.out, second.keys.key(current), rows);
      };
      while (!second.stop.load(std::memory_order_relaxed) && rest->next()) {
        const std::size_t id = second.keys.assign(*rest);
        if (id != current) {
          if (current != none) hand_on();
          if (part_too_big(*rest, *second.out)) return;
          rows.clear();
          current = id;
        }
        append_made(rows, make_row, *rest);
      }
      if (current != none) hand_on();
      second.ok = !second.stop.load(std::memory_order_relaxed);
    } catch (...) {
      second.ok = false;  // the first thread meets it again, and reports it
    }
  });
  const StopAndJoin join{worker, second.stop};

  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t current = none;
  std::vector<Row> rows;
  const auto read = [&] {
    while (reader.next()) {
      const std::size_t id = keys.assign(reader);
      if (id != current) {
        if (current != none) on_group(state, out, keys.key(current), rows);
        rows.clear();
        current = id;
      }
      append_made(rows, make_row, reader);
    }
  };
  read();
  if (reader.at_fence()) {
    worker.join();
    bool carries_on = false;
    if (second.ok && keys.may_follow(second.keys, carries_on)) {
      if (second.keys.size() > 0) {
        if (!carries_on) {
          if (current != none) on_group(state, out, keys.key(current), rows);
          rows.clear();
          current = keys.follow_first(second.keys);
        }
        rows.insert(rows.end(), second.head.begin(), second.head.end());
        // The head group is the first of the second part's, written before its others.
        // The input ends with those: their keys need not be followed here.
        on_group(state, out, keys.key(current), rows);
        current = none;
        out.append(*second.out);
        merge(state, second.state);
      }
      reader.take_over(*rest);
    } else {
      reader.lift_fence();
      read();
    }
  }
  if (current != none) on_group(state, out, keys.key(current), rows);
}

}  // namespace heq::io
