// inbound_mail_test.cpp: mail that comes in, taken apart by GMime (service/mail_reader) and
// judged by core/inbound_mail: decoded headers and text, attachments byte for byte, the case
// a reply answers, and a machine's message told from a person's.
#include "core/inbound_mail.hpp"
#include "core/utf8.hpp"
#include "service/mail_reader.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace kd;

namespace {

std::string corpus(const std::string& name) {
    std::ifstream in(kd::testing::source_path("fuzz/corpus/mail/" + name), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

InboundMessage person() {
    InboundMessage m;
    m.from_address = "jan@example.org";
    return m;
}

} // namespace

TEST(InboundMail, HeadersAndTextAreDecodedToUtf8) {
    auto m = read_mail(corpus("plain.eml"));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->from_name, "Jan de Boer");
    EXPECT_EQ(m->from_address, "jan@example.org");
    EXPECT_EQ(m->subject, "Klacht over mijn loonstrook €");
    EXPECT_EQ(m->text, "Mijn loonstrook klopt niet: € 12 te weinig.\r\n");
    EXPECT_EQ(m->message_id, "1@example.org");
    EXPECT_EQ(m->to, std::vector<std::string>{"klachten@xs2more.example"});
    ASSERT_TRUE(m->date);
    EXPECT_EQ(*m->date, kd::testing::at("2026-11-18T10:30"));
    EXPECT_TRUE(m->files.empty());
    EXPECT_FALSE(machine_sent(*m, {"klachten@xs2more.example"}));
}

TEST(InboundMail, AReplyNamesWhatItAnswersAndCarriesItsFiles) {
    auto m = read_mail(corpus("reply.eml"));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->from_name, "Boer, Jan");
    // Latin-1 text becomes UTF-8; the plain part wins over the HTML one.
    EXPECT_EQ(m->text, "Dank u, ik ben tevreden.");
    EXPECT_EQ(m->refers_to, (std::vector<std::string>{"abc@xs2more.klachtdesk", "x@y",
                                                      "abc@xs2more.klachtdesk"}));
    ASSERT_EQ(m->files.size(), 2u);
    EXPECT_EQ(m->files[0].file_name, "brief.pdf");
    EXPECT_EQ(m->files[0].bytes.substr(0, 8), "%PDF-1.4");
    EXPECT_EQ(m->files[1].file_name, "doorgestuurd.eml"); // an attached message
    EXPECT_NE(m->files[1].bytes.find("tekst"), std::string::npos);
    EXPECT_EQ(reference_in(m->subject, "004"), "004-00017");
}

TEST(InboundMail, AnHtmlOnlyMessageIsReadAsText) {
    auto m = read_mail("From: a@example.org\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                       "<html><body><p>Slecht <b>behandeld</b></p><script>x</script></body>"
                       "</html>\r\n");
    ASSERT_TRUE(m);
    EXPECT_NE(m->text.find("Slecht"), std::string::npos);
    EXPECT_NE(m->text.find("behandeld"), std::string::npos);
    EXPECT_EQ(m->text.find('<'), std::string::npos);
}

TEST(InboundMail, WhatIsNoMessageIsRefused) {
    EXPECT_FALSE(read_mail(""));
    EXPECT_FALSE(read_mail("just some words\r\n"));
    EXPECT_FALSE(read_mail("Subject: no sender\r\n\r\ntext\r\n"));
}

TEST(InboundMail, AMachinesMessageIsToldFromAPersons) {
    auto bounce = read_mail(corpus("bounce.eml"));
    ASSERT_TRUE(bounce);
    EXPECT_EQ(bounce->content_type, "multipart/report");
    EXPECT_TRUE(machine_sent(*bounce, {}));

    const std::vector<std::string> own = {"klachten@xs2more.example"};
    auto judged = [&](auto change) {
        InboundMessage m = person();
        change(m);
        return machine_sent(m, own);
    };
    EXPECT_FALSE(judged([](InboundMessage&) {}));
    EXPECT_FALSE(judged([](InboundMessage& m) { m.auto_submitted = "no"; }));
    EXPECT_TRUE(judged([](InboundMessage& m) { m.auto_submitted = "auto-replied"; }));
    EXPECT_TRUE(judged([](InboundMessage& m) { m.auto_submitted = "auto-generated"; }));
    EXPECT_TRUE(judged([](InboundMessage& m) { m.autoreply_header = true; }));
    EXPECT_TRUE(judged([](InboundMessage& m) { m.precedence = "bulk"; }));
    EXPECT_TRUE(judged([](InboundMessage& m) { m.precedence = "auto_reply"; }));
    EXPECT_TRUE(judged([](InboundMessage& m) { m.list_header = true; }));
    EXPECT_TRUE(judged([](InboundMessage& m) { m.return_path = "<>"; }));
    EXPECT_TRUE(judged([](InboundMessage& m) { m.from_address = "Postmaster@example.org"; }));
    EXPECT_TRUE(judged([](InboundMessage& m) { m.from_address = "noreply@example.org"; }));
    // Loops: klachtdesk's own address or its own mail coming back, or too many hops.
    EXPECT_TRUE(judged([](InboundMessage& m) { m.from_address = "Klachten@XS2more.example"; }));
    EXPECT_TRUE(judged([](InboundMessage& m) { m.sent_by_klachtdesk = true; }));
    EXPECT_TRUE(judged([](InboundMessage& m) { m.received_headers = 31; }));
    EXPECT_FALSE(judged([](InboundMessage& m) { m.received_headers = 8; }));
}

TEST(InboundMail, OnlyTheOrganisationsOwnReferenceCounts) {
    EXPECT_EQ(reference_in("Re: Uw klacht (004-00017)", "004"), "004-00017");
    EXPECT_EQ(reference_in("004-123456 en meer", "004"), "004-123456");
    EXPECT_FALSE(reference_in("Re: Uw klacht (003-00017)", "004"));
    EXPECT_FALSE(reference_in("Re: 1004-00017", "004"));
    EXPECT_FALSE(reference_in("Re: 004-0001", "004"));
    EXPECT_FALSE(reference_in("", "004"));
}

TEST(InboundMail, AddressesAreReadOutOfAMailbox) {
    EXPECT_EQ(address_of("Klachtdesk <klachten@example.nl>"), "klachten@example.nl");
    EXPECT_EQ(address_of("klachten@example.nl"), "klachten@example.nl");
    EXPECT_EQ(fold_address(" Jan@Example.ORG "), "jan@example.org");
}

TEST(InboundMail, AForgedOrWrongDateDoesNotMoveTheMomentOfReceipt) {
    using kd::testing::at;
    const Instant came_in = at("2026-11-18T10:30");
    EXPECT_EQ(moment_of_receipt(at("2026-11-17T21:15"), came_in), at("2026-11-17T21:15"));
    EXPECT_EQ(moment_of_receipt(at("2026-11-18T10:35"), came_in), came_in); // a clock ahead
    EXPECT_EQ(moment_of_receipt(at("2027-01-01T00:00"), came_in), came_in); // the future
    EXPECT_EQ(moment_of_receipt(at("2026-10-01T09:00"), came_in), came_in); // weeks before
    EXPECT_EQ(moment_of_receipt(std::nullopt, came_in), came_in);
}

TEST(InboundMail, InvalidUtf8AndNulBytesBecomeValidText) {
    std::string raw = "From: a@example.org\r\nSubject: caf\xe9\r\nContent-Type: text/plain; "
                      "charset=utf-8\r\n\r\nte\xffkst";
    raw += std::string(1, '\0') + "einde\r\n";
    auto m = read_mail(raw);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->text.find('\0'), std::string::npos);
    // GMime hands the text over as a C string: it ends at a NUL byte.
    EXPECT_EQ(m->text.rfind("te", 0), 0u) << m->text;
    // Valid UTF-8 (what PostgreSQL and the JSON writer demand).
    EXPECT_TRUE(valid_utf8(m->text)) << m->text;
    EXPECT_TRUE(valid_utf8(m->subject)) << m->subject;
}
