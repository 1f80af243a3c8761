#pragma once
// RunOrdered's body (a template, so in a header); see ordered_runner.hpp.
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace notecoder::app {

template <class Item, class Output>
bool RunOrdered(const OrderedRunOptions& options, const OrderedJob<Item, Output>& job) {
  const std::size_t window = std::max<std::size_t>(options.window, 1);
  std::mutex mutex;
  std::condition_variable work_ready;  // a queued item or the end, for workers
  std::condition_variable done_ready;  // a finished item, for the calling thread
  std::deque<std::pair<std::size_t, Item>> queue;
  std::vector<std::optional<Output>> slots(window);  // finished items by sequence % window
  std::size_t read_seq = 0;                          // items taken from `next`
  std::size_t write_seq = 0;                         // items handed to `emit`
  bool input_done = false;
  bool stop = false;

  std::vector<std::thread> workers;
  for (int i = 0; i < std::max(options.threads, 1); ++i) {
    workers.emplace_back([&] {
      std::unique_lock lock(mutex);
      for (;;) {
        work_ready.wait(lock, [&] { return stop || input_done || !queue.empty(); });
        if (stop || queue.empty()) return;  // stopped, or the input ended and all is taken
        auto [seq, item] = std::move(queue.front());
        queue.pop_front();
        lock.unlock();
        Output out = job.work(item);
        lock.lock();
        slots[seq % window] = std::move(out);
        if (seq == write_seq) done_ready.notify_one();
      }
    });
  }

  bool ok = true;
  bool exhausted = false;
  std::unique_lock lock(mutex);
  for (;;) {
    // Hand over every result that is next in order.
    while (slots[write_seq % window].has_value()) {
      Output out = std::move(*slots[write_seq % window]);
      slots[write_seq % window].reset();
      lock.unlock();
      const bool emitted = job.emit(out);
      lock.lock();
      ++write_seq;
      if (!emitted) {
        ok = false;
        break;
      }
    }
    if (!ok || (exhausted && write_seq == read_seq)) break;
    if (!exhausted && read_seq - write_seq < window) {
      lock.unlock();
      Item item;
      const bool more = job.next(item);
      lock.lock();
      if (!more) {
        exhausted = true;
        input_done = true;
        work_ready.notify_all();
      } else {
        queue.emplace_back(read_seq++, std::move(item));
        work_ready.notify_one();
      }
      continue;
    }
    done_ready.wait(lock, [&] { return slots[write_seq % window].has_value(); });
  }
  stop = true;
  work_ready.notify_all();
  lock.unlock();
  for (auto& t : workers) t.join();
  return ok;
}

}  // namespace notecoder::app
