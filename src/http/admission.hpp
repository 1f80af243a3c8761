#pragma once
// Admission control: at most `limit` guarded requests in progress; the next is refused at once
// (503 + Retry-After) rather than queued, so latency stays bounded under overload.
#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace notecoder::http {

class Admission {
 public:
  explicit Admission(std::size_t limit) : limit_(limit) {}

  // Held for the duration of one request.
  class Ticket {
   public:
    explicit Ticket(std::atomic<std::size_t>* count) : count_(count) {}
    Ticket(Ticket&& o) noexcept : count_(o.count_) { o.count_ = nullptr; }
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    Ticket& operator=(Ticket&&) = delete;
    ~Ticket() {
      if (count_ != nullptr) count_->fetch_sub(1);
    }

   private:
    std::atomic<std::size_t>* count_;
  };

  std::optional<Ticket> TryEnter() {
    if (count_.fetch_add(1) >= limit_) {
      count_.fetch_sub(1);
      return std::nullopt;
    }
    return Ticket(&count_);
  }
  std::size_t in_progress() const { return count_.load(); }

 private:
  const std::size_t limit_;
  std::atomic<std::size_t> count_{0};
};

// Bearer-key check in constant time per key (no early exit on the first differing byte).
class ApiKeys {
 public:
  explicit ApiKeys(std::vector<std::string> keys) : keys_(std::move(keys)) {}
  bool enabled() const { return !keys_.empty(); }
  // `authorization` is the Authorization header value ("Bearer <key>").
  bool Allows(std::string_view authorization) const;

 private:
  std::vector<std::string> keys_;
};

}  // namespace notecoder::http
