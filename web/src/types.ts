// types.ts: the API's documents under the names the UI uses, taken from docs/openapi.json
// (api-types.ts is generated from it by `npm run types`), so the UI cannot drift from the spec.
import type { components } from './api-types';

type Schemas = components['schemas'];

export type Role = Schemas['Role'];
export type State = Schemas['State'];
export type Channel = Schemas['Channel'];
export type ComplainantType = Schemas['ComplainantType'];
export type Step = Schemas['Step'];
export type Action = Schemas['Action'];
export type AttachmentKind = Schemas['AttachmentKind'];
export type Problem = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];

export type Staff = Schemas['Staff'];
export type StaffList = Schemas['StaffList'];
export type Session = Schemas['Session'];
export type Procedure = Schemas['Procedure'];
export type ProcedureStep = Schemas['ProcedureStep'];

export type Deadline = Schemas['Deadline'];
export type ComplaintSummary = Schemas['ComplaintSummary'];
export type ComplaintPage = Schemas['ComplaintPage'];
export type AuditEvent = Schemas['AuditEvent'];
export type OfferedAction = Schemas['OfferedAction'];
export type Attachment = Schemas['Attachment'];
// One complaint as GET .../complaints/{id} answers it: with timeline, actions and case file.
export type Complaint = Schemas['Complaint'];
// The answer to registering a complaint and to a step: the complaint with its deadlines only.
export type SavedComplaint = Schemas['SavedComplaint'];
export type Intake = Schemas['Intake'];
export type LoginRequest = Schemas['LoginRequest'];
export type PasswordChange = Schemas['PasswordChange'];
export type NewAccount = Schemas['NewAccount'];
export type AccountChange = Schemas['AccountChange'];
// Mail: a message that came in (the inbox), a mail of the outbox, and the case's correspondence.
export type InboundMail = Schemas['InboundMail'];
export type InboundMailList = Schemas['InboundMailList'];
export type OutboxMail = Schemas['OutboxMail'];
export type OutboxMailList = Schemas['OutboxMailList'];
export type CorrespondenceItem = Schemas['CorrespondenceItem'];
// The organisation's own mail texts: per kind of mail, in Dutch and English, with the
// placeholders each kind may use.
export type MailTemplateKind = Schemas['MailTemplateKind'];
export type MailTemplateText = Schemas['MailTemplateText'];
export type MailTemplateVersion = Schemas['MailTemplateVersion'];
export type MailTemplateList = Schemas['MailTemplateList'];
export type MailTemplate = MailTemplateList['items'][number];
// The nonconformity register and the actions followed until done (docs/register.md): a row
// of the register with its measures, an agreed action or measure, and what the forms send.
export type NonconformityKind = Schemas['NonconformityKind'];
export type NonconformitySource = Schemas['NonconformitySource'];
export type Nonconformity = Schemas['Nonconformity'];
export type NonconformityList = Schemas['NonconformityList'];
export type NewNonconformity = Schemas['NewNonconformity'];
export type NonconformityChange = Schemas['NonconformityChange'];
export type ActionKind = Schemas['ActionKind'];
export type ActionStatus = Schemas['ActionStatus'];
export type TrackedAction = Schemas['TrackedAction'];
export type ActionList = Schemas['ActionList'];
export type NewMeasure = Schemas['NewMeasure'];
export type NewAgreedAction = Schemas['NewAgreedAction'];
export type ActionStatusChange = Schemas['ActionStatusChange'];
export type EffectivenessReview = Schemas['EffectivenessReview'];
export type ReviewResult = Schemas['ReviewResult'];
// The management-review report (docs/reports.md): a period's figures beside the period before,
// and the review's conclusions and decisions with whether the reader may record them.
export type Report = Schemas['Report'];
export type ReportPeriod = Schemas['ReportPeriod'];
export type ReportFigures = Schemas['ReportFigures'];
export type ReportBreakdown = ReportFigures['breakdowns'][number];
export type ReportReview = Schemas['ReportReview'];
