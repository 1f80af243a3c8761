// Black-box tests of `notecoder batch`: order and ids, bad lines by number (never their text),
// resume after a SIGKILL mid-run, shards, and the OpenAI Batch API export/ingest round trip.
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
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "llm/fake_provider.hpp"
#include "support/test_paths.hpp"

namespace notecoder {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

const std::string kCanary = "CANARY-b47c1e-PHI";

fs::path Temp(const std::string& name) {
  const auto dir = fs::temp_directory_path() / ("notecoder-batch-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

std::string Slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::vector<std::string> Lines(const fs::path& p) {
  std::vector<std::string> out;
  std::istringstream in(Slurp(p));
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

struct Proc {
  pid_t pid = -1;
  fs::path err;
};

// Starts the binary with `args` (plus the test codebook, rules only); stderr goes to a file.
Proc Start(std::vector<std::string> args, const std::string& tag) {
  args.insert(args.begin(), "batch");
  args.insert(args.end(), {"--codebook", testing::CodebookPath().string(), "--model", "none"});
  Proc p;
  p.err = Temp(tag + ".stderr");
  p.pid = ::fork();
  if (p.pid == 0) {
    const int fd = ::open(p.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 2);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    std::vector<char*> argv{const_cast<char*>(NOTECODER_BINARY)};
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(NOTECODER_BINARY, argv.data());
    ::_exit(127);
  }
  return p;
}

// Waits (bounded) for the process; its exit status, or -1 after a signal or timeout.
int Wait(const Proc& p, std::chrono::seconds timeout = std::chrono::seconds(60)) {
  const auto deadline = Clock::now() + timeout;
  int status = 0;
  while (::waitpid(p.pid, &status, WNOHANG) == 0) {
    if (Clock::now() > deadline) {
      ::kill(p.pid, SIGKILL);
      ::waitpid(p.pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct Run {
  int status;
  std::string err;
};

Run Batch(std::vector<std::string> args, const std::string& tag = "run") {
  const Proc p = Start(std::move(args), tag);
  const int status = Wait(p);
  return {status, Slurp(p.err)};
}

std::string NoteLine(const std::string& id_json, const std::string& note) {
  json::object o;
  if (!id_json.empty()) o["id"] = json::parse(id_json);
  o["note"] = note;
  return json::serialize(o);
}

// A record without its timings (which differ from run to run).
json::object Stable(const std::string& line) {
  json::object o = json::parse(line).as_object();
  o.erase("timings_ms");
  return o;
}

const char* kNotes[] = {
    "Assessment: type 2 diabetes with CKD stage 3b. Denies chest pain.",
    "Essential hypertension, well controlled. Family history of colon cancer.",
    "Acute bronchitis. No fever. History of asthma in childhood.",
    "Hyperlipidemia on statin. Rule out pneumonia.",
};

TEST(Batch, KeepsInputOrderAndIds) {
  const fs::path in = Temp("order.jsonl"), out = Temp("order.out.jsonl");
  {
    std::ofstream f(in);
    for (int i = 0; i < 40; ++i) {
      const std::string id = i == 5       ? ""
                             : i % 3 == 0 ? std::to_string(i)
                                          : "\"n-" + std::to_string(i) + "\"";
      f << NoteLine(id, kNotes[i % 4]) << "\n";
    }
  }
  const auto r = Batch({"--in", in, "--out", out, "--threads", "2", "--restart"});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto lines = Lines(out);
  ASSERT_EQ(lines.size(), 40u);
  for (int i = 0; i < 40; ++i) {
    const auto rec = json::parse(lines[i]).as_object();
    EXPECT_EQ(rec.at("line").as_int64(), i + 1);
    if (i == 5) {
      EXPECT_TRUE(rec.at("id").is_null());
    } else if (i % 3 == 0) {
      EXPECT_EQ(rec.at("id").as_int64(), i);
    } else {
      EXPECT_EQ(rec.at("id").as_string(), "n-" + std::to_string(i));
    }
    ASSERT_TRUE(rec.contains("codes")) << lines[i];
  }
  // The same body as `notecoder code` / POST /predict/coder: codes with evidence.
  bool e1122 = false;
  const json::value first = json::parse(lines[0]);
  for (const auto& c : first.at("codes").as_array()) {
    e1122 |= c.at("code").as_string() == "E11.22";
  }
  EXPECT_TRUE(e1122) << lines[0];
}

TEST(Batch, BadLinesAreReportedByNumberWithoutTheirText) {
  const fs::path in = Temp("bad.jsonl"), out = Temp("bad.out.jsonl");
  {
    std::ofstream f(in, std::ios::binary);
    f << NoteLine("\"a\"", kNotes[0]) << "\n";              // 1 ok
    f << "{\"note\": \"" << kCanary << " broken\n";         // 2 not JSON
    f << "{\"note\": 5, \"id\": \"" << kCanary << "\"}\n";  // 3 note not a string
    f << "{\"id\": \"x\"}\n";                               // 4 no note
    f << "\n";                                              // 5 blank: not a note, no record
    f << "[\"" << kCanary << "\"]\n";                       // 6 not an object
    f << NoteLine("\"b\"", kCanary + " has essential hypertension") << "\n";  // 7 ok
  }
  const auto r = Batch({"--in", in, "--out", out, "--restart"});
  ASSERT_EQ(r.status, 0) << r.err;
  for (const int n : {2, 3, 4, 6}) {
    EXPECT_NE(r.err.find("line " + std::to_string(n) + ":"), std::string::npos) << r.err;
  }
  EXPECT_EQ(r.err.find("line 5:"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(kCanary), std::string::npos) << "note text on stderr:\n" << r.err;
  const auto lines = Lines(out);
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(json::parse(lines[1]).at("line").as_int64(), 2);
  EXPECT_EQ(json::parse(lines[1]).at("error").at("code").as_string(), "invalid_argument");
  EXPECT_EQ(json::parse(lines[5]).at("line").as_int64(), 7);
  for (std::size_t i = 1; i < 5; ++i) {
    EXPECT_EQ(json::parse(lines[i]).at("error").at("message").as_string().find(kCanary),
              std::string::npos);
  }

  const auto skipped = Batch({"--in", in, "--out", out, "--restart", "--skip-bad"});
  ASSERT_EQ(skipped.status, 0) << skipped.err;
  const auto kept = Lines(out);
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(json::parse(kept[1]).at("line").as_int64(), 7);
}

TEST(Batch, ResumesAfterAKillWithoutRedoingFinishedLines) {
  const fs::path in = Temp("resume.jsonl");
  const fs::path full = Temp("resume.full.jsonl"), cut = Temp("resume.cut.jsonl");
  constexpr int kLines = 6000;
  {
    std::ofstream f(in);
    for (int i = 0; i < kLines; ++i) {
      std::string note = kNotes[i % 4];
      for (int k = 0; k < 4; ++k) note += std::string(" ") + kNotes[(i + k) % 4];
      f << NoteLine("\"r" + std::to_string(i) + "\"", note) << "\n";
    }
  }
  const auto whole = Batch({"--in", in, "--out", full, "--threads", "2", "--restart"}, "full");
  ASSERT_EQ(whole.status, 0) << whole.err;
  ASSERT_EQ(Lines(full).size(), static_cast<std::size_t>(kLines));

  // One thread, killed as soon as the first records are on disk.
  fs::remove(cut);
  const Proc p = Start({"--in", in, "--out", cut, "--threads", "1"}, "cut");
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  while (Clock::now() < deadline && (!fs::exists(cut) || fs::file_size(cut) < 4096)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(p.pid, SIGKILL);
  EXPECT_EQ(Wait(p), -1) << "the run ended before it was killed";
  // Whole records only: the kill may have cut the last one in half (the rerun drops it).
  const std::string before = Slurp(cut);
  const auto done_before = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  ASSERT_GT(done_before, 0u);
  ASSERT_LT(done_before, static_cast<std::size_t>(kLines)) << "finished before the kill";
  // A record cut in half by the kill (as a kill inside write(2) can leave).
  { std::ofstream(cut, std::ios::app) << R"({"line": 99999, "id": "half a rec)"; }

  const auto resumed = Batch({"--in", in, "--out", cut, "--threads", "2"}, "resumed");
  ASSERT_EQ(resumed.status, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("resuming after line"), std::string::npos) << resumed.err;
  EXPECT_NE(resumed.err.find("partial last record was removed"), std::string::npos);
  const auto a = Lines(full), b = Lines(cut);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    ASSERT_EQ(Stable(a[i]), Stable(b[i])) << "line " << i + 1;
  // Only the lines after the kill were coded again.
  std::ostringstream expect;
  expect << (kLines - static_cast<int>(done_before)) << " lines in";
  EXPECT_NE(resumed.err.find(expect.str()), std::string::npos) << resumed.err;

  // A finished output resumes to nothing.
  const auto again = Batch({"--in", in, "--out", cut}, "again");
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.err.find(" 0 lines in"), std::string::npos) << again.err;
  EXPECT_EQ(Lines(cut).size(), static_cast<std::size_t>(kLines));
}

TEST(Batch, ShardsCoverEveryLineOnce) {
  const fs::path in = Temp("shard.jsonl");
  {
    std::ofstream f(in);
    for (int i = 0; i < 10; ++i) f << NoteLine("", kNotes[i % 4]) << "\n";
  }
  std::vector<std::int64_t> seen;
  for (int s = 0; s < 3; ++s) {
    const fs::path out = Temp("shard." + std::to_string(s) + ".jsonl");
    const auto r =
        Batch({"--in", in, "--out", out, "--restart", "--shard", std::to_string(s) + "/3"});
    ASSERT_EQ(r.status, 0) << r.err;
    for (const auto& l : Lines(out)) seen.push_back(json::parse(l).at("line").as_int64());
  }
  ASSERT_EQ(seen.size(), 10u);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(seen[i], i + 1);
  const auto bad = Batch({"--in", in, "--out", Temp("x.jsonl"), "--shard", "3/3"});
  EXPECT_EQ(bad.status, 1);
}

TEST(Batch, ExportsOpenAiRequestsAndIngestsTheirResults) {
  const fs::path in = Temp("oa.jsonl"), requests = Temp("oa.requests.jsonl");
  const fs::path prompt = Temp("prompt.md"), results = Temp("oa.results.jsonl");
  const fs::path out = Temp("oa.out.jsonl");
  {
    std::ofstream f(in);
    f << NoteLine("\"p1\"", "Essential hypertension. Type 2 diabetes.") << "\n";
    f << NoteLine("\"p2\"", "Acute bronchitis.") << "\n";
    f << NoteLine("\"p3\"", "Hyperlipidemia.") << "\n";
    std::ofstream(prompt) << "notecoder-agent: structure\nYou are a coder.\n";
  }
  const auto ex = Batch(
      {"--in", in, "--export-openai", requests, "--prompt", prompt, "--llm-model", "test-model"});
  ASSERT_EQ(ex.status, 0) << ex.err;
  const auto reqs = Lines(requests);
  ASSERT_EQ(reqs.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    const auto r = json::parse(reqs[i]).as_object();
    EXPECT_EQ(r.at("custom_id").as_string(), "line-" + std::to_string(i + 1));
    EXPECT_EQ(r.at("method").as_string(), "POST");
    EXPECT_EQ(r.at("url").as_string(), "/v1/chat/completions");
    const auto& body = r.at("body").as_object();
    EXPECT_EQ(body.at("model").as_string(), "test-model");
    const auto& msgs = body.at("messages").as_array();
    EXPECT_EQ(msgs[0].at("content").as_string(), Slurp(prompt));
    const auto user = json::parse(msgs[1].at("content").as_string()).as_object();
    EXPECT_TRUE(user.contains("note") && user.contains("candidates") && user.contains("basics"));
  }
  EXPECT_FALSE(fs::exists(requests.string() + ".tmp"));

  // Fake provider results: line 1 answers (one valid code, one unknown, one non-billable
  // category), line 2 failed, line 3 is missing, and one line has no custom_id.
  {
    json::object answer;
    answer["codes"] = json::array{
        json::object{{"code", "R05.9"}, {"evidence", "Essential hypertension"}, {"rationale", "x"}},
        json::object{{"code", "I10"}, {"evidence", "Essential hypertension"}},
        json::object{{"code", "ZZZ.99"}, {"evidence", "Type 2 diabetes"}},
        json::object{{"code", "E11"}, {"evidence", "Type 2 diabetes"}}};
    answer["structured"] = json::object{{"assessment", json::array{"hypertension"}}};
    json::object ok;
    ok["custom_id"] = "line-1";
    ok["response"] = json::object{
        {"status_code", 200},
        {"body",
         json::object{
             {"choices", json::array{json::object{
                             {"message", json::object{{"role", "assistant"},
                                                      {"content", json::serialize(answer)}}}}}}}}};
    ok["error"] = nullptr;
    std::ofstream f(results);
    f << json::serialize(ok) << "\n";
    f << R"({"custom_id":"line-2","response":null,"error":{"code":"server_error","message":"x"}})"
      << "\n";
    f << R"({"id":"no custom id"})"
      << "\n";
  }
  const auto in_r = Batch({"--in", in, "--out", out, "--restart", "--ingest-openai", results});
  ASSERT_EQ(in_r.status, 0) << in_r.err;
  EXPECT_NE(in_r.err.find("results line 3"), std::string::npos) << in_r.err;
  const auto recs = Lines(out);
  ASSERT_EQ(recs.size(), 3u);
  const auto r1 = json::parse(recs[0]).as_object();
  bool i10_llm = false, r059_llm = false;
  for (const auto& c : r1.at("codes").as_array()) {
    const auto& sources = c.at("sources").as_array();
    const bool llm = std::find(sources.begin(), sources.end(), json::value("llm")) != sources.end();
    if (c.at("code").as_string() == "I10") i10_llm = llm && sources.size() >= 2;
    if (c.at("code").as_string() == "R05.9") r059_llm = llm;
  }
  EXPECT_TRUE(i10_llm) << recs[0];
  EXPECT_TRUE(r059_llm) << recs[0];
  int invalid = 0;
  for (const auto& e : r1.at("excluded").as_array()) {
    if (e.at("reason").as_string() == "invalid_code") ++invalid;
  }
  EXPECT_EQ(invalid, 2) << recs[0];
  EXPECT_TRUE(r1.at("structured").is_object());
  EXPECT_FALSE(r1.at("degraded").as_bool());
  const auto r2 = json::parse(recs[1]).as_object();
  EXPECT_TRUE(r2.at("degraded").as_bool());
  EXPECT_EQ(r2.at("degraded_reasons").as_array()[0].as_string(), "llm_error");
  EXPECT_EQ(json::parse(recs[2]).at("degraded_reasons").as_array()[0].as_string(), "llm_missing");
}

TEST(Batch, TheLlmStageRunsWithinLlmConcurrency) {
  testing::FakeProvider fake({"--latency-ms", "50"});
  const fs::path in = Temp("llm.jsonl");
  const fs::path out = Temp("llm.out.jsonl");
  {
    std::ofstream f(in);
    for (int i = 0; i < 10; ++i) {
      f << NoteLine("\"n" + std::to_string(i) + "\"", "Assessment: patient " + std::to_string(i) +
                                                          " with possible pneumonia. Hypertension.")
        << "\n";
    }
  }
  // The child process reads the LLM settings from its environment, as the service does.
  ::setenv("LLM_BASE_URL", (fake.base_url() + "/v1").c_str(), 1);
  ::setenv("LLM_MODEL", "fake-model", 1);
  ::setenv("LLM_CONCURRENCY", "2", 1);
  const auto r =
      Batch({"--in", in.string(), "--out", out.string(), "--llm", "--threads", "6"}, "llm");
  ::unsetenv("LLM_BASE_URL");
  ::unsetenv("LLM_MODEL");
  ::unsetenv("LLM_CONCURRENCY");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto lines = Lines(out);
  ASSERT_EQ(lines.size(), 10u);
  for (const auto& line : lines) {
    const auto engines = json::parse(line).at("engine").at("engines").as_array();
    EXPECT_EQ(engines.back().as_string(), "llm") << line.substr(0, 200);
  }
  const auto stats = fake.Stats();
  EXPECT_EQ(stats.at("requests").to_number<int>(), 30);  // parse, summarize, structure each
  EXPECT_LE(stats.at("max_in_flight").to_number<int>(), 2);
}

}  // namespace
}  // namespace notecoder
