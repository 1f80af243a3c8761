#pragma once
// Runs coroutines to completion on a test's io_context. The context is stopped when they finish,
// since Redis connections keep waits armed on their sockets.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <optional>
#include <vector>

namespace notecoder::testing {

template <class T>
boost::asio::awaitable<void> StoreInto(boost::asio::awaitable<T> aw, std::optional<T>* out) {
  out->emplace(co_await std::move(aw));
}

inline void RunAll(boost::asio::io_context& io, std::vector<boost::asio::awaitable<void>> tasks) {
  std::size_t left = tasks.size();
  std::exception_ptr failure;
  for (auto& t : tasks) {
    boost::asio::co_spawn(io, std::move(t), [&](std::exception_ptr e) {
      if (e && !failure) failure = e;
      if (--left == 0) io.stop();
    });
  }
  if (left == 0) return;
  io.restart();
  io.run();
  if (failure) std::rethrow_exception(failure);
}

template <class T>
T RunCo(boost::asio::io_context& io, boost::asio::awaitable<T> aw) {
  std::optional<T> out;
  std::vector<boost::asio::awaitable<void>> tasks;
  tasks.push_back(StoreInto(std::move(aw), &out));
  RunAll(io, std::move(tasks));
  return std::move(*out);
}

inline void RunCo(boost::asio::io_context& io, boost::asio::awaitable<void> aw) {
  std::vector<boost::asio::awaitable<void>> tasks;
  tasks.push_back(std::move(aw));
  RunAll(io, std::move(tasks));
}

}  // namespace notecoder::testing
