// The canary test (issue 9): notes carrying unique canary strings go through every path of the
// built server and of `notecoder batch` — success with rules + ML + LLM, cache hits in memory and
// in Redis, every error status, a degraded LLM (429, 500, a 500 that echoes the note, stalls,
// broken and malformed answers), streams that end in `final` and in `error`, a failed model
// reload, batch with and without --llm — with LOG_LEVEL=trace. Then no canary may appear in the
// logs, /metrics, any Redis key or value, any error body, any response header, or batch's
// stdout, stderr and error records. Answer bodies of 200s are not searched: their evidence
// quotes the note by design.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cache/redis_server.hpp"
#include "http/http_client.hpp"
#include "http/server_process.hpp"
#include "http/tiny_model.hpp"
#include "llm/fake_provider.hpp"
#include "support/test_paths.hpp"

namespace notecoder::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using Headers = std::map<std::string, std::string>;

constexpr const char* kKey = "canary-test-key-0123456789";
constexpr const char* kCacheSecret = "canary-test-cache-secret-0123456789abcdef";

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// An answer without what legitimately quotes the note: evidence and mention "text", and the
// "basics" extracted from it. Everything else in a 200 (codes, reasons, engine details, summary,
// timings) must be as clean as an error body. Stream bodies are stripped event by event.
void StripQuotes(json::value& v) {
  if (auto* o = v.if_object()) {
    o->erase("text");
    o->erase("basics");
    for (auto& [k, child] : *o) StripQuotes(child);
  } else if (auto* a = v.if_array()) {
    for (auto& child : *a) StripQuotes(child);
  }
}
std::string WithoutQuotes(const std::string& body) {
  std::string out;
  std::istringstream lines(body);
  for (std::string line; std::getline(lines, line);) {
    const bool event = line.rfind("data: ", 0) == 0;
    std::error_code ec;
    json::value v = json::parse(event ? line.substr(6) : line, ec);
    if (ec) {
      out += line + "\n";  // not JSON (an SSE "event:" line): searched as it is
      continue;
    }
    StripQuotes(v);
    out += json::serialize(v) + "\n";
  }
  return out;
}

// Every canary of the run and every place that must stay clean of them.
class CanaryBook {
 public:
  CanaryBook() {
    std::random_device rd;
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", rd());
    run_ = hex;
  }
  // A word no note or code title contains, unique per path: "cnry<tag>q<run>".
  std::string Make(const std::string& tag) {
    std::string c = "Cnry" + tag + "Q" + run_;
    c.erase(std::remove_if(c.begin(), c.end(), [](char x) { return !std::isalnum(x); }), c.end());
    canaries_.push_back(c);
    return c;
  }
  void Sink(std::string name, std::string text) {
    sinks_.emplace_back(std::move(name), std::move(text));
  }
  // A response: its headers, and its body (a 200's without its quotes of the note).
  void Response(const std::string& name, const HttpResult& r) {
    std::string headers;
    for (const auto& [k, v] : r.headers) headers += k + ": " + v + "\n";
    Sink(name + " headers", headers);
    Sink(name + " body", r.status == 200 ? WithoutQuotes(r.body) : r.body);
  }
  // Case-insensitive: a tokenizer may have lower-cased what it logs.
  std::vector<std::string> Leaks() const {
    std::vector<std::string> found;
    for (const auto& [name, text] : sinks_) {
      const std::string hay = Lower(text);
      for (const auto& c : canaries_) {
        if (hay.find(Lower(c)) != std::string::npos) found.push_back(c + " in " + name);
      }
    }
    return found;
  }
  std::size_t sinks() const { return sinks_.size(); }
  std::size_t canaries() const { return canaries_.size(); }

 private:
  std::string run_;
  std::vector<std::string> canaries_;
  std::vector<std::pair<std::string, std::string>> sinks_;
};

// A note the engines disagree on (an uncertain mention), so the LLM stage runs; the canary sits
// in a sentence of its own.
std::string Note(const std::string& canary) {
  return "Assessment: Essential hypertension. Possible pneumonia. Wheezing on exam. Patient " +
         canary + " seen today.";
}
std::string NoteJson(const std::string& canary) { return "{\"note\":\"" + Note(canary) + "\"}"; }

// Every key and its value, dumped by type (sealed values are binary: searched as bytes).
std::string DumpRedis(const RedisServer& redis) {
  std::string out;
  for (const auto& key : redis.Keys()) {
    const std::string type = redis.Command({"TYPE", key});
    out += key + " (" + type + "): ";
    if (type == "string") {
      out += redis.Command({"GET", key});
    } else if (type == "hash") {
      out += redis.Command({"HGETALL", key});
    } else if (type == "zset") {
      out += redis.Command({"ZRANGE", key, "0", "-1", "WITHSCORES"});
    } else if (type == "list") {
      out += redis.Command({"LRANGE", key, "0", "-1"});
    } else if (type == "set") {
      out += redis.Command({"SMEMBERS", key});
    } else if (type == "stream") {
      out += redis.Command({"XRANGE", key, "-", "+"});
    }
    out += "\n";
  }
  return out;
}

struct BatchRun {
  int status = -1;
  std::string out, err;
  std::vector<std::string> records;
};

// `notecoder batch` with `args` and `env` added to ours; bounded to 20 s.
BatchRun RunBatch(std::vector<std::string> args, const Headers& env, const fs::path& dir,
                  const std::string& tag) {
  const fs::path out_file = dir / (tag + ".out.jsonl");
  const fs::path stdout_file = dir / (tag + ".stdout");
  const fs::path stderr_file = dir / (tag + ".stderr");
  args.insert(args.begin(), "batch");
  for (const char* a : {"--out", "--codebook", "--threads"}) {
    args.push_back(a);
    if (std::string(a) == "--out") args.push_back(out_file.string());
    if (std::string(a) == "--codebook") args.push_back(CodebookPath().string());
    if (std::string(a) == "--threads") args.push_back("2");
  }
  const pid_t pid = ::fork();
  if (pid == 0) {
    for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    ::setenv("LOG_LEVEL", "trace", 1);
    const int o = ::open(stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int e = ::open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(o, 1);
    ::dup2(e, 2);
    std::vector<char*> argv{const_cast<char*>(NOTECODER_BINARY)};
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(NOTECODER_BINARY, argv.data());
    ::_exit(127);
  }
  BatchRun run;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (run.status == -1) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  run.out = Slurp(stdout_file);
  run.err = Slurp(stderr_file);
  std::istringstream lines(Slurp(out_file));
  for (std::string line; std::getline(lines, line);) run.records.push_back(line);
  return run;
}

class CanaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("notecoder-canary-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    WriteTinyModel(dir_ / "model.bin", "canary-tiny");
    WriteTinyModel(dir_ / "replica-model.bin", "canary-tiny");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // The service as deployed with everything on: LLM, ML, memory + Redis caches, the global LLM
  // limit, API keys; small budgets so the stalls stay short.
  ServerEnv Env(const FakeProvider& fake, const RedisServer& redis, const fs::path& model) const {
    return ServerEnv{{"LOG_LEVEL", "trace"},      {"MODEL_PATH", model.string()},
                     {"API_KEYS", kKey},          {"LLM_BASE_URL", fake.base_url() + "/v1"},
                     {"LLM_MODEL", "fake-model"}, {"LLM_MAX_RETRIES", "0"},
                     {"TIME_BUDGET_S", "2.5"},    {"ENABLE_REDIS_CACHE", "1"},
                     {"REDIS_URL", redis.url()},  {"CACHE_KEY_SECRET", kCacheSecret},
                     {"LLM_GLOBAL_LIMIT", "8"},   {"LIMIT_CONCURRENCY", "2"},
                     {"MAX_BODY_BYTES", "65536"}};
  }

  fs::path dir_;
};

HttpResult Call(int port, const std::string& method, const std::string& target,
                const std::string& body = {}, Headers headers = {}) {
  headers.emplace("Authorization", std::string("Bearer ") + kKey);
  headers.emplace("Content-Type", "application/json");
  return Request(port, method, target, body, headers);
}

TEST_F(CanaryTest, NoCanaryReachesLogsMetricsRedisErrorBodiesOrBatchOutputs) {
  CanaryBook book;
  RedisServer redis;
  ASSERT_TRUE(redis.ok());
  FakeProvider fake({"--latency-ms", "5"});
  ServerProcess server(Env(fake, redis, dir_ / "model.bin"));
  ASSERT_TRUE(server.started()) << server.Log();
  ASSERT_TRUE(server.WaitReady()) << server.Log();
  const int port = server.port();

  // Success through rules + ML + LLM, then the same note from the memory cache.
  const std::string success = book.Make("success");
  const auto first = Call(port, "POST", "/predict/coder", NoteJson(success));
  ASSERT_EQ(first.status, 200) << first.body;
  const json::value answer = json::parse(first.body);
  const auto& engine = answer.at("engine").as_object();
  EXPECT_TRUE(engine.at("llm").at("used").as_bool()) << first.body;
  EXPECT_TRUE(engine.contains("model_fingerprint")) << first.body;
  book.Response("success", first);
  const auto hit = Call(port, "POST", "/predict/coder", NoteJson(success));
  EXPECT_EQ(hit.headers.count("x-cache") ? hit.headers.at("x-cache") : "", "hit");
  book.Response("memory hit", hit);

  // Streams: one that ends in `final`, one that ends in an `error` event (a NUL in the note).
  const auto stream = Call(port, "POST", "/predict/coder/stream", NoteJson(book.Make("stream")));
  EXPECT_EQ(stream.status, 200);
  EXPECT_NE(stream.body.find("event: final"), std::string::npos) << stream.body;
  book.Response("stream", stream);
  const auto stream_error = Call(port, "POST", "/predict/coder/stream",
                                 "{\"note\":\"" + book.Make("streamerr") + " \\u0000 x\"}");
  EXPECT_EQ(stream_error.status, 200);
  const auto error_event = stream_error.body.find("event: error");
  EXPECT_NE(error_event, std::string::npos) << stream_error.body;
  book.Response("stream error", stream_error);
  if (error_event != std::string::npos) {
    book.Sink("stream error event", stream_error.body.substr(error_event));
  }

  // Every error status, each with its own canary.
  struct Bad {
    const char* tag;
    std::string method, target, body;
    Headers headers;
    int status;
  };
  const std::string big(70000, 'x');
  const std::vector<Bad> bad = {
      {"badjson", "POST", "/predict/coder", "{\"note\":\"" + book.Make("badjson"), {}, 400},
      {"bareword", "POST", "/predict/coder", "{\"note\":" + book.Make("bareword") + "}", {}, 400},
      {"field",
       "POST",
       "/predict/coder",
       "{\"note\":\"x\",\"" + book.Make("field") + "\":1}",
       {},
       400},
      {"option",
       "POST",
       "/predict/coder",
       "{\"note\":\"x\",\"options\":{\"" + book.Make("option") + "\":true}}",
       {},
       400},
      {"optval",
       "POST",
       "/predict/coder",
       "{\"note\":\"x\",\"options\":{\"max_codes\":\"" + book.Make("optval") + "\"}}",
       {},
       400},
      {"utf8", "POST", "/predict/coder", "{\"note\":\"" + book.Make("utf8") + "\xff\"}", {}, 400},
      {"nul", "POST", "/predict/coder", "{\"note\":\"" + book.Make("nul") + "\\u0000\"}", {}, 400},
      {"notestr",
       "POST",
       "/predict/coder",
       "{\"note\":[\"" + book.Make("notestr") + "\"]}",
       {},
       400},
      {"streambad",
       "POST",
       "/predict/coder/stream",
       "{\"note\":" + book.Make("streambad"),
       {},
       400},
      {"noauth",
       "POST",
       "/predict/coder",
       NoteJson(book.Make("noauth")),
       {{"Authorization", "Bearer wrong-key-0123456789abc"}},
       401},
      {"noauthstream",
       "POST",
       "/predict/coder/stream",
       NoteJson(book.Make("noauthstream")),
       {{"Authorization", ""}},
       401},
      {"path", "GET", "/" + book.Make("path"), "", {}, 404},
      {"code", "GET", "/codes/" + book.Make("code"), "", {}, 404},
      {"webfile", "GET", "/web/" + book.Make("webfile"), "", {}, 404},
      {"method",
       "PUT",
       "/predict/coder?x=" + book.Make("method"),
       NoteJson(book.Make("method2")),
       {},
       405},
      {"big", "POST", "/predict/coder", "{\"note\":\"" + big + book.Make("big") + "\"}", {}, 413},
      {"media",
       "POST",
       "/predict/coder",
       NoteJson(book.Make("media")),
       {{"Content-Type", "text/plain"}},
       415},
      {"mediastream",
       "POST",
       "/predict/coder/stream",
       NoteJson(book.Make("mediastream")),
       {{"Content-Type", "text/plain"}},
       415},
      {"header",
       "POST",
       "/predict/coder",
       NoteJson(book.Make("header")),
       {{"X-Pad", big.substr(0, 20000) + book.Make("header2")}},
       431},
      {"url", "GET", "/codes?q=" + big.substr(0, 20000) + book.Make("url"), "", {}, 431},
  };
  for (const auto& b : bad) {
    const auto r = Call(port, b.method, b.target, b.body, b.headers);
    EXPECT_EQ(r.status, b.status) << b.tag << ": " << r.body;
    book.Response(b.tag, r);
  }
  // A code search is not a note, but its query must not be logged either.
  book.Response("search", Call(port, "GET", "/codes?q=" + book.Make("search")));

  // A degraded LLM: each failure once, on the parse call (no retries).
  for (const char* action : {"429", "500", "echo500", "malformed_body", "malformed_content",
                             "truncate", "reset", "stall"}) {
    fake.Control(std::string("{\"plan\":[\"") + action + "\"]}");
    const auto r =
        Call(port, "POST", "/predict/coder", NoteJson(book.Make(std::string("llm") + action)));
    EXPECT_EQ(r.status, 200) << action << ": " << r.body;
    if (r.status == 200) {
      EXPECT_TRUE(json::parse(r.body).at("degraded").as_bool()) << action << ": " << r.body;
    }
    book.Response(std::string("degraded ") + action, r);
  }
  fake.Control("{\"plan\":[]}");
  const auto actions = fake.Stats().at("by_action");
  EXPECT_TRUE(actions.as_object().contains("echo500")) << json::serialize(actions);

  // 503 over LIMIT_CONCURRENCY (2): two requests held by stalled provider calls.
  fake.Control("{\"plan\":[\"stall\",\"stall\"]}");
  std::vector<std::thread> held;
  for (int i = 0; i < 2; ++i) {
    held.emplace_back([&, note = NoteJson(book.Make("held" + std::to_string(i)))] {
      (void)Call(port, "POST", "/predict/coder", note);
    });
  }
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (fake.Stats().at("in_flight").to_number<int>() < 2 &&
         std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const auto busy = Call(port, "POST", "/predict/coder", NoteJson(book.Make("busy")));
  EXPECT_EQ(busy.status, 503) << busy.body;
  book.Response("admission", busy);
  const auto busy_stream =
      Call(port, "POST", "/predict/coder/stream", NoteJson(book.Make("busystream")));
  EXPECT_EQ(busy_stream.status, 503) << busy_stream.body;
  book.Response("admission stream", busy_stream);
  for (auto& t : held) t.join();

  // A replica on the same Redis: refused while warming, then the first note from Redis.
  ServerEnv replica_env = Env(fake, redis, dir_ / "replica-model.bin");
  replica_env["WARMUP_DELAY_MS"] = "2000";
  ServerProcess replica(replica_env);
  ASSERT_TRUE(replica.started()) << replica.Log();
  const auto warming = Call(replica.port(), "POST", "/predict/coder", NoteJson(book.Make("warm")));
  EXPECT_EQ(warming.status, 503) << warming.body;
  book.Response("not ready", warming);
  ASSERT_TRUE(replica.WaitReady()) << replica.Log();
  const auto from_redis = Call(replica.port(), "POST", "/predict/coder", NoteJson(success));
  EXPECT_EQ(from_redis.status, 200);
  EXPECT_EQ(from_redis.headers.count("x-cache") ? from_redis.headers.at("x-cache") : "", "hit")
      << "the replica's memory is empty: the answer came from Redis";
  book.Response("redis hit", from_redis);

  // A model file replaced by garbage that quotes a note: the reload fails without echoing it.
  {
    const fs::path tmp = dir_ / "model.bin.tmp";
    std::ofstream(tmp, std::ios::binary) << "NCMODEL " << Note(book.Make("reload"));
    fs::rename(tmp, dir_ / "model.bin");
  }
  const auto reload = Call(port, "POST", "/admin/reload");
  EXPECT_EQ(reload.status, 500) << reload.body;
  book.Response("reload", reload);

  // Batch, rules + ML only and with the LLM (whose first call echoes the note in a 500).
  {
    std::ofstream in(dir_ / "notes.jsonl");
    in << "{\"id\":\"a\",\"note\":\"" << Note(book.Make("batchok")) << "\"}\n"
       << "not json " << book.Make("batchbad") << "\n"
       << "{\"id\":\"c\",\"note\":[\"" << book.Make("batchtype") << "\"]}\n"
       << "{\"id\":\"d\",\"note\":\"" << book.Make("batchnul") << "\\u0000\"}\n"
       << "{\"id\":\"e\",\"" << book.Make("batchfield") << "\":1,\"note\":\"x\"}\n";
  }
  const std::string notes = (dir_ / "notes.jsonl").string();
  const BatchRun rules =
      RunBatch({"--in", notes, "--model", (dir_ / "replica-model.bin").string()}, {}, dir_, "r");
  fake.Control("{\"plan\":[\"echo500\"]}");
  const BatchRun llm = RunBatch({"--in", notes, "--model", "none", "--llm"},
                                {{"LLM_BASE_URL", fake.base_url() + "/v1"},
                                 {"LLM_MODEL", "fake-model"},
                                 {"LLM_MAX_RETRIES", "0"},
                                 {"TIME_BUDGET_S", "1.5"}},
                                dir_, "l");
  for (const BatchRun* run : {&rules, &llm}) {
    const std::string name = run == &rules ? "batch" : "batch --llm";
    EXPECT_EQ(run->records.size(), 5u) << name << ": " << run->err;
    book.Sink(name + " stdout", run->out);
    book.Sink(name + " stderr", run->err);
    std::size_t errors = 0;
    for (const auto& record : run->records) {
      errors += json::parse(record).as_object().contains("error") ? 1 : 0;
      book.Sink(name + " record", WithoutQuotes(record));
    }
    // Bad JSON, a note that is not a string, a NUL; an unknown field is ignored by batch.
    EXPECT_EQ(errors, 3u) << name;
  }

  book.Sink("metrics", Get(port, "/metrics").body);
  book.Sink("replica metrics", Get(replica.port(), "/metrics").body);
  const std::string redis_dump = DumpRedis(redis);
  EXPECT_NE(redis_dump.find("(string)"), std::string::npos) << "results were stored in Redis";
  book.Sink("redis", redis_dump);
  server.Signal(SIGTERM);
  replica.Signal(SIGTERM);
  EXPECT_EQ(server.WaitExit(), 0);
  EXPECT_EQ(replica.WaitExit(), 0);
  const std::string log = server.Log();
  EXPECT_NE(log.find("note_hash"), std::string::npos) << "requests were logged at all";
  book.Sink("server log", log);
  book.Sink("replica log", replica.Log());

  // The search itself finds a canary, whatever its case.
  book.Sink("control", Lower(success));
  auto leaks = book.Leaks();
  ASSERT_FALSE(leaks.empty());
  EXPECT_EQ(leaks.back(), success + " in control");
  leaks.pop_back();
  std::string list;
  for (const auto& l : leaks) list += "\n  " + l;
  EXPECT_TRUE(leaks.empty()) << leaks.size() << " leak(s) over " << book.canaries()
                             << " canaries and " << book.sinks() - 1 << " sinks:" << list;
}

}  // namespace
}  // namespace notecoder::testing
