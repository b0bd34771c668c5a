// services.hpp: every use case of klachtdesk, built once over one database, writer and clock;
// what the API, the command line and the tests call.
#pragma once

#include "service/accounts.hpp"
#include "service/attachments.hpp"
#include "service/audit_log.hpp"
#include "service/auth.hpp"
#include "service/clock.hpp"
#include "service/complaints.hpp"
#include "service/hearings.hpp"
#include "service/inbound_mail.hpp"
#include "service/mail_templates.hpp"
#include "service/nonconformities.hpp"
#include "service/organisations.hpp"
#include "service/outgoing_mail.hpp"
#include "service/public_form.hpp"
#include "service/reports.hpp"
#include "service/satisfaction.hpp"

namespace kd {

struct Services {
    Services(Database& db, Writer& writer, const Clock& clock)
        : clock(clock), storage_name(db.backend_name()), organisations(db, writer),
          complaints(db, writer, organisations), hearings(complaints), audit_log(db),
          auth(db, writer), accounts(db, writer, auth), public_form(db, writer),
          attachments(db, writer), inbound_mail(complaints, attachments), outbox(db),
          satisfaction(complaints), mail_templates(db, writer), nonconformities(db, writer),
          reports(db, writer) {}

    const Clock& clock;
    std::string storage_name;    // "sqlite" or "postgresql", for the health check
    bool secure_cookies = false; // set when served over TLS (behind a proxy)
    Organisations organisations;
    ComplaintService complaints;
    HearingService hearings;
    AuditLogService audit_log;
    Authenticator auth; // before accounts, which ends sessions through it
    AccountService accounts;
    PublicFormService public_form;
    AttachmentService attachments;
    InboundMailService inbound_mail;
    OutboxService outbox;
    SatisfactionService satisfaction;
    MailTemplateService mail_templates;
    NonconformityService nonconformities;
    ReportService reports;
};

} // namespace kd
