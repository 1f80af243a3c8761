#include "cache/redis_link.hpp"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <boost/asio/post.hpp>

namespace notecoder::cache {
namespace {

namespace asio = boost::asio;
constexpr std::chrono::milliseconds kMaxBackoff{1000};

RedisReply Copy(const redisReply* r) {
  RedisReply out;
  switch (r->type) {
    case REDIS_REPLY_STRING:
      out.type = RedisReply::Type::kString;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = RedisReply::Type::kStatus;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = RedisReply::Type::kError;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::Type::kInteger;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::kArray;
      out.elements.reserve(r->elements);
      for (std::size_t i = 0; i < r->elements; ++i) out.elements.push_back(Copy(r->element[i]));
      break;
    default:
      out.type = RedisReply::Type::kNil;
  }
  return out;
}

}  // namespace

RedisLink::RedisLink(asio::any_io_executor strand, RedisUrl url, Options options)
    : strand_(std::move(strand)),
      url_(std::move(url)),
      options_(options),
      resolver_(strand_),
      connect_timer_(strand_) {}

RedisLink::~RedisLink() { Close(); }

bool RedisLink::Usable(Clock::time_point now) {
  if (state_ == State::kReady && pending_ > 0 && now - last_progress_ > options_.stall_timeout) {
    Close();  // owed replies and silence: Redis hung or the network ate the connection
    Failed();
  }
  if (state_ == State::kIdle) return now >= retry_at_;
  return pending_ + queued_.size() < options_.max_pending;
}

bool RedisLink::Send(std::vector<std::string> args, ReplyFn fn) {
  if (!Usable(Clock::now())) return false;
  if (state_ == State::kIdle) StartConnect();
  if (state_ == State::kResolving) {
    queued_.emplace_back(std::move(args), std::move(fn));
    return true;
  }
  if (state_ == State::kIdle) {  // the connect failed at once (refused)
    std::move(fn)(std::nullopt);
    return true;
  }
  SendNow(std::move(args), std::move(fn));
  return true;
}

void RedisLink::StartConnect() {
  boost::system::error_code ec;
  const auto ip = asio::ip::make_address(url_.host, ec);
  if (!ec) {
    Connect(ip.to_string());
    return;
  }
  // hiredis would resolve a name with a blocking getaddrinfo on the io thread: resolve here.
  state_ = State::kResolving;
  resolver_.async_resolve(
      url_.host, std::to_string(url_.port),
      [self = shared_from_this(), gen = generation_](
          boost::system::error_code rec, asio::ip::tcp::resolver::results_type results) {
        if (gen != self->generation_ || self->state_ != State::kResolving) return;
        auto queued = std::move(self->queued_);
        self->queued_.clear();
        self->state_ = State::kIdle;
        if (rec || results.empty()) {
          self->Failed();
          for (auto& [args, fn] : queued) std::move(fn)(std::nullopt);
          return;
        }
        self->Connect(results.begin()->endpoint().address().to_string());
        for (auto& [args, fn] : queued) {
          if (self->state_ == State::kIdle) {
            std::move(fn)(std::nullopt);
          } else {
            self->SendNow(std::move(args), std::move(fn));
          }
        }
      });
}

void RedisLink::Connect(const std::string& ip) {
  redisAsyncContext* ac = redisAsyncConnect(ip.c_str(), url_.port);
  if (ac == nullptr || ac->err != 0) {
    if (ac != nullptr) redisAsyncFree(ac);
    Failed();
    return;
  }
  ++generation_;
  ac_ = ac;
  ac->data = this;
  ac->ev.data = this;
  ac->ev.addRead = &RedisLink::AddRead;
  ac->ev.delRead = &RedisLink::DelRead;
  ac->ev.addWrite = &RedisLink::AddWrite;
  ac->ev.delWrite = &RedisLink::DelWrite;
  ac->ev.cleanup = &RedisLink::Cleanup;
  redisAsyncSetConnectCallback(ac, &RedisLink::OnConnect);
  fd_.emplace(strand_, ac->c.fd);
  reading_ = writing_ = read_armed_ = write_armed_ = false;
  state_ = State::kConnecting;
  last_progress_ = Clock::now();
  connect_timer_.expires_after(options_.connect_timeout);
  connect_timer_.async_wait(
      [self = shared_from_this(), gen = generation_](boost::system::error_code ec) {
        if (ec || gen != self->generation_ || self->state_ != State::kConnecting) return;
        self->Close();
        self->Failed();
      });
  // Credentials and database first: hiredis keeps commands in order on the connection.
  const auto must_succeed = [self = shared_from_this(),
                             gen = generation_](std::optional<RedisReply> r) {
    if (r && !r->is_error()) return;
    // Not from inside hiredis's callback: free the connection on the next turn.
    asio::post(self->strand_, [self, gen] {
      if (gen != self->generation_) return;
      self->Close();
      self->Failed();
    });
  };
  if (!url_.password.empty()) {
    std::vector<std::string> auth{"AUTH"};
    if (!url_.user.empty()) auth.push_back(url_.user);
    auth.push_back(url_.password);
    SendNow(std::move(auth), must_succeed);
  }
  if (url_.db != 0) SendNow({"SELECT", std::to_string(url_.db)}, must_succeed);
}

void RedisLink::SendNow(std::vector<std::string> args, ReplyFn fn) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lens;
  argv.reserve(args.size());
  lens.reserve(args.size());
  for (const auto& a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  auto* holder = new ReplyFn(std::move(fn));
  if (ac_ == nullptr ||
      redisAsyncCommandArgv(ac_, &RedisLink::OnReply, holder, static_cast<int>(argv.size()),
                            argv.data(), lens.data()) != REDIS_OK) {
    auto f = std::move(*holder);
    delete holder;
    std::move(f)(std::nullopt);
    return;
  }
  ++pending_;
}

void RedisLink::OnReply(redisAsyncContext* ac, void* reply, void* privdata) {
  auto* self = static_cast<RedisLink*>(ac->data);
  std::unique_ptr<ReplyFn> fn(static_cast<ReplyFn*>(privdata));
  if (self != nullptr) {
    --self->pending_;
    if (reply != nullptr) self->last_progress_ = Clock::now();
  }
  if (reply == nullptr) {
    (*fn)(std::nullopt);
  } else {
    (*fn)(Copy(static_cast<const redisReply*>(reply)));
  }
}

void RedisLink::OnConnect(const redisAsyncContext* ac, int status) {
  auto* self = static_cast<RedisLink*>(ac->data);
  if (self == nullptr) return;
  if (status == REDIS_OK) {
    self->state_ = State::kReady;
    self->backoff_ = std::chrono::milliseconds(25);
    self->last_progress_ = Clock::now();
    self->connect_timer_.cancel();
  } else {
    self->Failed();  // hiredis frees the context itself; Cleanup follows
  }
}

void RedisLink::Failed() {
  retry_at_ = Clock::now() + backoff_;
  backoff_ = std::min(kMaxBackoff, backoff_ * 2);
}

void RedisLink::Close() {
  if (state_ == State::kResolving) {
    resolver_.cancel();
    state_ = State::kIdle;
    ++generation_;
    auto queued = std::move(queued_);
    queued_.clear();
    for (auto& [args, fn] : queued) std::move(fn)(std::nullopt);
    return;
  }
  if (ac_ != nullptr) {
    redisAsyncContext* ac = ac_;
    redisAsyncFree(ac);  // runs every pending callback with a null reply, then Cleanup
  }
}

void RedisLink::ArmRead() {
  if (read_armed_ || !fd_) return;
  read_armed_ = true;
  fd_->async_wait(asio::posix::descriptor_base::wait_read,
                  [self = shared_from_this(), gen = generation_](boost::system::error_code ec) {
                    if (gen != self->generation_) return;
                    self->read_armed_ = false;
                    if (ec || self->ac_ == nullptr || !self->reading_) return;
                    redisAsyncHandleRead(self->ac_);  // may free the context (Cleanup)
                    if (gen == self->generation_ && self->ac_ != nullptr && self->reading_) {
                      self->ArmRead();
                    }
                  });
}

void RedisLink::ArmWrite() {
  if (write_armed_ || !fd_) return;
  write_armed_ = true;
  fd_->async_wait(asio::posix::descriptor_base::wait_write,
                  [self = shared_from_this(), gen = generation_](boost::system::error_code ec) {
                    if (gen != self->generation_) return;
                    self->write_armed_ = false;
                    if (ec || self->ac_ == nullptr || !self->writing_) return;
                    redisAsyncHandleWrite(self->ac_);  // connects, then flushes the buffer
                    if (gen == self->generation_ && self->ac_ != nullptr && self->writing_) {
                      self->ArmWrite();
                    }
                  });
}

void RedisLink::AddRead(void* p) {
  auto* self = static_cast<RedisLink*>(p);
  self->reading_ = true;
  self->ArmRead();
}
void RedisLink::DelRead(void* p) { static_cast<RedisLink*>(p)->reading_ = false; }
void RedisLink::AddWrite(void* p) {
  auto* self = static_cast<RedisLink*>(p);
  self->writing_ = true;
  self->ArmWrite();
}
void RedisLink::DelWrite(void* p) { static_cast<RedisLink*>(p)->writing_ = false; }

void RedisLink::Cleanup(void* p) {
  // hiredis is freeing the context (after failing every pending callback) and will close the fd:
  // give the fd back without closing it; waits still armed end with operation_aborted.
  auto* self = static_cast<RedisLink*>(p);
  if (self->ac_ != nullptr) self->ac_->data = nullptr;
  self->ac_ = nullptr;
  self->reading_ = self->writing_ = false;
  if (self->fd_) {
    self->fd_->release();
    self->fd_.reset();
  }
  ++self->generation_;
  self->state_ = State::kIdle;
  self->pending_ = 0;
  self->connect_timer_.cancel();
}

}  // namespace notecoder::cache
