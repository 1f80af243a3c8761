// Codebook behaviour on the hand-written fixtures: every lookup, with known answers.
#include <gtest/gtest.h>

#include "codes/codebook.hpp"
#include "codes_test_env.hpp"

namespace notecoder::codes {
namespace {

class MiniCodebook : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { built_ = &testing::MiniSnapshot(); }
  const Codebook& book() const { return *built_->book; }
  CodeId Id(std::string_view code) const {
    auto id = book().Find(code);
    EXPECT_TRUE(id.has_value()) << code;
    return id.value_or(kNone);
  }
  std::vector<std::string> Codes(const std::vector<CodeId>& ids) const {
    std::vector<std::string> out;
    for (CodeId id : ids) out.emplace_back(book().Code(id));
    return out;
  }
  static const testing::BuiltSnapshot* built_;
};
const testing::BuiltSnapshot* MiniCodebook::built_ = nullptr;

TEST_F(MiniCodebook, ReportCountsWhatTheSourcesHold) {
  ASSERT_NE(built_->book, nullptr);
  const BuildReport& r = built_->report;
  EXPECT_EQ(r.codes, 22u);
  EXPECT_EQ(r.billable, 10u);
  EXPECT_EQ(r.headers, 12u);
  EXPECT_EQ(r.addenda_added, 1u);
  EXPECT_EQ(r.addenda_deleted, 1u);
  EXPECT_EQ(r.addenda_revised, 1u);
  EXPECT_EQ(r.tabular_diags, 19u);
  EXPECT_EQ(r.tabular_codes_not_in_fy2026, std::vector<std::string>{"E11.8"});
  EXPECT_EQ(r.index_codes_not_in_fy2026, (std::vector<std::string>{"C84.1-", "E11.43"}));
  EXPECT_EQ(r.fy2026_codes_without_tabular, 1u);  // E11A
  EXPECT_EQ(r.index_terms, 13u);
  EXPECT_EQ(r.snapshot_bytes, std::filesystem::file_size(built_->path));
  EXPECT_FALSE(std::filesystem::exists(built_->path.string() + ".tmp"));
  EXPECT_EQ(book().CodeCount(), 22u);
  EXPECT_EQ(book().BillableCount(), 10u);
}

TEST_F(MiniCodebook, FingerprintMatchesSources) {
  auto fp = SourceFingerprint(built_->sources);
  ASSERT_TRUE(fp.ok());
  EXPECT_EQ(book().Fingerprint(), *fp);
  EXPECT_EQ(built_->report.fingerprint, *fp);
  SourceFiles other = built_->sources;
  other.index_xml = testing::FixturePath("tabular_mini.xml");
  EXPECT_NE(*SourceFingerprint(other), *fp);
  other.index_xml = testing::ScratchDir() / "missing.xml";
  EXPECT_FALSE(SourceFingerprint(other).ok());
}

TEST_F(MiniCodebook, FindNormalizesInput) {
  const CodeId id = Id("E11.22");
  EXPECT_EQ(book().Find("e1122"), id);
  EXPECT_EQ(book().Find(" E11.22 "), id);
  EXPECT_FALSE(book().Find("E11.23"));
  EXPECT_FALSE(book().Find("E11.8"));  // in the FY2023 XML only
  EXPECT_FALSE(book().Find("nonsense"));
  EXPECT_EQ(book().Code(id), "E11.22");
  EXPECT_EQ(book().Title(id), "Type 2 diabetes mellitus with diabetic chronic kidney disease");
  EXPECT_EQ(book().ShortTitle(id), "Type 2 diabetes mellitus w diabetic chronic kidney disease");
  EXPECT_TRUE(book().IsBillable(id));
  EXPECT_FALSE(book().IsBillable(Id("E11")));
  EXPECT_EQ(book().Code(kNone), "");  // out-of-range ids are harmless
}

TEST_F(MiniCodebook, HierarchyByPrefixInTabularOrder) {
  EXPECT_EQ(book().Parent(Id("E11.22")), Id("E11.2"));
  EXPECT_EQ(book().Parent(Id("E11.2")), Id("E11"));
  EXPECT_EQ(book().Parent(Id("E11")), kNone);
  EXPECT_EQ(book().Parent(Id("T36.0X1A")), Id("T36.0X1"));
  EXPECT_EQ(Codes(book().Children(Id("E11"))),
            (std::vector<std::string>{"E11.2", "E11.9", "E11.A"}));
  EXPECT_TRUE(book().IsAncestorOf(Id("E11"), Id("E11.22")));
  EXPECT_FALSE(book().IsAncestorOf(Id("E11.22"), Id("E11")));
  EXPECT_FALSE(book().IsAncestorOf(Id("E10"), Id("E11.22")));
  EXPECT_EQ(book().Chapter(Id("E11.22")),
            "Endocrine, nutritional and metabolic diseases (E00-E89)");
  EXPECT_EQ(book().Chapter(Id("E11.A")), book().Chapter(Id("E11")));  // not in the tabular
}

TEST_F(MiniCodebook, NotesDirectAndInherited) {
  const CodeId e1122 = Id("E11.22");
  EXPECT_EQ(book().Notes(e1122, NoteKind::kUseAdditionalCode).size(), 1u);
  EXPECT_TRUE(book().Notes(e1122, NoteKind::kExcludes1).empty());
  const auto inherited = book().InheritedNotes(e1122, NoteKind::kUseAdditionalCode);
  ASSERT_EQ(inherited.size(), 3u);  // nearest first
  EXPECT_EQ(inherited[0], "code to identify stage of chronic kidney disease (N18.1-N18.6)");
  EXPECT_EQ(inherited[1], "code to identify control using:");
  EXPECT_EQ(book().InheritedNotes(Id("E11.A"), NoteKind::kExcludes1).size(), 3u);
  const auto i10 = book().InheritedNotes(Id("I10"), NoteKind::kExcludes1);
  ASSERT_EQ(i10.size(), 1u);  // from the section
  EXPECT_EQ(i10[0], "neonatal hypertension (P29.2)");
  EXPECT_EQ(book().Notes(Id("S72"), NoteKind::kNotes).size(), 1u);  // sevenChrNote
}

TEST_F(MiniCodebook, SeventhCharactersAndExtensions) {
  const auto sevenths = book().SeventhCharacters(Id("S72.001"));
  ASSERT_EQ(sevenths.size(), 3u);
  EXPECT_EQ(sevenths[0].ch, 'A');
  EXPECT_EQ(sevenths[0].meaning, "initial encounter for closed fracture");
  EXPECT_TRUE(book().SeventhCharacters(Id("E11.22")).empty());

  const auto ext = book().ValidExtensions(Id("S72.001"));
  ASSERT_EQ(ext.size(), 2u);  // B is defined but S72.001B is not in the order file
  EXPECT_EQ(ext[0].code, "S72.001A");
  EXPECT_EQ(ext[1].code, "S72.001D");
  EXPECT_EQ(ext[1].ch, 'D');

  const auto padded = book().ValidExtensions(Id("T36.0X1"));
  ASSERT_EQ(padded.size(), 1u);
  EXPECT_EQ(padded[0].code, "T36.0X1A");
  EXPECT_EQ(padded[0].meaning, "initial encounter");
  EXPECT_TRUE(book().ValidExtensions(Id("T36.0X1A")).empty());
  EXPECT_TRUE(book().ValidExtensions(Id("E11.9")).empty());
}

TEST_F(MiniCodebook, Excludes1Conflicts) {
  auto hit = book().FindExcludes1Conflict(Id("E10.9"), Id("E11.9"));
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(book().Code(hit->holder), "E10");
  EXPECT_EQ(hit->note, "type 2 diabetes mellitus (E11.-)");
  auto reverse = book().FindExcludes1Conflict(Id("E11.22"), Id("E10.9"));
  ASSERT_TRUE(reverse.has_value());
  EXPECT_EQ(book().Code(reverse->holder), "E11");
  EXPECT_FALSE(book().FindExcludes1Conflict(Id("E11.9"), Id("I10")));
  EXPECT_FALSE(book().FindExcludes1Conflict(Id("E11.9"), Id("E11.22")));
  EXPECT_FALSE(book().FindExcludes1Conflict(Id("E11.9"), Id("E11.9")));
}

// Profiles gathered once per code give the answer of the pairwise call, holder and note
// included, in both orders; an unknown code conflicts with nothing.
TEST_F(MiniCodebook, Excludes1ProfilesAnswerAsThePairwiseCheck) {
  const auto profile = [&](std::string_view code) { return book().Excludes1ProfileOf(Id(code)); };
  const auto hit = Codebook::FindExcludes1Conflict(profile("E10.9"), profile("E11.9"));
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(book().Code(hit->holder), "E10");
  EXPECT_EQ(hit->note, "type 2 diabetes mellitus (E11.-)");
  EXPECT_FALSE(Codebook::FindExcludes1Conflict(profile("E11.9"), profile("E11.9")));
  EXPECT_FALSE(Codebook::FindExcludes1Conflict(profile("E11.9"), Excludes1Profile{}));
  EXPECT_EQ(book().Excludes1ProfileOf(kNone).id, kNone);

  for (CodeId a = 0; a < book().CodeCount(); ++a) {
    const Excludes1Profile pa = book().Excludes1ProfileOf(a);
    for (CodeId b = 0; b < book().CodeCount(); ++b) {
      const auto want = book().FindExcludes1Conflict(a, b);
      const auto got = Codebook::FindExcludes1Conflict(pa, book().Excludes1ProfileOf(b));
      ASSERT_EQ(got.has_value(), want.has_value()) << book().Code(a) << " " << book().Code(b);
      if (got) {
        EXPECT_EQ(got->holder, want->holder);
        EXPECT_EQ(got->note, want->note);
      }
    }
  }
}

TEST_F(MiniCodebook, SearchRanksTitlesIndexAndInclusionTerms) {
  const auto hits = book().Search("type 2 diabetes ckd", 3);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(book().Code(hits[0].id), "E11.22");
  EXPECT_EQ(book().Code(book().Search("high blood pressure", 1).at(0).id), "I10");
  EXPECT_EQ(book().Code(book().Search("classical", 1).at(0).id), "A00.0");  // inclusion term
  const auto prefix = book().Search("chol", 5);                             // last word prefix
  ASSERT_FALSE(prefix.empty());
  EXPECT_EQ(book().Code(prefix[0].id).substr(0, 3), "A00");
  EXPECT_EQ(book().Code(book().Search("fractures femur", 1).at(0).id).substr(0, 3), "S72");
  EXPECT_TRUE(book().Search("", 5).empty());
  EXPECT_TRUE(book().Search("zzzz qqqq", 5).empty());
  EXPECT_TRUE(book().Search("diabetes", 0).empty());
}

TEST_F(MiniCodebook, IndexWalk) {
  EXPECT_EQ(book().TermCount(), 13u);
  const auto mains = book().MainTerms();
  ASSERT_EQ(mains.size(), 6u);
  EXPECT_EQ(book().TermTitle(mains[0]), "Cholera");
  EXPECT_EQ(book().TermNemod(mains[0]), "(Asiatic) (Indian)");

  const auto diabetes = book().FindMainTerm("diabetes, DIABETIC");
  ASSERT_EQ(diabetes.size(), 1u);
  EXPECT_EQ(book().TermLevel(diabetes[0]), 0);
  EXPECT_EQ(book().TermParent(diabetes[0]), kNone);
  const auto type2 = book().SubTerms(diabetes[0]);
  ASSERT_EQ(type2.size(), 1u);
  EXPECT_EQ(book().TermTitle(type2[0]), "type 2");
  const auto with = book().SubTerms(type2[0]);
  ASSERT_EQ(with.size(), 1u);
  EXPECT_FALSE(book().TermCode(with[0]).has_value());
  const auto leaves = book().SubTerms(with[0]);
  ASSERT_EQ(leaves.size(), 2u);
  EXPECT_EQ(book().TermTitle(leaves[0]), "chronic kidney disease");
  EXPECT_EQ(book().TermLevel(leaves[0]), 3);
  EXPECT_EQ(book().TermParent(leaves[0]), with[0]);
  EXPECT_EQ(book().TermCode(leaves[0]), Id("E11.22"));
  EXPECT_EQ(book().TermTitle(leaves[1]), "autonomic neuropathy");
  EXPECT_FALSE(book().TermCode(leaves[1]).has_value());  // E11.43 not in these codes
  EXPECT_EQ(book().TermCodeText(leaves[1]), "E11.43");

  const auto sezary = book().FindMainTerm("SEZARY disease");
  ASSERT_EQ(sezary.size(), 1u);
  EXPECT_EQ(book().FindMainTerm("S\xC3\xA9zary disease"), sezary);
  EXPECT_EQ(book().TermTitle(sezary[0]), "S\xC3\xA9zary disease");

  const auto fracture = book().FindMainTerm("Fracture, traumatic");
  ASSERT_EQ(fracture.size(), 1u);
  EXPECT_EQ(book().TermSeeAlso(fracture[0]), "Fracture, pathological");
  const auto neck = book().SubTerms(book().SubTerms(fracture[0]).at(0)).at(0);
  EXPECT_EQ(book().TermCode(neck), Id("S72.00"));  // "S72.00-" names the header
  EXPECT_EQ(book().TermSee(book().FindMainTerm("hyperpiesis").at(0)), "Hypertension");
  EXPECT_TRUE(book().FindMainTerm("no such term").empty());
}

}  // namespace
}  // namespace notecoder::codes
