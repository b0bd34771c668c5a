// labels.ts: the names people read for the API's words: states, channels, steps, actions
// and the fields of the audit trail, in Dutch and English. A table of one of the spec's fixed
// sets is checked against it (`satisfies`), so that a value the spec adds or drops fails the
// build; it stays indexable by any text the API sends.
import type {
  Action, ActionKind, ActionStatus, AttachmentKind, Channel, MailTemplateKind, NonconformityKind, NonconformitySource, ReportBreakdown, State,
  Step,
} from './types';

type Pair = readonly [string, string];

export const stateLabels: Record<string, Pair> = {
  received: ['Ontvangen', 'Received'],
  acknowledged: ['Ontvangst bevestigd', 'Acknowledged'],
  assigned: ['Toegewezen', 'Assigned'],
  in_handling: ['In behandeling', 'In handling'],
  resolved: ['Afgehandeld', 'Resolved'],
  escalated: ['Doorverwezen', 'Referred'],
  closed: ['Gesloten', 'Closed'],
  closed_unsatisfied: ['Gesloten, niet tevreden', 'Closed, not satisfied'],
  declined: ['Niet in behandeling genomen', 'Declined'],
  withdrawn: ['Ingetrokken', 'Withdrawn'],
} satisfies Record<State, Pair>;
export const openStates: State[] = ['received', 'acknowledged', 'assigned', 'in_handling', 'resolved', 'escalated'];

export const channelLabels: Record<string, Pair> = {
  phone: ['Telefoon', 'Phone'],
  letter: ['Brief', 'Letter'],
  email: ['E-mail', 'E-mail'],
  web_form: ['Webformulier', 'Web form'],
  in_person: ['Persoonlijk', 'In person'],
} satisfies Record<Channel, Pair>;

export const stepLabels: Record<string, Pair> = {
  acknowledge: ['Ontvangstbevestiging', 'Acknowledgement'],
  take_into_handling: ['In behandeling nemen', 'Taking into handling'],
  first_contact: ['Eerste contact', 'First contact'],
  resolve: ['Afhandeling', 'Resolution'],
  redo: ['Opnieuw behandelen', 'Handling again'],
  verify: ['Tevredenheid nagaan', 'Checking satisfaction'],
  decline_notice: ['Bericht: niet in behandeling genomen', 'Notice: not taken into handling'],
} satisfies Record<Step, Pair>;

export interface ActionField {
  name: string;
  kind: 'text' | 'long' | 'bool' | 'staff' | 'involved' | 'select' | 'date' | 'cause';
  label: Pair;
  options?: { value: string; label: Pair }[];
  // Shown only when the case has it: 'agreed_term' where the handling term is agreed with
  // the complainant (001).
  onlyWhen?: 'agreed_term';
}

const note: ActionField = { name: 'note', kind: 'long', label: ['Notitie', 'Note'] };
const reason: ActionField = { name: 'reason', kind: 'long', label: ['Reden', 'Reason'] };

// Each step of docs/api.md with the fields its form asks for.
export const actionForms: Record<string, { label: Pair; fields: ActionField[] }> = {
  acknowledge: { label: ['Ontvangst bevestigen', 'Acknowledge receipt'], fields: [note] },
  assign: {
    label: ['Behandelaar toewijzen', 'Assign a handler'],
    fields: [{ name: 'handler_id', kind: 'staff', label: ['Behandelaar', 'Handler'] }],
  },
  'start-handling': { label: ['Behandeling starten', 'Start handling'], fields: [] },
  'record-contact': {
    label: ['Contact vastleggen', 'Record contact'],
    fields: [
      note,
      { name: 'agreed_resolve_by', kind: 'date', label: ['Afgesproken afhandeltermijn', 'Agreed resolution date'], onlyWhen: 'agreed_term' },
    ],
  },
  'record-hearing': { label: ['Hoor en wederhoor vastleggen', 'Record the hearing'], fields: [note] },
  assess: {
    label: ['Klacht beoordelen', 'Assess the complaint'],
    fields: [{ name: 'well_founded', kind: 'bool', label: ['De klacht is gegrond', 'The complaint is well-founded'] }, note],
  },
  extend: {
    label: ['Termijn verlengen', 'Extend the term'],
    fields: [{ name: 'term', kind: 'text', label: ['Verlenging (bijv. 6 weeks)', 'Extension (e.g. 6 weeks)'] }, reason],
  },
  resolve: {
    label: ['Klacht afhandelen', 'Resolve the complaint'],
    fields: [
      { name: 'solution', kind: 'long', label: ['Oplossing', 'Solution'] },
      {
        name: 'resolution', kind: 'select', label: ['Uitkomst', 'Outcome'],
        options: [
          { value: 'solved', label: ['Opgelost', 'Solved'] },
          { value: 'not_responsible_helped', label: ['Niet verantwoordelijk, wel geholpen', 'Not responsible, but helped'] },
          { value: 'not_solved', label: ['Niet opgelost', 'Not solved'] },
        ],
      },
    ],
  },
  decline: { label: ['Niet in behandeling nemen', 'Decline'], fields: [reason] },
  'notify-decline': { label: ['Afwijzing gemeld', 'Decline notified'], fields: [] },
  verify: {
    label: ['Tevredenheid vastleggen', 'Record satisfaction'],
    fields: [
      { name: 'satisfied', kind: 'bool', label: ['De indiener is tevreden', 'The complainant is satisfied'] },
      note,
      { name: 'evidence', kind: 'text', label: ['Bewijs van tevredenheid', 'Evidence of satisfaction'] },
    ],
  },
  escalate: {
    label: ['Doorverwijzen', 'Refer'],
    fields: [{ name: 'body', kind: 'text', label: ['Externe instantie (leeg: die van de procedure)', 'External body (empty: the procedure\'s)'] }],
  },
  close: { label: ['Afsluiten', 'Close'], fields: [{ ...reason, label: ['Reden (bij sluiten zonder tevredenheid)', 'Reason (when closing without satisfaction)'] }] },
  withdraw: { label: ['Intrekken', 'Withdraw'], fields: [reason] },
  'grant-access': {
    label: ['Toegang geven', 'Grant access'],
    fields: [{ name: 'staff_id', kind: 'staff', label: ['Medewerker', 'Employee'] }],
  },
  'revoke-access': {
    label: ['Toegang intrekken', 'Revoke access'],
    fields: [{ name: 'staff_id', kind: 'staff', label: ['Medewerker', 'Employee'] }],
  },
  'share-summary': {
    label: ['Samenvatting delen', 'Share a summary'],
    fields: [
      { name: 'employee_id', kind: 'involved', label: ['Betrokken medewerker', 'Employee involved'] },
      { name: 'text', kind: 'long', label: ['Samenvatting', 'Summary'] },
    ],
  },
  'record-cause': {
    label: ['Oorzaak vastleggen', 'Record the cause'],
    fields: [
      { name: 'category', kind: 'cause', label: ['Oorzaak', 'Cause'] },
      { name: 'text', kind: 'long', label: ['Toelichting op de oorzaak', 'The cause in words'] },
    ],
  },
  correct: {
    label: ['Intake corrigeren', 'Correct the intake'],
    fields: [
      { name: 'description', kind: 'long', label: ['Omschrijving', 'Description'] },
      { name: 'category', kind: 'text', label: ['Categorie', 'Category'] },
    ],
  },
} satisfies Record<Action, { label: Pair; fields: ActionField[] }>;

export const actionLabels: Record<string, Pair> = {
  register: ['Geregistreerd', 'Registered'],
  import: ['Geïmporteerd (historisch dossier)', 'Imported (historic record)'],
  view: ['Ingezien', 'Viewed'],
  'view-summary': ['Samenvatting ingezien', 'Summary viewed'],
  anonymise: ['Geanonimiseerd', 'Anonymised'],
  redact: ['Persoonsgegevens verwijderd', 'Personal data removed'],
  'attachment-added': ['Bestand toegevoegd', 'File added'],
  'attachment-downloaded': ['Bestand gedownload', 'File downloaded'],
  'attachments-removed': ['Bestanden verwijderd (bewaartermijn)', 'Files removed (retention)'],
  'mail-sent': ['E-mail verstuurd', 'E-mail sent'],
  'mail-failed': ['E-mail kon niet worden verstuurd', 'E-mail could not be sent'],
  'mail-received': ['E-mail ontvangen', 'E-mail received'],
  // The register and the actions (docs/register.md).
  'nonconformity-recorded': ['Gemeld', 'Recorded'],
  'nonconformity-changed': ['Gewijzigd', 'Changed'],
  'nonconformity-closed': ['Gesloten', 'Closed'],
  'measure-added': ['Maatregel toegevoegd', 'Measure added'],
  'measure-status-changed': ['Status maatregel gewijzigd', 'Measure status changed'],
  'measure-reviewed': ['Doeltreffendheid beoordeeld', 'Effectiveness reviewed'],
  'action-added': ['Actie afgesproken', 'Action agreed'],
  'action-status-changed': ['Status actie gewijzigd', 'Action status changed'],
  ...Object.fromEntries(Object.entries(actionForms).map(([k, v]) => [k, v.label])),
};

export const fieldLabels: Record<string, Pair> = {
  state: ['Status', 'State'],
  channel: ['Kanaal', 'Channel'],
  received_at: ['Ontvangen', 'Received'],
  complainant_name: ['Naam indiener', 'Complainant name'],
  complainant_email: ['E-mail indiener', 'Complainant e-mail'],
  complainant_phone: ['Telefoon indiener', 'Complainant phone'],
  complainant_type: ['Soort indiener', 'Complainant type'],
  complainant_relation: ['Relatie', 'Relation'],
  description: ['Omschrijving', 'Description'],
  category: ['Categorie', 'Category'],
  handler_id: ['Behandelaar', 'Handler'],
  involved_staff: ['Betrokken medewerkers', 'Employees involved'],
  reference: ['Kenmerk', 'Reference'],
  satisfaction: ['Tevredenheid', 'Satisfaction'],
  solution: ['Oplossing', 'Solution'],
  resolution: ['Uitkomst', 'Outcome'],
  close_reason: ['Reden van sluiten', 'Reason for closing'],
  cause_category: ['Oorzaak', 'Cause'],
  cause: ['Toelichting op de oorzaak', 'The cause in words'],
  contact_note: ['Notitie contact', 'Contact note'],
  procedure_version: ['Procedureversie', 'Procedure version'],
  registered_at: ['Geregistreerd', 'Registered'],
  registered_by: ['Geregistreerd door', 'Registered by'],
  description_approved: ['Omschrijving goedgekeurd door indiener', 'Description approved by complainant'],
  procedure_explained: ['Procedure uitgelegd', 'Procedure explained'],
  confidential: ['Vertrouwelijk', 'Confidential'],
  granted_access: ['Inzage gegeven aan', 'Access granted to'],
  acknowledged_at: ['Ontvangst bevestigd', 'Acknowledged'],
  acknowledgement_note: ['Inhoud ontvangstbevestiging', 'Acknowledgement content'],
  assigned_at: ['Toegewezen', 'Assigned'],
  handling_started_at: ['Behandeling gestart', 'Handling started'],
  first_contact_at: ['Eerste contact', 'First contact'],
  agreed_resolve_by: ['Afgesproken afhandeltermijn', 'Agreed resolution date'],
  hearing_at: ['Hoor en wederhoor', 'Hearing'],
  hearing_note: ['Notitie hoor en wederhoor', 'Hearing note'],
  hearing_summaries: ['Gedeelde samenvattingen', 'Shared summaries'],
  assessed_at: ['Beoordeeld', 'Assessed'],
  well_founded: ['Gegrond', 'Well-founded'],
  assessment_note: ['Toelichting beoordeling', 'Assessment note'],
  extensions_used: ['Verlengingen', 'Extensions used'],
  extension: ['Verlenging', 'Extension'],
  extension_reason: ['Reden verlenging', 'Reason for extension'],
  resolved_at: ['Afgehandeld', 'Resolved'],
  last_resolved_at: ['Laatst afgehandeld', 'Last resolved'],
  procedure_change_effective: ['Procedurewijziging per', 'Procedure change effective'],
  verified_at: ['Tevredenheid vastgelegd', 'Satisfaction recorded'],
  satisfaction_note: ['Notitie tevredenheid', 'Satisfaction note'],
  satisfaction_evidence: ['Bewijs van tevredenheid', 'Evidence of satisfaction'],
  dissatisfied_at: ['Ontevredenheid vastgelegd', 'Dissatisfaction recorded'],
  redone_at: ['Alsnog opgelost', 'Resolved again'],
  reopen_count: ['Keren heropend', 'Times reopened'],
  escalated_at: ['Doorverwezen', 'Referred'],
  external_body: ['Externe instantie', 'External body'],
  closed_at: ['Gesloten', 'Closed'],
  declined_at: ['Niet in behandeling genomen', 'Declined'],
  decline_reason: ['Reden niet in behandeling', 'Reason for declining'],
  decline_notified_at: ['Bericht niet in behandeling', 'Decline notified'],
  withdrawn_at: ['Ingetrokken', 'Withdrawn'],
  withdraw_reason: ['Reden intrekking', 'Reason for withdrawal'],
  anonymised_at: ['Geanonimiseerd', 'Anonymised'],
  imported_from: ['Geïmporteerd uit', 'Imported from'],
  file_name: ['Bestand', 'File'],
  kind: ['Soort stuk', 'Kind of document'],
  size: ['Grootte', 'Size'],
  sha256: ['Controlegetal (SHA-256)', 'Checksum (SHA-256)'],
  removed_files: ['Verwijderde bestanden', 'Files removed'],
  mail_to: ['Aan', 'To'],
  recipient: ['Ontvanger', 'Recipient'],
  mail_kind: ['Soort e-mail', 'Kind of e-mail'],
  subject: ['Onderwerp', 'Subject'],
  message_id: ['Message-ID', 'Message-ID'],
  error: ['Foutmelding', 'Error'],
  mail_from: ['Van', 'From'],
  mail_subject: ['Onderwerp', 'Subject'],
  files: ['Bijlagen', 'Attachments'],
  // The register and the actions, as their audit events name them.
  occurred_on: ['Datum', 'Date'],
  source: ['Bron', 'Source'],
  complaint_id: ['Klacht', 'Complaint'],
  correction: ['Correctie', 'Correction'],
  close_note: ['Conclusie', 'Conclusion'],
  action_id: ['Actie', 'Action'],
  what: ['Wat', 'What'],
  owner_id: ['Eigenaar', 'Owner'],
  due_on: ['Streefdatum', 'Due date'],
  status: ['Status', 'Status'],
  effective_from: ['Gaat in op', 'Takes effect on'],
  result: ['Resultaat', 'Result'],
  review_due_on: ['Beoordelen uiterlijk', 'Review by'],
  reviewed_on: ['Beoordeeld op', 'Reviewed on'],
  effective: ['Doeltreffend', 'Effective'],
  evidence: ['Bewijs', 'Evidence'],
  follows_id: ['Vervolg op actie', 'Follows up action'],
};

// Values of the fields that have a fixed set, as people read them.
export const valueLabels: Record<string, Record<string, Pair>> = {
  satisfaction: {
    unknown: ['Nog niet bekend', 'Not known yet'],
    satisfied: ['Tevreden', 'Satisfied'],
    dissatisfied: ['Niet tevreden', 'Not satisfied'],
  },
  resolution: {
    solved: ['Opgelost', 'Solved'],
    not_responsible_helped: ['Niet verantwoordelijk, wel geholpen', 'Not responsible, but helped'],
    not_solved: ['Niet opgelost', 'Not solved'],
  },
  complainant_type: { internal: ['Intern', 'Internal'], external: ['Extern', 'External'] },
};

// What a mail is (core/mail.hpp MailKind).
export const mailKinds: Record<string, Pair> = {
  acknowledgement: ['Ontvangstbevestiging', 'Acknowledgement'],
  not_taken_into_handling: ['Niet in behandeling', 'Not taken into handling'],
  extension: ['Verlenging', 'Extension'],
  outcome: ['Afhandeling', 'Outcome'],
  external_referral: ['Doorverwijzing', 'External referral'],
  assigned: ['Toegewezen aan behandelaar', 'Assigned to handler'],
  reminder: ['Herinnering termijn', 'Deadline reminder'],
  missed: ['Termijn verstreken', 'Deadline missed'],
  digest: ['Dagoverzicht', 'Daily digest'],
  message: ['Bericht van de indiener', 'Message from the complainant'],
};

// What became of a message that came in (GET .../inbox?status=).
export const inboxStatuses: Record<string, Pair> = {
  new: ['Nieuw', 'New'],
  registered: ['Geregistreerd als klacht', 'Registered as a complaint'],
  joined: ['Bij een klacht gevoegd', 'Joined to a complaint'],
  dismissed: ['Geen klacht', 'Not a complaint'],
  ignored: ['Automatisch bericht', 'Automatic message'],
};

// Who a mail went to, by role in the case (core/mail.hpp MailTo).
export const mailRecipients: Record<string, Pair> = {
  complainant: ['Indiener', 'Complainant'],
  handler: ['Behandelaar', 'Handler'],
  coordinator: ['Klachtencoördinator', 'Complaints coordinator'],
  management: ['Directie', 'Management'],
  confidant: ['Vertrouwenspersoon', 'Confidant'],
};

// What a file in the case file is for (core/attachment.hpp AttachmentKind).
export const attachmentKinds: Record<string, Pair> = {
  written_complaint: ['Schriftelijke klacht', 'Written complaint'],
  correspondence: ['Brief of e-mail', 'Letter or e-mail'],
  written_confirmation: ['Schriftelijke bevestiging', 'Written confirmation'],
  evidence: ['Bewijsstuk (projectmap)', 'Evidence (project folder)'],
  other: ['Overig', 'Other'],
} satisfies Record<AttachmentKind, Pair>;

// The kinds of mail whose text an organisation writes itself, in the order the API lists them.
export const templateKinds: Record<string, Pair> = {
  acknowledgement: ['Ontvangstbevestiging', 'Acknowledgement'],
  not_taken_into_handling: ['Niet in behandeling genomen', 'Not taken into handling'],
  extension: ['Verlenging van de termijn', 'Extension of the term'],
  outcome: ['Afhandeling', 'Outcome'],
  satisfaction_request: ['Tevredenheidsvraag (in de afhandelingsmail)', 'Satisfaction request (in the outcome mail)'],
  external_referral: ['Doorverwijzing naar externe instantie', 'Referral to the external body'],
  assigned: ['Toegewezen (aan behandelaar)', 'Assigned (to the handler)'],
  reminder: ['Herinnering termijn', 'Deadline reminder'],
  missed: ['Termijn verstreken', 'Deadline missed'],
  digest: ['Dagoverzicht', 'Daily digest'],
} satisfies Record<MailTemplateKind, Pair>;

// The register (docs/register.md): what kind of finding, where it came from.
export const nonconformityKinds: Record<string, Pair> = {
  nonconformity: ['Afwijking', 'Nonconformity'],
  potential: ['Mogelijke afwijking', 'Potential nonconformity'],
  shortcoming: ['Tekortkoming', 'Shortcoming'],
  improvement: ['Verbeteroptie', 'Improvement'],
} satisfies Record<NonconformityKind, Pair>;

export const nonconformitySources: Record<string, Pair> = {
  complaint: ['Klacht', 'Complaint'],
  internal_audit: ['Interne audit', 'Internal audit'],
  external_audit: ['Externe audit', 'External audit'],
  employee: ['Medewerker', 'Employee'],
  client: ['Klant of opdrachtgever', 'Client'],
  supplier: ['Leverancier', 'Supplier'],
  management_review: ['Directiebeoordeling', 'Management review'],
  other: ['Anders', 'Other'],
} satisfies Record<NonconformitySource, Pair>;

export const nonconformityStatuses: Record<string, Pair> = {
  open: ['Open', 'Open'],
  closed: ['Gesloten', 'Closed'],
};

// An agreed action on a complaint, or a measure on a nonconformity.
export const actionKinds: Record<string, Pair> = {
  agreed: ['Afgesproken actie', 'Agreed action'],
  corrective: ['Corrigerend', 'Corrective'],
  preventive: ['Preventief', 'Preventive'],
  procedure_change: ['Procedurewijziging', 'Procedure change'],
} satisfies Record<ActionKind, Pair>;

export const actionStatuses: Record<string, Pair> = {
  open: ['Open', 'Open'],
  in_progress: ['In uitvoering', 'In progress'],
  done: ['Gereed', 'Done'],
  cancelled: ['Vervallen', 'Cancelled'],
} satisfies Record<ActionStatus, Pair>;

// The report's breakdowns (docs/reports.md), in the order the page shows them.
export const reportMeasures: Record<string, Pair> = {
  category: ['Categorie', 'Category'],
  cause: ['Oorzaak', 'Cause'],
  channel: ['Kanaal', 'Channel'],
  complainant_type: ['Soort indiener', 'Kind of complainant'],
  verdict: ['Oordeel', 'Verdict'],
  outcome: ['Uitkomst', 'Outcome'],
  handler: ['Behandelaar', 'Handler'],
} satisfies Record<ReportBreakdown['measure'], Pair>;

// A breakdown's key as people read it: the server's Dutch label, or in English where the key
// is one of the API's words (a category, a cause or a name is the same in both).
export function reportCountLabel(measure: string, key: string, dutch: string, lang: 'nl' | 'en'): string {
  if (lang === 'nl') return dutch;
  if (key === '') return measure === 'outcome' ? 'Still in handling' : 'Not recorded';
  switch (measure) {
    case 'channel': return channelLabels[key]?.[1] ?? dutch;
    case 'complainant_type': return valueLabels.complainant_type[key]?.[1] ?? dutch;
    case 'verdict': return key === 'well_founded' ? 'Well-founded' : 'Unfounded';
    case 'outcome':
      if (key === 'declined') return 'Declined';
      if (key === 'withdrawn') return 'Withdrawn';
      return valueLabels.resolution[key]?.[1] ?? dutch;
    default: return dutch;
  }
}
