#include "cache/redis_client.hpp"

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>

namespace notecoder::cache {
namespace {
namespace asio = boost::asio;
}  // namespace

// What a pipeline ends with. Default-constructible, so it can travel through any handler.
struct PipelineOutcome {
  std::vector<RedisReply> replies;
  std::optional<Error> error;
};

struct RedisClient::Op {
  explicit Op(const asio::any_io_executor& strand) : timer(strand) {}
  asio::any_completion_handler<void(PipelineOutcome)> handler;
  asio::any_io_executor caller;
  asio::steady_timer timer;  // on the strand
  PipelineOutcome outcome;
  std::size_t remaining = 0;
  bool done = false;

  // On the strand; the handler runs on the caller's executor.
  void Complete(std::optional<Error> error) {
    if (done) return;
    done = true;
    timer.cancel();
    outcome.error = std::move(error);
    asio::post(caller, [h = std::move(handler), o = std::move(outcome)]() mutable {
      std::move(h)(std::move(o));
    });
  }
};

RedisClient::RedisClient(asio::any_io_executor strand, Options options)
    : strand_(std::move(strand)), options_(std::move(options)) {
  for (int i = 0; i < std::max(1, options_.pool_size); ++i) {
    auto link_options = options_.link;
    link_options.connect_timeout = options_.connect_timeout;
    links_.push_back(std::make_shared<RedisLink>(strand_, options_.url, link_options));
  }
}

std::shared_ptr<RedisClient> RedisClient::Create(asio::any_io_executor executor, Options options) {
  return std::shared_ptr<RedisClient>(
      new RedisClient(asio::make_strand(std::move(executor)), std::move(options)));
}

RedisClient::~RedisClient() {
  for (auto& l : links_) l->Close();
}

void RedisClient::Close() {
  asio::dispatch(strand_, [self = shared_from_this()] {
    for (auto& l : self->links_) l->Close();
  });
}

asio::awaitable<Result<std::vector<RedisReply>>> RedisClient::Pipeline(
    std::vector<std::vector<std::string>> commands, Clock::time_point deadline) {
  auto wait = asio::async_initiate<const asio::use_awaitable_t<>&, void(PipelineOutcome)>(
      [self = shared_from_this(), deadline, &commands](auto handler) mutable {
        auto op = std::make_shared<Op>(self->strand_);
        op->caller = asio::get_associated_executor(handler);
        // swap, not move-assignment: Boost 1.81's operator=(any_completion_handler&&) wraps its
        // argument as an lvalue and recurses without end.
        asio::any_completion_handler<void(PipelineOutcome)> h(std::move(handler));
        op->handler.swap(h);
        op->timer.expires_at(std::min(deadline, Clock::now() + self->options_.command_timeout));
        asio::post(self->strand_, [self, op, cmds = std::move(commands)]() mutable {
          self->Submit(std::move(op), std::move(cmds));
        });
      },
      asio::use_awaitable);
  PipelineOutcome outcome = co_await std::move(wait);
  if (outcome.error) co_return std::move(*outcome.error);
  co_return std::move(outcome.replies);
}

asio::awaitable<Result<RedisReply>> RedisClient::Command(std::vector<std::string> args,
                                                         Clock::time_point deadline) {
  std::vector<std::vector<std::string>> one;
  one.push_back(std::move(args));
  auto call = Pipeline(std::move(one), deadline);
  auto replies = co_await std::move(call);
  if (!replies.ok()) co_return replies.error();
  co_return std::move(replies.value().front());
}

void RedisClient::Submit(std::shared_ptr<Op> op, std::vector<std::vector<std::string>> commands) {
  if (commands.empty()) {
    op->Complete(std::nullopt);
    return;
  }
  const auto now = Clock::now();
  if (op->timer.expiry() <= now) {
    op->Complete(MakeError(ErrorCode::kDeadlineExceeded, "redis: deadline passed before sending"));
    return;
  }
  // Round robin over the usable connections; all commands of one pipeline share one.
  RedisLink* link = nullptr;
  for (std::size_t i = 0; i < links_.size() && link == nullptr; ++i) {
    auto& candidate = links_[(next_ + i) % links_.size()];
    if (candidate->Usable(now)) link = candidate.get();
  }
  ++next_;
  if (link == nullptr) {
    op->Complete(MakeError(ErrorCode::kUnavailable, "redis: no usable connection"));
    return;
  }
  op->timer.async_wait([op](boost::system::error_code ec) {
    if (!ec) op->Complete(MakeError(ErrorCode::kDeadlineExceeded, "redis: no reply in time"));
  });
  op->remaining = commands.size();
  op->outcome.replies.resize(commands.size());
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const bool sent = link->Send(std::move(commands[i]), [op, i](std::optional<RedisReply> r) {
      if (op->done) return;
      if (!r) {
        op->Complete(MakeError(ErrorCode::kUnavailable, "redis: connection lost"));
        return;
      }
      op->outcome.replies[i] = std::move(*r);
      if (--op->remaining == 0) op->Complete(std::nullopt);
    });
    if (!sent) {
      op->Complete(MakeError(ErrorCode::kResourceExhausted, "redis: connection full"));
      return;
    }
  }
}

}  // namespace notecoder::cache
