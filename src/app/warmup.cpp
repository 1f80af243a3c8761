#include "app/warmup.hpp"

#include "codes/codebook.hpp"

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

Result<std::shared_ptr<const rules::RulesEngine>> Warmup(const WarmupOptions& options) {
  auto book = codes::Codebook::Open(options.codebook_path);
  if (!book.ok()) return book.error();
  auto engine = std::make_shared<const rules::RulesEngine>(*book);
  if (options.code_sample_note) {
    auto coded = engine->Code(kSampleNote);
    if (!coded.ok()) {
      return MakeError(ErrorCode::kInternal, "the warmup note failed: " + coded.error().message);
    }
  }
  return std::shared_ptr<const rules::RulesEngine>(std::move(engine));
}

}  // namespace notecoder::app
