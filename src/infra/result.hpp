#pragma once
// Expected failures are values: Result<T> holds either a T or an Error.
#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace notecoder {

// In the spirit of absl::StatusCode; one mapping to HTTP status lives in api/.
enum class ErrorCode {
  kInvalidArgument,    // bad input from the caller (empty note, bad UTF-8, unknown option)
  kNotFound,           // a looked-up thing does not exist
  kDataLoss,           // a file is corrupt, truncated or of the wrong version
  kIo,                 // the operating system refused (open, read, mmap, write)
  kResourceExhausted,  // a limit was hit (size, count)
  kUnavailable,        // try again later (not ready, overloaded)
  kDeadlineExceeded,
  kInternal,
};

const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;  // never contains note text
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

// Result of an operation with no value: ok or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error)
      : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_{ErrorCode::kInternal, {}};
  bool ok_ = true;
};

inline Error MakeError(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

}  // namespace notecoder
