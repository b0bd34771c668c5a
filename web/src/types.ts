// types.ts: the JSON documents of the API (docs/api.md) as the UI reads them.
export type Role =
  | 'employee' | 'handler' | 'coordinator' | 'management' | 'confidant' | 'auditor' | 'admin';

export interface Staff {
  id: number;
  name: string;
  email: string;
  roles: string;
  confidant?: boolean;
  active?: boolean;
  job_title?: string;
}

export interface Session {
  staff: { id: number; name: string; email: string; roles: string };
  organisation: { id: number; slug: string; name: string };
  csrf_token: string;
  expires_at: string;
}

export interface Deadline {
  step: string;
  label_nl: string;
  kind: 'fixed' | 'agreed' | 'none';
  term: string | null;
  starts_at: string | null;
  due: string | null;
  done_at: string | null;
  status: 'waiting' | 'due' | 'met' | 'missed' | 'not_set' | 'no_term' | 'not_applicable';
  working_days_left?: number;
  working_days_late?: number;
}

export interface ComplaintSummary {
  id: number;
  reference: string;
  state: string;
  state_nl: string;
  received_at: string;
  channel: string;
  complainant: { name: string; type: string };
  category: string;
  description_excerpt: string;
  confidential: boolean;
  handler_id: number | null;
  next_due_at: string | null;
  overdue: boolean;
  next_deadline: Deadline | null;
}

export interface ComplaintPage {
  items: ComplaintSummary[];
  limit: number;
  has_more: boolean;
  next_cursor: string | null;
}

export interface AuditEvent {
  id: number;
  seq: number;
  at: string;
  actor_id: number;
  source: string;
  action: string;
  changes: Record<string, [unknown, unknown]> | string;
}

export interface OfferedAction {
  action: string;
  blocked: { code: string; detail: string; detail_en: string } | null;
}

export interface Attachment {
  id: number;
  complaint_id: number;
  file_name: string;
  kind: string;
  media_type: string;
  size: number;
  sha256: string;
  uploaded_at: string;
  uploaded_by: number;
  removed_at: string | null;
}

export interface Complaint {
  id: number;
  reference: string;
  state: string;
  state_nl: string;
  received_at: string;
  registered_at: string;
  registered_by: number;
  channel: string;
  complainant: { name: string; email: string; phone: string; type: string; relation: string };
  description: string;
  category: string;
  involved_staff: number[];
  confidential: boolean;
  handler_id: number | null;
  handler: { id: number; name: string; job_title: string } | null;
  deadlines: Deadline[];
  timeline: AuditEvent[];
  actions: OfferedAction[];
  attachments: Attachment[];
  may_add_files: boolean;
  max_file_bytes: number;
  [field: string]: unknown;
}

export interface ProcedureStep {
  step: string;
  label_nl: string;
  kind: string;
  term?: string;
  term_nl?: string;
  quote?: string;
}

export interface Procedure {
  title: string;
  version: number;
  organisation_code: string;
  authorised_by: string;
  authorised_on: string | null;
  categories: string[];
  channels: string[];
  confidant_route: boolean;
  require_description_approval: boolean;
  require_procedure_explained: boolean;
  acknowledgement_states_first_actions: boolean;
  satisfaction_evidence_required: boolean;
  hearing_required: boolean;
  escalation_body: string;
  extension: { allowed: boolean; max: string | null; times: number };
  retention_years: number;
  steps: ProcedureStep[];
}
