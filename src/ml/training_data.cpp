#include "ml/training_data.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <fstream>
#include <optional>

namespace notecoder::ml {
namespace {

// Parses one line into `example`, or says what is wrong with it (without quoting it).
std::optional<std::string> ParseLine(const std::string& line, const codes::Codebook& book,
                                     TrainingExample& example, std::vector<DataProblem>& dropped) {
  boost::system::error_code ec;
  const boost::json::value value = boost::json::parse(line, ec);
  if (ec) return "not valid JSON";
  const auto* object = value.if_object();
  if (object == nullptr) return "not a JSON object";
  const auto* note = object->if_contains("note");
  if (note == nullptr || !note->is_string()) return "no \"note\" string";
  if (note->get_string().empty()) return "empty \"note\"";
  const auto* codes = object->if_contains("codes");
  if (codes == nullptr || !codes->is_array()) return "no \"codes\" array";

  example.note.assign(note->get_string().data(), note->get_string().size());
  example.codes.clear();
  std::size_t position = 0;
  for (const auto& item : codes->get_array()) {
    const std::size_t at = position++;
    const auto normalized =
        item.is_string() ? codes::NormalizeCode(item.get_string()) : std::nullopt;
    if (!normalized) {
      // Not code-shaped: it could be anything, so it is not quoted.
      dropped.push_back(
          {example.line, "codes[" + std::to_string(at) + "] is not an ICD-10-CM code"});
      continue;
    }
    const auto id = book.Find(*normalized);
    if (!id) {
      dropped.push_back({example.line, "unknown code " + *normalized});
    } else if (!book.IsBillable(*id)) {
      dropped.push_back({example.line, "code " + *normalized + " is not billable"});
    } else {
      example.codes.emplace_back(book.Code(*id));
    }
  }
  std::sort(example.codes.begin(), example.codes.end());
  example.codes.erase(std::unique(example.codes.begin(), example.codes.end()), example.codes.end());
  return std::nullopt;
}

}  // namespace

Result<TrainingData> ReadTrainingData(const std::filesystem::path& path,
                                      const codes::Codebook& book, BadLinePolicy policy) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kIo, "cannot read " + path.string());
  TrainingData data;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    TrainingExample example;
    example.line = number;
    if (auto problem = ParseLine(line, book, example, data.dropped_codes)) {
      if (policy == BadLinePolicy::kFatal) {
        return MakeError(ErrorCode::kInvalidArgument, path.filename().string() + " line " +
                                                          std::to_string(number) + ": " + *problem);
      }
      data.bad_lines.push_back({number, std::move(*problem)});
      continue;
    }
    data.examples.push_back(std::move(example));
  }
  if (in.bad()) return MakeError(ErrorCode::kIo, "reading " + path.string() + " failed");
  if (data.examples.empty()) {
    return MakeError(
        ErrorCode::kInvalidArgument,
        "no training examples in " + path.string() +
            (number == 0 ? " (the file is empty)"
                         : " (" + std::to_string(data.bad_lines.size()) + " bad lines)"));
  }
  return data;
}

}  // namespace notecoder::ml
