// attachment_test.cpp: which files a case file takes, told by their content (core/attachment).
#include "core/attachment.hpp"

#include <gtest/gtest.h>

using namespace kd;

namespace {

std::string zip_entry(const std::string& name, const std::string& data) {
    // A ZIP local file header: signature, version, flags, method 0 (stored), time, date,
    // CRC, sizes, name length, extra length; then the name and the data.
    std::string h("PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0", 18);
    auto le32 = [](std::size_t v) {
        return std::string{static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF),
                           static_cast<char>((v >> 16) & 0xFF), static_cast<char>(v >> 24)};
    };
    h += le32(data.size()) + le32(data.size());
    h += std::string{static_cast<char>(name.size()), 0, 0, 0};
    return h + name + data;
}

std::string type_of(const std::string& name, const std::string& bytes) {
    auto t = check_attachment(name, bytes);
    return t ? t.value().name : "refused: " + t.refusal().message_en;
}

} // namespace

TEST(Attachment, DocumentsAndPhotosAreRecognisedByTheirContent) {
    EXPECT_EQ(type_of("brief.pdf", "%PDF-1.7\n..."), "pdf");
    EXPECT_EQ(type_of("BRIEF.PDF", "%PDF-1.7\n..."), "pdf"); // the extension in any case
    EXPECT_EQ(type_of("foto.jpg", "\xFF\xD8\xFF\xE0 JFIF"), "jpeg");
    EXPECT_EQ(type_of("foto.jpeg", "\xFF\xD8\xFF\xE1 Exif"), "jpeg");
    EXPECT_EQ(type_of("scan.png", std::string("\x89PNG\r\n\x1A\n\0\0\0\r", 12)), "png");
    EXPECT_EQ(type_of("iphone.heic", std::string("\0\0\0\x18"
                                                 "ftypheic",
                                                 12)),
              "heic");
    std::string docx =
        zip_entry("[Content_Types].xml", "<Types/>") + zip_entry("word/document.xml", "<w/>");
    EXPECT_EQ(type_of("verslag.docx", docx), "docx");
    std::string xlsx =
        zip_entry("[Content_Types].xml", "<Types/>") + zip_entry("xl/workbook.xml", "<x/>");
    EXPECT_EQ(type_of("lijst.xlsx", xlsx), "xlsx");
    EXPECT_EQ(
        type_of("notitie.odt", zip_entry("mimetype", "application/vnd.oasis.opendocument.text")),
        "odt");
    std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    EXPECT_EQ(type_of("oud.doc", ole), "doc");
    EXPECT_EQ(type_of("mail.msg", ole), "msg");
    EXPECT_EQ(type_of("notitie.txt", "Telefoonnotitie: mevrouw belt terug.\n"), "text");
    EXPECT_EQ(type_of("notitie.txt", "\xEF\xBB\xBFMet BOM en é"), "text");
    // A saved e-mail may hold an HTML part; it is still a mail, and only ever downloaded.
    EXPECT_EQ(type_of("klacht.eml", "From: a@b.nl\r\nContent-Type: text/html\r\n\r\n<html></html>"),
              "eml");
}

TEST(Attachment, MarkupProgramsAndArchivesAreRefused) {
    for (const std::string& page :
         {std::string("<!DOCTYPE html><p>x"), std::string("  <html>"),
          std::string("<svg xmlns='x'/>"), std::string("<?xml version='1.0'?>"),
          std::string("\n<SCRIPT>alert(1)</SCRIPT>")})
        EXPECT_EQ(type_of("brief.txt", page).rfind("refused", 0), 0u) << page;
    EXPECT_EQ(type_of("setup.pdf", std::string("MZ\x90\0", 4)).rfind("refused", 0), 0u);
    EXPECT_EQ(type_of("run.txt", std::string("\x7F"
                                             "ELF\x02\x01",
                                             6))
                  .rfind("refused", 0),
              0u);
    // A ZIP that is no office document could hold anything.
    EXPECT_EQ(type_of("map.zip", zip_entry("virus.exe", "MZ")).rfind("refused", 0), 0u);
    EXPECT_EQ(type_of("map.docx", zip_entry("virus.exe", "MZ")).rfind("refused", 0), 0u);
    // Text that is not UTF-8, or holds zero bytes, is not text.
    EXPECT_EQ(type_of("oud.txt", "caf\xE9").rfind("refused", 0), 0u);
    EXPECT_EQ(type_of("bin.txt", std::string("a\0b", 3)).rfind("refused", 0), 0u);
    EXPECT_EQ(type_of("leeg.pdf", "").rfind("refused", 0), 0u);
}

TEST(Attachment, TheNameMustSayWhatTheContentIs) {
    auto r = check_attachment("foto.jpg", "%PDF-1.7");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.refusal().field, "file");
    EXPECT_NE(r.refusal().message_nl.find("PDF-document"), std::string::npos);
    EXPECT_NE(r.refusal().message_nl.find("(.pdf)"), std::string::npos) << r.refusal().message_nl;
    EXPECT_FALSE(check_attachment("brief", "%PDF-1.7"));
    auto unknown = check_attachment("x.bin", "\x01\x02\x03");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.refusal().message_nl.find(".pdf, .png"), std::string::npos);
}

TEST(Attachment, FileNamesAreKeptWithoutTheirFolder) {
    EXPECT_EQ(clean_file_name("C:\\Users\\jan\\brief.pdf").value(), "brief.pdf");
    EXPECT_EQ(clean_file_name("/home/jan/brief één.pdf").value(), "brief één.pdf");
    EXPECT_EQ(clean_file_name("  brief.pdf ").value(), "brief.pdf");
    for (const std::string& bad :
         {std::string(""), std::string("  "), std::string(".."), std::string("a\nb.pdf"),
          std::string("a\x7f.pdf"), std::string("caf\xE9.pdf"), std::string(201, 'a')}) {
        auto r = clean_file_name(bad);
        EXPECT_FALSE(r) << bad;
        if (!r) {
            EXPECT_EQ(r.refusal().field, "file_name");
        }
    }
}

TEST(Attachment, KindsReadBackAsWritten) {
    for (auto k :
         {AttachmentKind::written_complaint, AttachmentKind::correspondence,
          AttachmentKind::written_confirmation, AttachmentKind::evidence, AttachmentKind::other})
        EXPECT_EQ(attachment_kind_from_string(to_string(k)), k);
    EXPECT_FALSE(attachment_kind_from_string("geheim"));
}
