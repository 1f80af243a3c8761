#include "codes/xml_sources.hpp"

#include <gtest/gtest.h>

#include "codes/source_reader.hpp"
#include "codes_test_env.hpp"

namespace notecoder::codes {
namespace {

using testing::ReadFixture;

const TabularDiag* FindDiag(const TabularData& data, std::string_view name) {
  for (const TabularDiag& d : data.diags) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

TEST(TabularXml, ReadsChaptersSectionsDiagsAndNotes) {
  auto data = ParseTabularXml(ReadFixture("tabular_mini.xml"), "tabular_mini.xml");
  ASSERT_TRUE(data.ok()) << data.error().message;
  ASSERT_EQ(data->chapters.size(), 4u);
  EXPECT_EQ(data->chapters[1].desc, "Endocrine, nutritional and metabolic diseases (E00-E89)");
  ASSERT_EQ(data->sections.size(), 5u);
  EXPECT_EQ(data->sections[2].name, "I10-I1A");
  ASSERT_EQ(data->sections[2].notes.size(), 1u);

  const TabularDiag* e11 = FindDiag(*data, "E11");
  ASSERT_NE(e11, nullptr);
  EXPECT_EQ(e11->desc, "Type 2 diabetes mellitus");
  EXPECT_EQ(e11->chapter, 1);
  EXPECT_EQ(e11->section, 1);
  std::size_t excludes1 = 0;
  for (const TabularNote& n : e11->notes) excludes1 += n.kind == NoteKind::kExcludes1;
  EXPECT_EQ(excludes1, 3u);
  EXPECT_EQ(e11->notes.size(), 6u);  // includes 1 + useAdditionalCode 2 + excludes1 3

  const TabularDiag* i10 = FindDiag(*data, "I10");
  ASSERT_NE(i10, nullptr);
  ASSERT_EQ(i10->notes.size(), 2u);
  EXPECT_EQ(i10->notes[1].text, "hypertension (arterial) (benign) (essential)");  // collapsed
}

TEST(TabularXml, ReadsSevenChrDefAndSevenChrNote) {
  auto data = ParseTabularXml(ReadFixture("tabular_mini.xml"), "t");
  ASSERT_TRUE(data.ok());
  const TabularDiag* s72 = FindDiag(*data, "S72");
  ASSERT_NE(s72, nullptr);
  ASSERT_GE(s72->seven_def, 0);
  const auto& exts = data->seven_defs[static_cast<std::size_t>(s72->seven_def)].extensions;
  ASSERT_EQ(exts.size(), 3u);  // the stray <note> inside sevenChrDef is not an extension
  EXPECT_EQ(exts[0].first, 'A');
  EXPECT_EQ(exts[0].second, "initial encounter for closed fracture");
  ASSERT_EQ(s72->notes.size(), 1u);
  EXPECT_EQ(s72->notes[0].kind, NoteKind::kNotes);
  EXPECT_EQ(FindDiag(*data, "S72.001")->seven_def, -1);
}

TEST(TabularXml, RejectsBrokenOrForeignXml) {
  auto broken = ParseTabularXml("<ICD10CM.tabular><chapter>", "broken.xml");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(broken.error().message.find("broken.xml"), std::string::npos);
  EXPECT_FALSE(ParseTabularXml("<other/>", "x").ok());
  EXPECT_FALSE(ParseTabularXml("<ICD10CM.tabular/>", "x").ok());
}

TEST(IndexXml, SplitsNemodAndKeepsTheTree) {
  auto terms = ParseIndexXml(ReadFixture("index_mini.xml"), "index_mini.xml");
  ASSERT_TRUE(terms.ok()) << terms.error().message;
  ASSERT_EQ(terms->size(), 13u);
  const IndexTermSource& cholera = (*terms)[0];
  EXPECT_EQ(cholera.title, "Cholera");
  EXPECT_EQ(cholera.nemod, "(Asiatic) (Indian)");
  EXPECT_EQ(cholera.code, "A00.9");
  EXPECT_EQ(cholera.parent, kNone);
  EXPECT_EQ((*terms)[1].parent, 0u);
  EXPECT_EQ((*terms)[1].level, 1);

  const IndexTermSource& autonomic = (*terms)[6];
  EXPECT_EQ(autonomic.title, "autonomic neuropathy");
  EXPECT_EQ(autonomic.nemod, "(poly)");
  EXPECT_EQ(autonomic.level, 3);
  EXPECT_EQ((*terms)[9].code, "S72.00-");
  EXPECT_EQ((*terms)[7].see_also, "Fracture, pathological");
  EXPECT_EQ((*terms)[11].see, "Hypertension");
  EXPECT_EQ((*terms)[12].title, "S\xC3\xA9zary disease");
}

TEST(SourceReader, ReadsPlainAndGzipAndRejectsTruncatedGzip) {
  const std::string text = ReadFixture("index_mini.xml");
  const auto gz = testing::ScratchDir() / "reader_test.xml.gz";
  testing::WriteGzip(gz, text);
  auto inflated = ReadSourceFile(gz);
  ASSERT_TRUE(inflated.ok()) << inflated.error().message;
  EXPECT_EQ(*inflated, text);
  auto plain = ReadSourceFile(testing::FixturePath("index_mini.xml"));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, text);

  std::filesystem::resize_file(gz, std::filesystem::file_size(gz) / 2);
  auto truncated = ReadSourceFile(gz);
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().code, ErrorCode::kDataLoss);

  auto missing = ReadSourceFile(testing::ScratchDir() / "nope.xml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
}

}  // namespace
}  // namespace notecoder::codes
