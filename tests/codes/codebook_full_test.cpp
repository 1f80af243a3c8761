// The codebook built from the official FY2026 order file and the FY2023 XML.
#include <gtest/gtest.h>

#include <algorithm>

#include "codes/codebook.hpp"
#include "codes_test_env.hpp"

namespace notecoder::codes {
namespace {

class FullCodebook : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { built_ = &testing::RealSnapshot(); }
  void SetUp() override { ASSERT_NE(built_->book, nullptr); }
  const Codebook& book() const { return *built_->book; }
  CodeId Id(std::string_view code) const {
    auto id = book().Find(code);
    EXPECT_TRUE(id.has_value()) << code;
    return id.value_or(kNone);
  }
  static const testing::BuiltSnapshot* built_;
};
const testing::BuiltSnapshot* FullCodebook::built_ = nullptr;

TEST_F(FullCodebook, BuildReport) {
  const BuildReport& r = built_->report;
  EXPECT_EQ(r.codes, 98186u);
  EXPECT_EQ(r.billable, 74719u);
  EXPECT_EQ(r.headers, 23467u);
  EXPECT_EQ(r.addenda_deleted, 28u);
  EXPECT_EQ(r.addenda_revised, 45u);
  EXPECT_EQ(r.addenda_added, 630u);  // 487 codes + 143 headers
  EXPECT_EQ(r.tabular_diags, 45869u);
  // Every FY2023 <diag> name is still a FY2026 code or header (codes that gained children
  // became headers), so only the index has stale references: the known E34.828 typo.
  EXPECT_TRUE(r.tabular_codes_not_in_fy2026.empty());
  EXPECT_EQ(r.index_codes_not_in_fy2026, std::vector<std::string>{"E34.828"});
  EXPECT_EQ(r.fy2026_codes_without_tabular, 1456u);
  // A guard against an order-of-magnitude regression (12x the 0.84 s BENCHMARKS.md measures),
  // not the benchmark.
  EXPECT_LT(r.seconds, 10.0);
  EXPECT_GT(r.index_terms, 70000u);
  EXPECT_EQ(book().CodeCount(), 98186u);
  EXPECT_EQ(book().BillableCount(), 74719u);
}

TEST_F(FullCodebook, CodesTitlesAndHierarchy) {
  const CodeId e1122 = Id("E11.22");
  EXPECT_EQ(book().Find("e1122"), e1122);
  EXPECT_EQ(book().Title(e1122), "Type 2 diabetes mellitus with diabetic chronic kidney disease");
  EXPECT_TRUE(book().IsBillable(e1122));
  EXPECT_FALSE(book().IsBillable(Id("E11")));
  EXPECT_EQ(book().Parent(e1122), Id("E11.2"));
  EXPECT_EQ(book().Parent(Id("E11.2")), Id("E11"));
  EXPECT_EQ(book().Parent(Id("E11")), kNone);
  EXPECT_EQ(book().Parent(Id("S72.001A")), Id("S72.001"));
  const auto kids = book().Children(Id("E11.2"));
  ASSERT_EQ(kids.size(), 3u);
  EXPECT_EQ(book().Code(kids[0]), "E11.21");
  EXPECT_EQ(book().Code(kids[1]), "E11.22");
  EXPECT_EQ(book().Code(kids[2]), "E11.29");
  EXPECT_TRUE(book().IsAncestorOf(Id("E11"), e1122));
  EXPECT_EQ(book().Chapter(e1122), "Endocrine, nutritional and metabolic diseases (E00-E89)");
  EXPECT_EQ(book().Title(Id("I10")), "Essential (primary) hypertension");
  // New in FY2026, so absent from the FY2023 tabular: notes come from the ancestors.
  const CodeId e11a = Id("E11.A");
  EXPECT_TRUE(book().Notes(e11a, NoteKind::kExcludes1).empty());
  EXPECT_FALSE(book().InheritedNotes(e11a, NoteKind::kExcludes1).empty());
}

TEST_F(FullCodebook, SeventhCharacterExtensions) {
  const auto ext = book().ValidExtensions(Id("S72.001"));
  ASSERT_FALSE(ext.empty());
  EXPECT_TRUE(std::any_of(ext.begin(), ext.end(), [](const Extension& e) {
    return e.code == "S72.001A" && e.ch == 'A' &&
           e.meaning == "initial encounter for closed fracture";
  }));
  EXPECT_EQ(ext.size(), 16u);
  const auto padded = book().ValidExtensions(Id("T36.0X1"));
  ASSERT_EQ(padded.size(), 3u);
  EXPECT_EQ(padded[0].code, "T36.0X1A");
  for (const Extension& e : padded) EXPECT_TRUE(book().Find(e.code).has_value());
  EXPECT_TRUE(book().ValidExtensions(Id("E11.22")).empty());
}

TEST_F(FullCodebook, Excludes1) {
  auto hit = book().FindExcludes1Conflict(Id("E10.9"), Id("E11.9"));
  ASSERT_TRUE(hit.has_value());
  EXPECT_FALSE(hit->note.empty());
  EXPECT_FALSE(book().FindExcludes1Conflict(Id("E11.9"), Id("I10")));
  EXPECT_TRUE(book().FindExcludes1Conflict(Id("E11.9"), Id("O24.410")));
}

TEST_F(FullCodebook, SearchFindsTypeTwoDiabetesWithCkd) {
  const auto hits = book().Search("type 2 diabetes ckd", 3);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_TRUE(std::any_of(hits.begin(), hits.end(),
                          [&](const SearchHit& h) { return book().Code(h.id) == "E11.22"; }));
  EXPECT_EQ(book().Code(book().Search("essential hypertension", 1).at(0).id), "I10");
}

TEST_F(FullCodebook, IndexWalkToE1122) {
  const auto diabetes = book().FindMainTerm("Diabetes, diabetic");
  ASSERT_EQ(diabetes.size(), 1u);
  EXPECT_EQ(book().TermNemod(diabetes[0]), "(mellitus) (sugar)");
  const auto find_sub = [&](TermId parent, std::string_view title) {
    for (TermId t : book().SubTerms(parent)) {
      if (book().TermTitle(t) == title) return t;
    }
    ADD_FAILURE() << "no subterm " << title;
    return kNone;
  };
  const TermId type2 = find_sub(diabetes[0], "type 2");
  const TermId with = find_sub(type2, "with");
  const TermId ckd = find_sub(with, "chronic kidney disease");
  EXPECT_EQ(book().TermCode(ckd), Id("E11.22"));
  EXPECT_EQ(book().TermLevel(ckd), 3);
  // The plain "Diabetes → with → chronic kidney disease" path also leads to E11.22.
  const TermId with1 = find_sub(diabetes[0], "with");
  EXPECT_EQ(book().TermCode(find_sub(with1, "chronic kidney disease")), Id("E11.22"));
  EXPECT_EQ(book().FindMainTerm("SEZARY DISEASE").size(), 1u);
}

}  // namespace
}  // namespace notecoder::codes
