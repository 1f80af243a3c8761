// RunOrdered keeps input order whatever order the workers finish in, and stops when emit fails;
// PlanLines splits a file into shards that cover every line once.
#include "app/ordered_runner.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>
#include <vector>

#include "app/batch_plan.hpp"

namespace notecoder::app {
namespace {

TEST(OrderedRunner, EmitsInInputOrderWithBoundedWindow) {
  int next = 0;
  std::vector<int> out;
  std::atomic<int> in_work{0};
  int max_in_flight = 0;
  OrderedJob<int, int> job;
  job.next = [&](int& item) {
    if (next == 500) return false;
    item = next++;
    max_in_flight = std::max(max_in_flight, next - static_cast<int>(out.size()));
    return true;
  };
  job.work = [&](int& item) {
    thread_local std::mt19937 rng(std::random_device{}());
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 200));
    return item * 2;
  };
  job.emit = [&](int& v) {
    out.push_back(v);
    return true;
  };
  EXPECT_TRUE(RunOrdered(OrderedRunOptions{4, 16}, job));
  ASSERT_EQ(out.size(), 500u);
  for (int i = 0; i < 500; ++i) ASSERT_EQ(out[i], i * 2);
  EXPECT_LE(max_in_flight, 16);
}

TEST(OrderedRunner, StopsWhenEmitFails) {
  int next = 0;
  int emitted = 0;
  OrderedJob<int, int> job;
  job.next = [&](int& item) {
    item = next++;
    return true;  // endless input: only the failed emit ends the run
  };
  job.work = [](int& item) { return item; };
  job.emit = [&](int&) { return ++emitted < 10; };
  EXPECT_FALSE(RunOrdered(OrderedRunOptions{2, 8}, job));
  EXPECT_EQ(emitted, 10);
}

TEST(BatchPlan, ShardsCoverEveryLineExactlyOnce) {
  for (const std::size_t total : {0u, 1u, 7u, 100u, 1001u}) {
    std::size_t expect_first = 1;
    for (int i = 0; i < 7; ++i) {
      auto r = PlanLines(total, 0, 0, std::to_string(i) + "/7");
      ASSERT_TRUE(r.ok());
      EXPECT_EQ(r->first, expect_first);
      expect_first = r->last + 1;
    }
    EXPECT_EQ(expect_first, total + 1);
  }
  EXPECT_FALSE(PlanLines(10, 0, 0, "7/7").ok());
  EXPECT_FALSE(PlanLines(10, 0, 0, "1/x").ok());
  EXPECT_FALSE(PlanLines(10, 2, 0, "0/2").ok());
  EXPECT_FALSE(PlanLines(10, 5, 3, "").ok());
  auto range = PlanLines(10, 3, 50, "");
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->first, 3u);
  EXPECT_EQ(range->last, 10u);
}

}  // namespace
}  // namespace notecoder::app
