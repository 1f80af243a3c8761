#pragma once
// Maps a stream of items on several threads and hands the results back in input order, with a
// bounded number of items in flight (read ahead, being worked on, or waiting for an earlier one):
// memory stays flat however long the input is, and the caller can write results as a prefix of
// the input, which is what makes `notecoder batch` resumable.
#include <cstddef>
#include <functional>

namespace notecoder::app {

template <class Item, class Output>
struct OrderedJob {
  // Called on the calling thread; false at the end of the input.
  std::function<bool(Item&)> next;
  // Called on a worker thread; must be thread-safe.
  std::function<Output(Item&)> work;
  // Called on the calling thread, in input order; false stops the run (a write failed).
  std::function<bool(Output&)> emit;
};

struct OrderedRunOptions {
  int threads = 1;
  std::size_t window = 256;  // items in flight at most
};

// Returns false when `emit` stopped the run.
template <class Item, class Output>
bool RunOrdered(const OrderedRunOptions& options, const OrderedJob<Item, Output>& job);

}  // namespace notecoder::app

#include "app/ordered_runner_impl.hpp"
