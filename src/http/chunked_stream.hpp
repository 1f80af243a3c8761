#pragma once
// A streamed reply on one connection: each Write is one HTTP/1.1 chunk, and a background read
// notices the client leaving (EOF or reset) while the stream waits for work, not only at its
// next write. Lives on the connection's single-threaded executor.
#include <array>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <functional>
#include <memory>
#include <vector>

#include "http/message.hpp"

namespace notecoder::http {

class ChunkedStream final : public StreamWriter,
                            public std::enable_shared_from_this<ChunkedStream> {
 public:
  // `owner` keeps `socket` alive while a read is pending; `deadline(true)` arms the connection's
  // write deadline, `deadline(false)` clears it.
  ChunkedStream(boost::asio::ip::tcp::socket& socket, std::shared_ptr<void> owner,
                std::function<void(bool)> deadline);

  boost::asio::awaitable<bool> Write(std::string data) override;
  bool client_gone() const override { return gone_; }
  void OnClientGone(std::function<void()> f) override;

  // Starts the background read (call once, after the header is written).
  void WatchClient();
  // Ends the body with the last chunk when the client is still there.
  boost::asio::awaitable<void> Finish();

 private:
  static boost::asio::awaitable<void> Watch(std::shared_ptr<ChunkedStream> self);
  void MarkGone();

  boost::asio::ip::tcp::socket& socket_;
  std::shared_ptr<void> owner_;
  std::function<void(bool)> deadline_;
  bool gone_ = false;
  bool finished_ = false;
  std::vector<std::function<void()>> on_gone_;
  std::array<char, 4096> scratch_{};  // bytes a client sends mid-stream are read and dropped
};

}  // namespace notecoder::http
