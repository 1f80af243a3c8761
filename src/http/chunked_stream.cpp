#include "http/chunked_stream.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>

namespace notecoder::http {

namespace asio = boost::asio;
namespace beast_http = boost::beast::http;

// A client may send a little after its request (a pipelined request we will not answer); more
// than this while we stream is not a real client.
constexpr std::size_t kMaxBytesWhileStreaming = 64u << 10;

ChunkedStream::ChunkedStream(asio::ip::tcp::socket& socket, std::shared_ptr<void> owner,
                             std::function<void(bool)> deadline)
    : socket_(socket), owner_(std::move(owner)), deadline_(std::move(deadline)) {}

asio::awaitable<bool> ChunkedStream::Write(std::string data) {
  if (gone_ || finished_ || data.empty()) co_return !gone_ && !finished_;
  boost::system::error_code ec;
  deadline_(true);  // a client that stops reading is cut off after the request timeout
  co_await asio::async_write(socket_, beast_http::make_chunk(asio::buffer(data)),
                             asio::redirect_error(asio::use_awaitable, ec));
  deadline_(false);
  if (ec) MarkGone();
  co_return !ec;
}

void ChunkedStream::OnClientGone(std::function<void()> f) {
  if (gone_) {
    f();
    return;
  }
  on_gone_.push_back(std::move(f));
}

void ChunkedStream::WatchClient() {
  asio::co_spawn(socket_.get_executor(), Watch(shared_from_this()), asio::detached);
}

asio::awaitable<void> ChunkedStream::Watch(std::shared_ptr<ChunkedStream> self) {
  boost::system::error_code ec;
  std::size_t received = 0;
  while (!self->finished_ && received <= kMaxBytesWhileStreaming) {
    const std::size_t n = co_await self->socket_.async_read_some(
        asio::buffer(self->scratch_), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    received += n;
  }
  // EOF, reset, a closed socket, or a client that keeps sending: the stream has no listener.
  if (!self->finished_) self->MarkGone();
}

void ChunkedStream::MarkGone() {
  if (gone_) return;
  gone_ = true;
  auto callbacks = std::move(on_gone_);
  on_gone_.clear();
  for (auto& f : callbacks) f();
}

asio::awaitable<void> ChunkedStream::Finish() {
  if (!gone_ && !finished_) {
    boost::system::error_code ec;
    deadline_(true);
    co_await asio::async_write(socket_, beast_http::make_chunk_last(),
                               asio::redirect_error(asio::use_awaitable, ec));
    deadline_(false);
  }
  finished_ = true;
  on_gone_.clear();
}

}  // namespace notecoder::http
