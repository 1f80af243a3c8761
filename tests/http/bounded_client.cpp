#include "http/bounded_client.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <sstream>

#include "http/raw_connection.hpp"

namespace notecoder::testing {
namespace {

using Clock = std::chrono::steady_clock;

BoundedResult Exchange(int port, const std::string& request, std::chrono::milliseconds timeout) {
  BoundedResult out;
  const auto start = Clock::now();
  RawConnection c(port);
  if (!c.ok()) return out;
  if (!c.Send(request, timeout)) return out;
  out.connected = true;
  const auto left =
      timeout - std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  // Connection: close, so the answer ends when the server closes.
  const std::string data = c.ReceiveAll(std::max(left, std::chrono::milliseconds(1)));
  out.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  auto front = ParseFrontResponse(data);
  if (front.head_done) {
    out.status = front.response.status;
    out.head = data.substr(0, data.find("\r\n\r\n"));
  }
  if (!front.complete) return out;
  out.complete = true;
  out.body = std::move(front.response.body);
  return out;
}

}  // namespace

BoundedResult BoundedPost(int port, const std::string& path, const std::string& json,
                          std::chrono::milliseconds timeout) {
  return Exchange(port,
                  "POST " + path +
                      " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: "
                      "application/json\r\nContent-Length: " +
                      std::to_string(json.size()) + "\r\n\r\n" + json,
                  timeout);
}

BoundedResult BoundedGet(int port, const std::string& path, std::chrono::milliseconds timeout) {
  return Exchange(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                  timeout);
}

bool IsJsonError(const std::string& body) {
  boost::system::error_code ec;
  const auto v = boost::json::parse(body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("error")) return false;
  const auto& e = v.as_object().at("error");
  return e.is_object() && e.as_object().contains("code") && e.as_object().contains("message");
}

std::string HeaderValue(const std::string& head, const std::string& name) {
  std::istringstream in(head);
  std::string lower_name = name;
  for (auto& ch : lower_name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (std::string line; std::getline(in, line);) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key = line.substr(0, colon);
    for (auto& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (key != lower_name) continue;
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
    return value;
  }
  return {};
}

double ScrapeMetric(int port, const std::string& name) {
  const auto r = BoundedGet(port, "/metrics", std::chrono::milliseconds(2000));
  return r.status == 200 ? MetricValue(r.body, name) : -1;
}

}  // namespace notecoder::testing
