#include "app/warmup.hpp"

#include <filesystem>

#include "codes/codebook.hpp"
#include "pipeline/coder.hpp"

namespace notecoder::app {
namespace {

// A short note touching the main paths: sections, negation, history, abbreviations, basics.
constexpr const char* kSampleNote =
    "HPI: 67 y/o male with type 2 diabetes mellitus and CKD stage 3b. Denies chest pain.\n"
    "PMH: hypertension, history of DVT. Family history of breast cancer.\n"
    "Medications: metformin 500 mg BID, lisinopril 10 mg daily.\n"
    "Assessment and Plan:\n1. Type 2 diabetes with diabetic chronic kidney disease.\n"
    "2. Essential hypertension.\n3. COPD with acute exacerbation.\n";

}  // namespace

Result<std::shared_ptr<const ml::Model>> LoadModel(const std::string& path,
                                                   const codes::Codebook& book) {
  auto model = ml::Model::Open(path, book);
  if (!model.ok()) return model.error();
  return std::shared_ptr<const ml::Model>(std::move(*model));
}

Result<pipeline::Engines> Warmup(const WarmupOptions& options) {
  auto book = codes::Codebook::Open(options.codebook_path);
  if (!book.ok()) return book.error();
  pipeline::Engines engines;
  engines.rules = std::make_shared<const rules::RulesEngine>(*book);
  std::error_code ec;
  const bool model_present =
      !options.model_path.empty() && std::filesystem::exists(options.model_path, ec);
  if (options.model_required || model_present) {
    auto model = LoadModel(options.model_path, **book);
    if (!model.ok()) return model.error();
    engines.model = std::move(*model);
  }
  if (options.llm_client != nullptr) {
    engines.agents = std::make_shared<llm::Agents>(*options.llm_client, *book);
  }
  if (options.code_sample_note) {
    auto coded = pipeline::CodeNote(engines, kSampleNote, pipeline::CodeOptions{});
    if (!coded.ok()) {
      return MakeError(ErrorCode::kInternal, "the warmup note failed: " + coded.error().message);
    }
  }
  return engines;
}

}  // namespace notecoder::app
