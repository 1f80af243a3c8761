#pragma once
// Runs a coroutine to completion on the test's io_context (tests only). One context for the whole
// process: a client's pooled connections belong to the context they were opened on, so the
// context must outlive every client (as the service's io threads do).
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <optional>

namespace notecoder::testing {

template <class T>
T RunSync(boost::asio::awaitable<T> task) {
  static boost::asio::io_context ioc;
  ioc.restart();
  std::optional<T> out;
  std::exception_ptr failure;
  boost::asio::co_spawn(ioc, std::move(task), [&](std::exception_ptr e, T v) {
    failure = e;
    if (!e) out.emplace(std::move(v));
  });
  ioc.run();
  if (failure) std::rethrow_exception(failure);
  return std::move(*out);
}

}  // namespace notecoder::testing
