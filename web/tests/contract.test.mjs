// contract.test.mjs: docs/openapi.json held to a real klachtdesk: every operation of the spec
// called, each answer's status, media type, headers and JSON body checked against the spec
// with Ajv, complaints walked through several states, and no operation left unchecked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startServer } from './server.mjs';

const spec = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'));
const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

// --- the spec as validators ----------------------------------------------------------------

// Ajv resolves "#/components/schemas/X" against the schema it compiles, and an OpenAPI
// document is no schema: the component schemas go in as one schema document of their own
// ($defs), and every reference is pointed there.
const schemaDoc = 'https://klachtdesk.example/openapi.json';
const pointed = (node) => {
  if (Array.isArray(node)) return node.map(pointed);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) =>
    k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
      ? [k, `${schemaDoc}#/$defs/${v.slice('#/components/schemas/'.length)}`]
      : [k, pointed(v)]));
};
// Strict mode stays on, so that a misspelt keyword or a keyword of the wrong type in the
// spec fails here rather than being ignored. Two allowances: union types
// (`type: ["string", "null"]`, OpenAPI 3.1's nullable), and `required` inside `if`/`then`
// naming properties that the enclosing schema declares (strictRequired stays off for that).
const ajv = new Ajv2020({ allErrors: true, strictTypes: true, strictTuples: true, allowUnionTypes: true });
addFormats(ajv);
ajv.addSchema({ $id: schemaDoc, $defs: pointed(spec.components.schemas) });

const compiled = new Map();
function validator(schema) {
  const key = JSON.stringify(schema);
  if (!compiled.has(key)) {
    const name = schema.$ref?.startsWith('#/components/schemas/') ? schema.$ref.split('/').pop() : null;
    compiled.set(key, name ? ajv.getSchema(`${schemaDoc}#/$defs/${name}`) : ajv.compile(pointed(schema)));
  }
  return compiled.get(key);
}

// Ajv's complaints, one per line, with the value at fault, readable in a failed assertion.
function problems(validate, data) {
  return validate.errors.slice(0, 12).map((e) => {
    let value = data;
    for (const part of e.instancePath.split('/').slice(1)) value = value?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    const shown = JSON.stringify(value)?.slice(0, 120);
    return `  ${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)} — is ${shown}`;
  }).join('\n');
}

function assertValid(schema, data, what) {
  const validate = validator(schema);
  assert.ok(validate(data), `${what} does not match the spec:\n${validate.errors && problems(validate, data)}`);
}

// A "$ref" of the spec followed to what it names (responses, parameters, schemas).
function deref(node) {
  let seen = 0;
  while (node?.$ref) {
    assert.ok(node.$ref.startsWith('#/'), `only local references: ${node.$ref}`);
    node = node.$ref.slice(2).split('/').reduce((n, part) => n?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
    assert.ok(node && ++seen < 10, 'a reference that resolves');
  }
  return node;
}

const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  methods.filter((m) => item[m]).map((m) => ({ method: m.toUpperCase(), path, item, op: item[m] })));

const pascal = (action) => action.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');

// --- calling the server --------------------------------------------------------------------

let server;
const called = new Set();
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const isJson = (mediaType) => mediaType === 'application/json' || mediaType.endsWith('+json');

function parametersOf(method, template) {
  const item = spec.paths[template];
  return [...(item.parameters ?? []), ...(item[method.toLowerCase()].parameters ?? [])].map(deref);
}

// A parameter's text as the value its schema describes (a comma list, a number, a boolean).
function parameterValue(parameter, text) {
  const schema = deref(parameter.schema);
  const scalar = (t, s) => {
    const type = deref(s).type;
    if (type === 'integer' || type === 'number') return Number(t);
    if (type === 'boolean') return t === 'true' ? true : t === 'false' ? false : t;
    return t;
  };
  if (schema.type === 'array') return text.split(',').map((t) => scalar(t, schema.items));
  return scalar(text, parameter.schema);
}

// The request as the spec describes it: every parameter declared and of its type, the body
// of the schema the operation names. Checked only for requests the server took (2xx): the
// refused ones are wrong on purpose.
function checkRequest(method, template, params, query, sent) {
  const declared = parametersOf(method, template);
  for (const [name, value] of Object.entries(params)) {
    const p = declared.find((d) => d.in === 'path' && d.name === name);
    assert.ok(p, `${method} ${template}: path parameter ${name} is not in the spec`);
    assertValid(p.schema, parameterValue(p, String(value)), `${method} ${template}: path parameter ${name}=${value}`);
  }
  for (const [name, value] of query) {
    const p = declared.find((d) => d.in === 'query' && d.name === name);
    assert.ok(p, `${method} ${template}: query parameter ${name} is not in the spec`);
    assertValid(p.schema, parameterValue(p, value), `${method} ${template}: query parameter ${name}=${value}`);
  }
  for (const p of declared.filter((d) => d.required && d.in === 'query'))
    assert.ok(query.has(p.name), `${method} ${template}: the required parameter ${p.name} was not sent`);
  const requestBody = deref(spec.paths[template][method.toLowerCase()].requestBody);
  if (!requestBody || sent === undefined) return;
  if (sent.json !== undefined) {
    const media = requestBody.content['application/json'];
    assert.ok(media, `${method} ${template}: the spec takes no JSON body`);
    assertValid(media.schema, sent.json, `${method} ${template}: the request body`);
    // A step's body is the schema named after its action, not merely one of the union.
    if (params.action) assertValid({ $ref: `#/components/schemas/${pascal(params.action)}Step` }, sent.json, `the body of ${params.action}`);
  } else if (sent.form !== undefined) {
    const media = requestBody.content['application/x-www-form-urlencoded'];
    assert.ok(media, `${method} ${template}: the spec takes no form`);
    assertValid(media.schema, sent.form, `${method} ${template}: the form`);
  }
}

function checkHeaders(what, response, headers) {
  for (const [name, h] of Object.entries(response.headers ?? {})) {
    const header = deref(h);
    const value = headers.get(name);
    if (header.required) assert.ok(value !== null, `${what}: the header ${name} is missing`);
    if (value === null) continue;
    const schema = deref(header.schema);
    assertValid(header.schema, schema.type === 'integer' ? Number(value) : value, `${what}: the header ${name}`);
  }
}

// One request, checked against the operation `method template` of the spec: its status is
// one the spec lists, the media type one the spec gives for that status, the headers and the
// JSON body valid against their schemas. `expect` is the status this call is meant to get.
async function call(method, template, { params = {}, query = {}, as, json, form, raw, contentType, csrf = true, expect }) {
  const op = spec.paths[template]?.[method.toLowerCase()];
  assert.ok(op, `${method} ${template} is not in the spec`);
  const path = template.replace(/\{(\w+)\}/g, (_, name) => {
    assert.ok(name in params, `a value for {${name}}`);
    return encodeURIComponent(String(params[name]));
  });
  const search = new URLSearchParams(query);
  const headers = {};
  if (as) headers.Cookie = as.cookie;
  if (as && csrf && method !== 'GET') headers['X-CSRF-Token'] = as.csrf;
  let body;
  if (json !== undefined) {
    body = JSON.stringify(json);
    headers['Content-Type'] = contentType ?? 'application/json';
  } else if (form !== undefined) {
    body = new URLSearchParams(form).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (raw !== undefined) {
    body = raw;
    headers['Content-Type'] = contentType ?? 'application/octet-stream';
  }
  const url = `${server.url}${path}${search.size ? `?${search}` : ''}`;
  const res = await fetch(url, { method, headers, body, redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  const what = `${method} ${path}${search.size ? `?${search}` : ''} -> ${res.status}`;
  const excerpt = () => bytes.toString('utf8').slice(0, 600);
  called.add(`${method} ${template}`);

  const listed = op.responses[String(res.status)];
  assert.ok(listed, `${what}: the spec lists only ${Object.keys(op.responses).join(', ')} for ${method} ${template}\n${excerpt()}`);
  if (expect !== undefined) assert.equal(res.status, expect, `${what}, not ${expect}: ${excerpt()}`);
  const response = deref(listed);
  checkHeaders(what, response, res.headers);

  const out = { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8') };
  if (!response.content) {
    assert.equal(bytes.length, 0, `${what}: the spec gives this answer no body`);
  } else {
    const contentTypeHeader = res.headers.get('content-type');
    assert.ok(contentTypeHeader, `${what}: no Content-Type`);
    const mediaType = contentTypeHeader.split(';')[0].trim().toLowerCase();
    const media = response.content[mediaType];
    assert.ok(media, `${what}: answered ${mediaType}; the spec gives ${Object.keys(response.content).join(', ')}\n${excerpt()}`);
    if (isJson(mediaType)) {
      out.json = JSON.parse(out.text);
      assertValid(media.schema, out.json, what);
    } else if (deref(media.schema)?.type === 'string' && !deref(media.schema).contentMediaType) {
      assertValid(media.schema, out.text, what);
    }
  }
  if (res.status >= 200 && res.status < 300)
    checkRequest(method, template, params, search, json !== undefined ? { json } : form !== undefined ? { form } : undefined);
  return out;
}

// --- the people ----------------------------------------------------------------------------

const password = 'klachtdesk-demo';
async function logIn(email, secret = password) {
  const r = await call('POST', '/api/v1/session', { json: { email, password: secret }, expect: 200 });
  return { email, cookie: r.headers.get('set-cookie').split(';')[0], csrf: r.json.csrf_token, session: r.json };
}

const sessions = new Map();
async function as(who) {
  if (!sessions.has(who)) sessions.set(who, await logIn(who));
  return sessions.get(who);
}

const staffIds = new Map();
async function staffId(email) {
  const org = email.split('@')[1].replace('.example', '');
  if (!staffIds.has(org)) {
    const r = await call('GET', '/api/v1/organisations/{org}/staff', { params: { org }, as: await as(`kwaliteit@${org}.example`), expect: 200 });
    staffIds.set(org, new Map(r.json.items.map((s) => [s.email, s.id])));
  }
  const found = staffIds.get(org).get(email);
  assert.ok(found, `staff ${email}`);
  return found;
}

// Seconds precision and UTC: the API reads "2026-11-24T09:00:00Z".
const ago = (ms) => new Date(Date.now() - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const HOUR = 3600000, DAY = 24 * HOUR;

const complaints = '/api/v1/organisations/{org}/complaints';
const one = '/api/v1/organisations/{org}/complaints/{id}';
const stepPath = '/api/v1/organisations/{org}/complaints/{id}/{action}';
const files = '/api/v1/organisations/{org}/complaints/{id}/attachments';
const aFile = '/api/v1/organisations/{org}/complaints/{id}/attachments/{file}';

async function register(org, who, intake, expect = 201) {
  return (await call('POST', complaints, { params: { org }, as: await as(who), json: intake, expect })).json;
}
async function step(org, who, id, action, json = {}, expect = 200) {
  return (await call('POST', stepPath, { params: { org, id, action }, as: await as(who), json, expect })).json;
}
async function read(org, who, id, expect = 200) {
  return (await call('GET', one, { params: { org, id }, as: await as(who), expect })).json;
}
const intake = (extra = {}) => ({
  received_at: ago(2 * HOUR),
  channel: 'phone',
  complainant: { name: 'Jan de Boer', phone: '0612345678', email: 'jan@example.org', type: 'external', relation: 'uitzendkracht' },
  description: 'Mijn loonstrook van week 12 klopt niet: de overuren ontbreken.',
  ...extra,
});

// --- the tests -----------------------------------------------------------------------------

test('the spec is OpenAPI 3.1 whose references resolve and whose schemas compile', () => {
  assert.equal(spec.openapi, '3.1.0');
  const ids = operations.map((o) => o.op.operationId);
  assert.equal(new Set(ids).size, operations.length, 'every operation has its own operationId');
  const refs = [];
  const walk = (n) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') for (const [k, v] of Object.entries(n)) (k === '$ref' ? refs.push(v) : walk(v));
  };
  walk(spec);
  for (const r of refs) deref({ $ref: r });
  for (const name of Object.keys(spec.components.schemas))
    assert.ok(ajv.getSchema(`${schemaDoc}#/$defs/${name}`), `the schema ${name} compiles`);
  for (const { method, path, op } of operations) {
    for (const p of parametersOf(method, path).filter((x) => x.in === 'path'))
      assert.ok(path.includes(`{${p.name}}`), `${method} ${path}: declares {${p.name}}`);
    for (const name of path.match(/\{\w+\}/g) ?? [])
      assert.ok(parametersOf(method, path).some((x) => x.in === 'path' && `{${x.name}}` === name), `${method} ${path}: ${name} is declared`);
    const security = op.security ?? spec.security;
    const changes = method !== 'GET' && security.length > 0;
    assert.equal(security.some((s) => 'csrf' in s), changes, `${method} ${path}: the CSRF token exactly where a session changes something`);
  }
  // Each action has its body schema, and the union of the path is exactly those.
  const actions = spec.components.schemas.Action.enum;
  assert.deepEqual(spec.components.schemas.StepBody.anyOf.map((s) => s.$ref.split('/').pop()),
    actions.map((a) => `${pascal(a)}Step`));
});

test('health, logging in and out, and one\'s own password', async () => {
  await call('GET', '/api/health', { expect: 200 });
  const r = await call('POST', '/api/v1/session', { json: { email: 'kwaliteit@jexo.example', password: 'fout-wachtwoord' }, expect: 401 });
  assert.equal(r.json.type, 'https://klachtdesk.example/problems/login-failed');
  const missing = await call('POST', '/api/v1/session', { json: { email: 'kwaliteit@jexo.example', actor_id: 1 }, expect: 422 });
  assert.deepEqual(missing.json.errors.map((e) => e.field).sort(), ['actor_id', 'password']);
  await call('POST', '/api/v1/session', { json: { email: 'x' }, contentType: 'text/plain', expect: 415 });
  await call('POST', '/api/v1/session', { raw: '{"email":', contentType: 'application/json', expect: 400 });
  // Five wrong guesses for one account, then it is limited, with how long to wait.
  for (let i = 0; i < 5; i++)
    await call('POST', '/api/v1/session', { json: { email: 'niemand@jexo.example', password: `gok-${i}` }, expect: 401 });
  const limited = await call('POST', '/api/v1/session', { json: { email: 'niemand@jexo.example', password: 'gok-5' }, expect: 429 });
  assert.ok(Number(limited.headers.get('retry-after')) > 0);

  await call('GET', '/api/v1/session', { expect: 401 });
  const coordinator = await as('kwaliteit@jexo.example');
  const s = await call('GET', '/api/v1/session', { as: coordinator, expect: 200 });
  assert.equal(s.json.staff.email, 'kwaliteit@jexo.example');

  const peter = await logIn('peter@jexo.example');
  const change = '/api/v1/session/password';
  await call('POST', change, { as: peter, csrf: false, json: { current_password: password, new_password: 'een-nieuw-wachtwoord' }, expect: 403 });
  const wrong = await call('POST', change, { as: peter, json: { current_password: 'niet-het-wachtwoord', new_password: 'een-nieuw-wachtwoord' }, expect: 422 });
  assert.equal(wrong.json.errors[0].field, 'current_password');
  const short = await call('POST', change, { as: peter, json: { current_password: password, new_password: 'kort' }, expect: 422 });
  assert.equal(short.json.errors[0].field, 'new_password');
  const changed = await call('POST', change, { as: peter, json: { current_password: password, new_password: 'een-nieuw-wachtwoord' }, expect: 200 });
  const fresh = { cookie: changed.headers.get('set-cookie').split(';')[0], csrf: changed.json.csrf_token };
  await call('GET', '/api/v1/session', { as: peter, expect: 401 }); // the old session ended
  await call('GET', '/api/v1/session', { as: fresh, expect: 200 });

  await call('DELETE', '/api/v1/session', { as: fresh, csrf: false, expect: 403 });
  await call('DELETE', '/api/v1/session', { as: fresh, expect: 204 });
  await call('GET', '/api/v1/session', { as: fresh, expect: 401 });
  await call('DELETE', '/api/v1/session', { as: fresh, expect: 401 });
});

test('organisations, their procedures and accounts', async () => {
  const coordinator = await as('kwaliteit@jexo.example');
  const list = await call('GET', '/api/v1/organisations', { as: coordinator, expect: 200 });
  assert.deepEqual(list.json.items.map((o) => o.slug), ['jexo']);
  await call('GET', '/api/v1/organisations', { expect: 401 });
  await call('GET', '/api/v1/organisations/{org}', { params: { org: 'jexo' }, as: coordinator, expect: 200 });
  await call('GET', '/api/v1/organisations/{org}', { params: { org: '000' }, as: coordinator, expect: 200 });
  await call('GET', '/api/v1/organisations/{org}', { params: { org: 'xs2more' }, as: coordinator, expect: 404 });
  // Every seed procedure: fixed, agreed and no terms, with and without an extension.
  for (const org of ['jexo', 'exactpi', 'een-loket-mk', 'quoratio', 'xs2more'])
    await call('GET', '/api/v1/organisations/{org}/procedure', { params: { org }, as: await as(`kwaliteit@${org}.example`), expect: 200 });
  await call('GET', '/api/v1/organisations/{org}/procedure', { params: { org: 'quoratio' }, as: coordinator, expect: 404 });
  await call('GET', '/api/v1/organisations/{org}/staff', { params: { org: 'jexo' }, expect: 401 });

  const admin = await as('beheer@jexo.example');
  const staff = '/api/v1/organisations/{org}/staff';
  const karin = { name: 'Karin Smit', email: 'karin@jexo.example', roles: 'handler,employee', job_title: 'Intercedent', password: 'lang-genoeg-wachtwoord' };
  await call('POST', staff, { params: { org: 'jexo' }, as: admin, json: { ...karin, roles: 'coordinator' }, expect: 403 });
  const bad = await call('POST', staff, { params: { org: 'jexo' }, as: admin, json: { ...karin, roles: 'chef', name: '' }, expect: 422 });
  assert.ok(bad.json.errors.length >= 1);
  await call('POST', staff, { params: { org: 'jexo' }, as: await as('sanne@jexo.example'), json: karin, expect: 403 });
  const made = await call('POST', staff, { params: { org: 'jexo' }, as: admin, json: karin, expect: 201 });
  const id = made.json.id;
  const account = '/api/v1/organisations/{org}/staff/{id}';
  const renamed = await call('POST', account, { params: { org: 'jexo', id }, as: admin, json: { job_title: 'Senior intercedent', active: false }, expect: 200 });
  assert.equal(renamed.json.active, false);
  await call('POST', account, { params: { org: 'jexo', id }, as: admin, json: { active: 'nee' }, expect: 422 });
  await call('POST', account, { params: { org: 'jexo', id: 999999 }, as: admin, json: { name: 'x' }, expect: 404 });
  await call('POST', account, { params: { org: 'jexo', id: await staffId('beheer@jexo.example') }, as: admin, json: { roles: 'admin,handler' }, expect: 403 });
});

test('a complaint at Jexo (000) from intake to closed, its case file, the register and the audit log', async () => {
  const org = 'jexo';
  const coordinator = 'kwaliteit@jexo.example', handler = 'sanne@jexo.example';
  const mohamed = await staffId('mohamed@jexo.example');
  // Refused intakes first: nothing of them is stored.
  const empty = await call('POST', complaints, { params: { org }, as: await as(coordinator), json: { actor_id: 1 }, expect: 422 });
  for (const field of ['received_at', 'channel', 'actor_id'])
    assert.ok(empty.json.errors.some((e) => e.field === field), `${field} is named`);
  await call('POST', complaints, { params: { org }, as: await as(coordinator), json: intake(), csrf: false, expect: 403 });
  await call('POST', complaints, { params: { org }, as: await as('auditor@jexo.example'), json: intake(), expect: 403 });
  await call('POST', complaints, { params: { org }, as: await as(coordinator), json: intake(), contentType: 'text/plain', expect: 415 });
  await call('POST', complaints, { params: { org }, json: intake(), expect: 401 });

  let c = await register(org, coordinator, intake({ involved_staff: [mohamed] }));
  assert.equal(c.state, 'received');
  const id = c.id;
  await read(org, coordinator, id);
  await step(org, coordinator, id, 'close', {}, 409);
  const badAssign = await step(org, coordinator, id, 'assign', { handler_id: 'Sanne' }, 422);
  assert.equal(badAssign.errors[0].field, 'handler_id');
  await step(org, coordinator, id, 'assign', { handler_id: mohamed }, 422); // involved
  await step(org, coordinator, id, 'frobnicate', {}, 404);
  await step(org, 'auditor@jexo.example', id, 'assign', { handler_id: await staffId(handler) }, 403);
  await step(org, coordinator, 999999, 'assign', { handler_id: await staffId(handler) }, 404);

  c = await step(org, coordinator, id, 'assign', { handler_id: await staffId(handler), at: ago(HOUR) });
  assert.equal(c.state, 'assigned');
  await read(org, handler, id);
  await step(org, handler, id, 'start-handling', {});
  await step(org, handler, id, 'share-summary', { employee_id: mohamed, text: 'De klager zegt dat de overuren ontbreken. Graag uw kant.' });
  await step(org, handler, id, 'record-contact', { note: 'Klager gebeld.' });
  c = await read(org, handler, id);
  assert.equal(c.state, 'in_handling');
  assert.ok(c.actions.some((a) => a.blocked), 'a step that must wait, with the reason');

  // The case file: a PDF in, listed, and back byte for byte as a download.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
  const params = { org, id };
  const added = await call('POST', files, { params, query: { file_name: 'brief van de klager.pdf', kind: 'correspondence' }, as: await as(handler), raw: pdf, expect: 201 });
  assert.equal(added.json.media_type, 'application/pdf');
  const refused = await call('POST', files, { params, query: { file_name: 'pagina.pdf', kind: 'brief' }, as: await as(handler), raw: '<html><body>x</body></html>', contentType: 'text/html', expect: 422 });
  assert.deepEqual(refused.json.errors.map((e) => e.field).sort(), ['file', 'kind']);
  await call('POST', files, { params, query: { file_name: 'brief.pdf', kind: 'evidence' }, as: await as('auditor@jexo.example'), raw: pdf, expect: 403 });
  await call('POST', files, { params: { org, id: 999999 }, query: { file_name: 'brief.pdf', kind: 'evidence' }, as: await as(handler), raw: pdf, expect: 404 });
  const listed = await call('GET', files, { params, as: await as(handler), expect: 200 });
  assert.deepEqual(listed.json.items.map((f) => f.id), [added.json.id]);
  await call('GET', files, { params: { org, id: 999999 }, as: await as(handler), expect: 404 });
  const download = await call('GET', aFile, { params: { org, id, file: added.json.id }, as: await as(handler), expect: 200 });
  assert.deepEqual(download.bytes, pdf);
  assert.match(download.headers.get('content-disposition'), /filename\*=UTF-8''brief%20van%20de%20klager\.pdf/);
  await call('GET', aFile, { params: { org, id, file: 999999 }, as: await as(handler), expect: 404 });
  await call('GET', aFile, { params: { org, id, file: added.json.id }, expect: 401 });

  await step(org, handler, id, 'record-cause', { category: 'planning en bereikbaarheid', text: 'Het rooster kwam te laat.' });
  await step(org, handler, id, 'resolve', { solution: 'Overuren nabetaald met de volgende verloning.', resolution: 'solved' });
  c = await read(org, handler, id);
  assert.equal(c.state, 'resolved');
  await step(org, handler, id, 'verify', { satisfied: true, note: 'Telefonisch bevestigd' });
  c = await step(org, handler, id, 'close', {});
  assert.equal(c.state, 'closed');
  await step(org, coordinator, id, 'correct', { category: 'loon', at: ago(0) }, 422); // records no moment
  c = await step(org, coordinator, id, 'correct', { category: 'loon', complainant: { relation: 'oud-uitzendkracht' } });
  assert.equal(c.category, 'loon');
  c = await read(org, handler, id);
  assert.equal(c.state, 'closed');
  assert.deepEqual(c.timeline.map((e) => e.action),
    ['register', 'assign', 'start-handling', 'share-summary', 'record-contact', 'attachment-added', 'attachment-downloaded', 'record-cause', 'resolve', 'verify', 'close', 'correct']);

  // A second one, withdrawn; the involved employee reads only the summary shared with him.
  const other = await register(org, coordinator, intake({ channel: 'letter', description: 'De factuur is te hoog.' }));
  await step(org, coordinator, other.id, 'withdraw', {}, 422); // without a reason
  assert.equal((await step(org, coordinator, other.id, 'withdraw', { reason: 'De klager trekt de klacht in.' })).state, 'withdrawn');
  await step(org, coordinator, other.id, 'withdraw', { reason: 'Nog eens.' }, 409);
  await read(org, 'mohamed@jexo.example', id, 404);
  const shared = await call('GET', '/api/v1/organisations/{org}/hearing-summaries', { params: { org }, as: await as('mohamed@jexo.example'), expect: 200 });
  assert.ok(shared.json.items.some((s) => s.reference === c.reference));
  await call('GET', '/api/v1/organisations/{org}/hearing-summaries', { params: { org: 'xs2more' }, as: await as('mohamed@jexo.example'), expect: 404 });

  // The register: filters, paging by cursor, and a refused query.
  const reg = (query, who = coordinator, expect = 200) => call('GET', complaints, { params: { org }, query, as: sessions.get(who), expect });
  const first = await reg({ limit: '3', sort: 'next_due_at' });
  assert.equal(first.json.items.length, 3);
  assert.ok(first.json.next_cursor);
  const second = await reg({ limit: '3', sort: 'next_due_at', cursor: first.json.next_cursor });
  assert.ok(!second.json.items.some((x) => first.json.items.some((y) => y.id === x.id)));
  const found = await reg({ q: 'loonstrook overu', state: 'closed,withdrawn', received_from: ago(3 * DAY).slice(0, 10), received_to: ago(-DAY).slice(0, 10), handler: String(await staffId(handler)), category: 'loon', overdue: 'false', offset: '0' });
  assert.deepEqual(found.json.items.map((x) => x.id), [id]);
  await reg({ limit: '200' }); // every demo complaint of Jexo, each row checked
  const badQuery = await reg({ limit: '0', colour: 'red' }, coordinator, 400);
  assert.deepEqual(badQuery.json.errors.map((e) => e.field).sort(), ['colour', 'limit']);
  await call('GET', complaints, { params: { org: 'xs2more' }, as: sessions.get(coordinator), expect: 404 });

  // The audit log: JSON (every event of the demo data checked), a filter, CSV, refusals.
  const audit = '/api/v1/organisations/{org}/audit';
  const log = await call('GET', audit, { params: { org }, query: { limit: '1000' }, as: await as(coordinator), expect: 200 });
  assert.ok(log.json.items.some((e) => e.subject.type === 'attachment'));
  assert.ok(log.json.items.some((e) => e.subject.type === 'staff'));
  const mine = await call('GET', audit, { params: { org }, query: { complaint: String(id), action: 'assign', from: ago(DAY).slice(0, 10), to: ago(-DAY).slice(0, 10), actor: String(await staffId(coordinator)), offset: '0', format: 'json' }, as: sessions.get(coordinator), expect: 200 });
  assert.equal(mine.json.items.length, 1);
  const csv = await call('GET', audit, { params: { org }, query: { format: 'csv', complaint: String(id) }, as: await as('auditor@jexo.example'), expect: 200 });
  assert.equal(csv.text.trim().split('\r\n').length, 1 + c.timeline.length);
  await call('GET', audit, { params: { org }, query: { colour: 'red' }, as: sessions.get(coordinator), expect: 400 });
  await call('GET', audit, { params: { org }, as: await as(handler), expect: 403 });
});

test('Xs2more (004): hearing, assessment, extension, referral; a declined complaint; a missed term', async () => {
  const org = 'xs2more';
  const coordinator = 'kwaliteit@xs2more.example';
  const sanne = await staffId('sanne@xs2more.example');
  const noCategory = await register(org, coordinator, intake(), 422);
  assert.equal(noCategory.errors[0].field, 'category');
  const c0 = await register(org, coordinator, intake({ category: 'bejegening', description_approved: false }));
  const id = c0.id;
  await step(org, coordinator, id, 'acknowledge', {});
  await step(org, coordinator, id, 'assign', { handler_id: sanne });
  await step(org, coordinator, id, 'start-handling', {});
  await step(org, coordinator, id, 'resolve', { solution: 'x' }, 422); // the hearing first
  await step(org, coordinator, id, 'record-hearing', { note: 'Klager en medewerker gehoord.' });
  await step(org, coordinator, id, 'assess', { well_founded: true, note: 'Gegrond.' });
  await step(org, coordinator, id, 'extend', { term: '7 weeks', reason: 'Inlener op vakantie.' }, 422);
  const extended = await step(org, coordinator, id, 'extend', { term: '6 weeks', reason: 'Inlener op vakantie.' });
  assert.equal(extended.extension, '6 weeks');
  await step(org, coordinator, id, 'resolve', { solution: 'x' }, 422); // the cause first (R-REPORT)
  await step(org, coordinator, id, 'record-cause', { category: 'gedrag of bejegening', text: 'Toon aan de telefoon.' });
  await step(org, coordinator, id, 'resolve', { solution: 'Excuses en een gesprek met de medewerker.', procedure_change_effective: ago(-30 * DAY).slice(0, 10) });
  await step(org, coordinator, id, 'verify', { satisfied: false, note: 'Niet tevreden.' });
  let c = await read(org, coordinator, id);
  assert.equal(c.satisfaction, 'dissatisfied');
  c = await step(org, coordinator, id, 'escalate', {});
  assert.equal(c.state, 'escalated');
  assert.equal((await step(org, coordinator, id, 'close', {})).state, 'closed');
  await read(org, coordinator, id);

  const declined = await register(org, coordinator, intake({ category: 'overig', channel: 'email' }));
  await step(org, coordinator, declined.id, 'decline', { reason: 'Een vraag, geen klacht.' });
  assert.equal((await step(org, coordinator, declined.id, 'notify-decline', {})).state, 'declined');
  await read(org, coordinator, declined.id);

  // Received eight weeks ago: terms missed, with how late.
  const late = await register(org, coordinator, intake({ category: 'dienstverlening', received_at: ago(56 * DAY) }));
  c = await read(org, coordinator, late.id);
  assert.ok(c.deadlines.some((d) => d.status === 'missed' && d.working_days_late > 0));
  await step(org, coordinator, late.id, 'acknowledge', {});
  await step(org, coordinator, late.id, 'assign', { handler_id: sanne });
  await step(org, coordinator, late.id, 'start-handling', {});
  const afterTerm = await step(org, coordinator, late.id, 'extend', { term: '6 weeks', reason: 'Te laat.' }, 409);
  assert.equal(afterTerm.type, 'https://klachtdesk.example/problems/extension_after_term');
  const overdue = await call('GET', complaints, { params: { org }, query: { overdue: 'true', received_from: ago(57 * DAY).slice(0, 10), received_to: ago(55 * DAY).slice(0, 10) }, as: sessions.get(coordinator), expect: 200 });
  assert.ok(overdue.json.items.some((x) => x.id === late.id && x.overdue));
});

test('Quoratio (003): a confidential complaint through its confidant', async () => {
  const org = 'quoratio';
  const coordinator = 'kwaliteit@quoratio.example', fatima = 'vertrouwenspersoon.fatima@quoratio.example';
  const c0 = await register(org, coordinator, intake({ confidential: true, handler_id: await staffId(fatima), acknowledged_at_intake: true, acknowledgement_note: 'Klacht over het rooster; eerste actie: gesprek met de planner.' }));
  assert.equal(c0.confidential, true);
  const id = c0.id;
  await read(org, coordinator, id, 404);
  const directie = await staffId('directie@quoratio.example');
  await step(org, fatima, id, 'grant-access', { staff_id: directie });
  await read(org, 'directie@quoratio.example', id);
  await step(org, 'directie@quoratio.example', id, 'record-hearing', { note: 'x' }, 403);
  await step(org, fatima, id, 'revoke-access', { staff_id: directie });
  await step(org, fatima, id, 'start-handling', {});
  await step(org, fatima, id, 'resolve', { solution: 'Rooster aangepast.' });
  await step(org, fatima, id, 'verify', { satisfied: true }, 422); // 003 asks for evidence
  await step(org, fatima, id, 'verify', { satisfied: true, evidence: 'Ondertekende bevestiging.' });
  await step(org, fatima, id, 'close', {});
  const c = await read(org, fatima, id);
  assert.equal(c.state, 'closed');
  assert.equal(c.timeline.at(-1).action, 'view');
});

test('the public form and its status page', async () => {
  await call('GET', '/klacht/{org}', { params: { org: 'jexo' }, expect: 200 });
  await call('GET', '/klacht/{org}', { params: { org: 'xs2more' }, query: { lang: 'en' }, expect: 200 });
  await call('GET', '/klacht/{org}', { params: { org: 'niet-bestaand' }, expect: 404 });
  const form = { name: 'Anna de Wit', email: 'anna@example.org', phone: '', description: 'Mijn uren van week 40 zijn niet uitbetaald.', website: '' };
  const refused = await call('POST', '/klacht/{org}', { params: { org: 'jexo' }, form: { ...form, email: '' }, expect: 422 });
  assert.match(refused.text, /Anna de Wit/);
  await call('POST', '/klacht/{org}', { params: { org: 'niet-bestaand' }, form, expect: 404 });
  const sent = await call('POST', '/klacht/{org}', { params: { org: 'jexo' }, form, expect: 201 });
  const token = sent.text.match(/\/klacht\/jexo\/status\/([0-9a-f]{64})/)?.[1];
  assert.ok(token, 'the thank-you page gives the private link');
  const status = '/klacht/{org}/status/{token}';
  await call('GET', status, { params: { org: 'jexo', token }, expect: 200 });
  await call('GET', status, { params: { org: 'jexo', token }, query: { lang: 'en' }, expect: 200 });
  await call('GET', status, { params: { org: 'jexo', token: 'a'.repeat(64) }, expect: 404 });
  await call('GET', status, { params: { org: 'niet-bestaand', token }, expect: 404 });
});

test('mail in: the inbox, registering and dismissing a message; the satisfaction link; the mails given up', async () => {
  const org = 'jexo', coordinator = 'kwaliteit@jexo.example';
  const mail = (id, subject) => [`From: Els Visser <els@example.org>`, `Subject: ${subject}`,
    `Message-ID: <${id}>`, 'Date: Tue, 17 Nov 2026 21:15:00 +0100', '', 'Mijn loonstrook klopt niet.', ''].join('\r\n');
  for (const [id, subject] of [['contract-1@example.org', 'Loonstrook'], ['contract-2@example.org', 'Reclame']])
    execFileSync(server.binary, ['mailgate', '--organisation', org], { env: server.env, input: mail(id, subject), stdio: ['pipe', 'ignore', 'ignore'] });
  const inbox = '/api/v1/organisations/{org}/inbox';
  const list = await call('GET', inbox, { params: { org }, as: await as(coordinator), expect: 200 });
  assert.equal(list.json.items.length, 2);
  await call('GET', inbox, { params: { org }, query: { status: 'ignored' }, as: await as(coordinator), expect: 200 });
  await call('GET', inbox, { params: { org }, as: await as('sanne@jexo.example'), expect: 403 });
  const byId = Object.fromEntries(list.json.items.map((m) => [m.subject, m.id]));
  const one = await call('GET', `${inbox}/{id}`, { params: { org, id: byId.Loonstrook }, as: await as(coordinator), expect: 200 });
  assert.equal(one.json.suggested_intake.channel, 'email');
  const made = await call('POST', `${inbox}/{id}/register`, {
    params: { org, id: byId.Loonstrook }, as: await as(coordinator),
    json: { ...one.json.suggested_intake, involved_staff: [] }, expect: 201,
  });
  assert.equal(made.json.channel, 'email');
  await call('POST', `${inbox}/{id}/register`, { params: { org, id: byId.Loonstrook }, as: await as(coordinator), json: one.json.suggested_intake, expect: 409 });
  await call('POST', `${inbox}/{id}/dismiss`, { params: { org, id: byId.Reclame }, as: await as(coordinator), json: { reason: '' }, expect: 422 });
  await call('POST', `${inbox}/{id}/dismiss`, { params: { org, id: byId.Reclame }, as: await as(coordinator), json: { reason: 'Reclame' }, expect: 200 });
  await call('GET', `${inbox}/{id}`, { params: { org, id: 999999 }, as: await as(coordinator), expect: 404 });
  // The outcome mail's satisfaction link, as the complainant follows it.
  const id = made.json.id;
  await step(org, coordinator, id, 'assign', { handler_id: await staffId('sanne@jexo.example') });
  await step(org, 'sanne@jexo.example', id, 'start-handling', {});
  await step(org, 'sanne@jexo.example', id, 'record-cause', { category: 'administratie en verloning' });
  await step(org, 'sanne@jexo.example', id, 'resolve', { solution: 'Loon nabetaald.' });
  // Staff see the outcome mail with the link hidden; the complainant gets it in the mail
  // itself, which waits in the outbox (no SMTP server here).
  const outcome = (await read(org, coordinator, id)).correspondence.find((m) => m.kind === 'outcome');
  assert.match(outcome.text, /\[persoonlijke link\]/);
  const db = server.env.KLACHTDESK_DATABASE.replace(/^sqlite:/, '');
  const body = execFileSync('sqlite3', [db, `SELECT body FROM outbox WHERE kind = 'outcome' AND complaint_id = ${id}`]).toString();
  const token = body.match(/\/tevredenheid\/([0-9a-f]{64})/)?.[1];
  assert.ok(token, 'the outcome mail has the satisfaction link');
  const question = '/klacht/{org}/tevredenheid/{token}';
  await call('GET', question, { params: { org, token }, expect: 200 });
  await call('GET', question, { params: { org, token: 'b'.repeat(64) }, expect: 404 });
  await call('POST', question, { params: { org, token }, form: { comment: 'x' }, expect: 422 });
  await call('POST', question, { params: { org, token }, form: { answer: 'satisfied', comment: 'Dank u' }, expect: 200 });
  await call('POST', question, { params: { org, token }, form: { answer: 'satisfied' }, expect: 409 });
  assert.equal((await read(org, coordinator, id)).satisfaction, 'satisfied');

  const outbox = '/api/v1/organisations/{org}/outbox';
  await call('GET', outbox, { params: { org }, as: await as(coordinator), expect: 200 });
  await call('GET', outbox, { params: { org }, query: { status: 'waiting' }, as: await as(coordinator), expect: 200 });
  await call('GET', outbox, { params: { org }, query: { status: 'kwijt' }, as: await as(coordinator), expect: 400 });
});

test('mail texts: read, previewed, kept, refused next to the field, put back', async () => {
  const org = 'xs2more', management = 'directie@xs2more.example', coordinator = 'kwaliteit@xs2more.example';
  const all = '/api/v1/organisations/{org}/mail-templates';
  const one = '/api/v1/organisations/{org}/mail-templates/{kind}/{language}';
  const list = await call('GET', all, { params: { org }, as: await as(coordinator), expect: 200 });
  assert.equal(list.json.items.length, 10);
  const text = { subject: 'Ontvangen ({{reference}})', body: 'Beste {{complainant_name}}, uw klacht is binnen.' };
  const params = { org, kind: 'acknowledgement', language: 'nl' };
  const shown = await call('POST', `${one}/preview`, { params, as: await as(coordinator), json: text, expect: 200 });
  assert.equal(shown.json.body, 'Beste Els Visser, uw klacht is binnen.');
  await call('PUT', one, { params, as: await as(coordinator), json: text, expect: 403 });
  const refused = await call('PUT', one, { params, as: await as(management), json: { ...text, subject: 'Ontvangen' }, expect: 422 });
  assert.equal(refused.json.errors[0].field, 'subject');
  assert.equal((await call('PUT', one, { params, as: await as(management), json: text, expect: 200 })).json.own, true);
  await call('PUT', one, { params: { ...params, language: 'de' }, as: await as(management), json: text, expect: 404 });
  assert.equal((await call('DELETE', one, { params, as: await as(management), expect: 200 })).json.own, false);
});

test('the nonconformity register and actions: recorded, investigated, measures done and judged, closed', async () => {
  const org = 'xs2more', coordinator = 'kwaliteit@xs2more.example', sanne = 'sanne@xs2more.example';
  const ncs = '/api/v1/organisations/{org}/nonconformities';
  const oneNc = `${ncs}/{id}`;
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
  const inDays = (n) => new Date(Date.parse(today) + n * DAY).toISOString().slice(0, 10);
  const c = await register(org, coordinator, intake({ category: 'bejegening' }));
  const made = await call('POST', ncs, { params: { org }, as: await as(coordinator), expect: 201,
    json: { kind: 'nonconformity', occurred_on: today, description: 'Rooster te laat verstuurd', source: 'complaint', complaint_id: c.id } });
  const id = made.json.id;
  assert.equal(made.json.complaint.id, c.id);
  await call('POST', ncs, { params: { org }, as: await as(coordinator), json: { kind: 'x' }, expect: 422 });
  await call('PATCH', oneNc, { params: { org, id }, as: await as(coordinator), json: { cause_category: 'communicatie' }, expect: 200 });
  await call('PATCH', oneNc, { params: { org, id }, as: await as(sanne), json: { cause: 'x' }, expect: 404 });
  const measure = await call('POST', `${oneNc}/measures`, { params: { org, id }, as: await as(coordinator), expect: 201,
    json: { kind: 'procedure_change', what: 'Roosters op vrijdag versturen', owner_id: await staffId(sanne), due_on: inDays(7), effective_from: inDays(14) } });
  await call('POST', `${oneNc}/close`, { params: { org, id }, as: await as(coordinator), json: { note: 'x' }, expect: 409 });
  const mine = await call('GET', '/api/v1/organisations/{org}/actions', { params: { org }, query: { mine: 'true' }, as: await as(sanne), expect: 200 });
  assert.ok(mine.json.items.some((a) => a.id === measure.json.id));
  await call('GET', '/api/v1/organisations/{org}/actions', { params: { org }, query: { mine: 'misschien' }, as: await as(sanne), expect: 400 });
  const action = '/api/v1/organisations/{org}/actions/{id}';
  await call('POST', `${action}/status`, { params: { org, id: measure.json.id }, as: await as(sanne), json: { status: 'done', note: 'Procedure aangepast' }, expect: 200 });
  await call('POST', `${action}/review`, { params: { org, id: measure.json.id }, as: await as(coordinator), json: { effective: false, evidence: 'Weer te laat' }, expect: 422 });
  const reviewed = await call('POST', `${action}/review`, { params: { org, id: measure.json.id }, as: await as(coordinator), expect: 200,
    json: { effective: false, evidence: 'Weer te laat', follow_up: { kind: 'corrective', what: 'Herinnering in de agenda', owner_id: await staffId(sanne), due_on: inDays(3) } } });
  assert.equal(reviewed.json.follow_up.follows_id, measure.json.id);
  const follow = reviewed.json.follow_up.id;
  await call('POST', `${action}/status`, { params: { org, id: follow }, as: await as(sanne), json: { status: 'cancelled', note: 'Niet meer nodig' }, expect: 200 });
  const closed = await call('POST', `${oneNc}/close`, { params: { org, id }, as: await as(coordinator), json: { note: 'Afgehandeld' }, expect: 200 });
  assert.equal(closed.json.status, 'closed');
  const audited = await call('GET', oneNc, { params: { org, id }, as: await as('auditor@xs2more.example'), expect: 200 });
  assert.equal(audited.json.timeline.at(-1).action, 'nonconformity-closed');
  await call('GET', oneNc, { params: { org, id: 999999 }, as: await as(coordinator), expect: 404 });
  const list = await call('GET', ncs, { params: { org }, query: { from: today, to: today, status: 'closed' }, as: await as('auditor@xs2more.example'), expect: 200 });
  assert.ok(list.json.items.some((n) => n.id === id));
  const csv = await call('GET', ncs, { params: { org }, query: { format: 'csv' }, as: await as(coordinator), expect: 200 });
  assert.ok(csv.text.startsWith('\uFEFFkenmerk;datum;soort;'), csv.text.slice(0, 80));
  const xlsx = await call('GET', ncs, { params: { org }, query: { format: 'xlsx' }, as: await as(coordinator), expect: 200 });
  assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK'); // a zip: the workbook
  const complaints = '/api/v1/organisations/{org}/complaints';
  const listed = await call('GET', complaints, { params: { org }, query: { format: 'csv', state: 'received' }, as: await as(coordinator), expect: 200 });
  assert.ok(listed.text.startsWith('\uFEFFkenmerk;ontvangen;'), listed.text.slice(0, 80));
  const book = await call('GET', complaints, { params: { org }, query: { format: 'xlsx' }, as: await as(coordinator), expect: 200 });
  assert.equal(book.bytes.subarray(0, 2).toString('latin1'), 'PK');
  await call('GET', complaints, { params: { org }, query: { format: 'docx' }, as: await as(coordinator), expect: 400 });
  await call('GET', ncs, { params: { org }, query: { status: 'dicht' }, as: await as(coordinator), expect: 400 });

  // An action agreed on the case (003's workflow), on its timeline.
  await step(org, coordinator, c.id, 'assign', { handler_id: await staffId(sanne) });
  const agreed = await call('POST', '/api/v1/organisations/{org}/complaints/{id}/actions', { params: { org, id: c.id }, as: await as(sanne), expect: 201,
    json: { what: 'Indiener terugbellen', owner_id: await staffId(sanne), due_on: inDays(1) } });
  await call('POST', '/api/v1/organisations/{org}/complaints/{id}/actions', { params: { org, id: c.id }, as: await as(sanne), json: {}, expect: 422 });
  const withAction = await read(org, sanne, c.id);
  assert.equal(withAction.agreed_actions[0].id, agreed.json.id);
  assert.equal(withAction.timeline.at(-1).subject.type, 'action');
});

test('the management-review report: a period beside the one before, for those who run or audit the register', async () => {
  const org = 'xs2more', report = '/api/v1/organisations/{org}/report';
  const year = await call('GET', report, { params: { org }, query: { period: '2026' }, as: await as('auditor@xs2more.example'), expect: 200 });
  assert.equal(year.json.previous_period.name, '2025');
  // The demo complaints came in over the seven weeks before the server started, whatever the
  // date: the sixty days up to today hold them.
  const day = (n) => new Date(Date.now() - n * DAY).toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
  const recent = await call('GET', report, { params: { org }, query: { from: day(60), to: day(0) }, as: await as('auditor@xs2more.example'), expect: 200 });
  assert.ok(recent.json.current.received > 0);
  assert.deepEqual(year.json.current.breakdowns.map((b) => b.measure),
    ['category', 'cause', 'channel', 'complainant_type', 'verdict', 'outcome', 'handler']);
  const span = await call('GET', report, { params: { org }, query: { from: '2026-01-01', to: '2026-01-31' }, as: await as('kwaliteit@xs2more.example'), expect: 200 });
  assert.equal(span.json.previous_period.to, '2025-12-31');
  await call('GET', report, { params: { org }, query: { period: '2026-Q9' }, as: await as('kwaliteit@xs2more.example'), expect: 400 });
  await call('GET', report, { params: { org }, as: await as('sanne@xs2more.example'), expect: 403 });
  const pdf = await call('GET', report, { params: { org }, query: { period: '2026', format: 'pdf' }, as: await as('directie@xs2more.example'), expect: 200 });
  assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const review = `${report}/review`;
  await call('PUT', review, { params: { org }, query: { period: '2025' }, as: await as('kwaliteit@xs2more.example'), json: { conclusions: ' ' }, expect: 422 });
  await call('PUT', review, { params: { org }, query: { period: '2025' }, as: await as('auditor@xs2more.example'), json: { conclusions: 'Goed' }, expect: 403 });
  const saved = await call('PUT', review, { params: { org }, query: { period: '2025' }, as: await as('directie@xs2more.example'), json: { conclusions: 'Doelen gehaald.' }, expect: 200 });
  assert.equal(saved.json.conclusions, 'Doelen gehaald.');
  const read = await call('GET', report, { params: { org }, query: { period: '2025' }, as: await as('auditor@xs2more.example'), expect: 200 });
  assert.equal(read.json.review.conclusions, 'Doelen gehaald.');
  assert.equal(read.json.may_review, false);
});

test('every operation of the spec was called', () => {
  const missed = operations.map((o) => `${o.method} ${o.path}`).filter((o) => !called.has(o));
  assert.deepEqual(missed, [], `operations in docs/openapi.json that no request checked:\n${missed.join('\n')}`);
});
