// `npm run demo` (or `npm start -- --demo`): walks four fictitious vendors through the programme over the public HTTP
// API of a running platform, as their people and the operators would — every step goes through the real rules
// (validation, status machines, calendar, FIFO queue, circuit check, invoicing); nothing is written to a table.
//   1. Cabinet Numérique Nord S.à r.l. — just enrolled (Form 1 submitted, waiting for INCERT)
//   2. MediSoft Luxembourg S.à r.l.    — in test (validated, documentation shared, Form 2, test access granted)
//   3. Praxis Informatique S.A.        — its version queued for labelling (Form 3 with evidence)
//   4. Zeta Logiciels SA               — labelled, with connections, invoices (one paid, one approved, one new)
// Re-running it skips the vendors that already exist. Base URL: SONS_BASE_URL or PUBLIC_BASE_URL (default
// http://localhost:3000). It needs the demo operator accounts (the embedded start creates them).
import { ApiClient, DEMO } from '@sons/testing';

const baseUrl = (process.env.SONS_BASE_URL ?? process.env.PUBLIC_BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const PASSWORD = 'demo-vendor-2026';
const say = (msg) => console.log(`\x1b[1m[demo]\x1b[0m ${msg}`);
const luVat = (six) => `LU${six}${String(six % 89).padStart(2, '0')}`;
const pdf = (label) => new TextEncoder().encode(`%PDF-1.4\n% ${label}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const VENDORS = [
  {
    key: 'enrolled',
    companyName: 'Cabinet Numérique Nord S.à r.l.',
    email: 'admin@cabinet-nord.demo.lu',
    six: 510001,
    ceo: ['Sophie', 'Kieffer'],
    software: 'NordPraxis',
  },
  {
    key: 'in_test',
    companyName: 'MediSoft Luxembourg S.à r.l.',
    email: 'admin@medisoft.demo.lu',
    six: 510002,
    ceo: ['Claire', 'Weber'],
    software: 'MediDesk',
  },
  {
    key: 'queued',
    companyName: 'Praxis Informatique S.A.',
    email: 'admin@praxis.demo.lu',
    six: 510003,
    ceo: ['Luc', 'Hoffmann'],
    software: 'PraxisMed',
  },
  {
    key: 'labelled',
    companyName: 'Zeta Logiciels SA',
    email: 'admin@zeta.demo.lu',
    six: 510004,
    ceo: ['Anne', 'Zimmer'],
    software: 'ZetaCare',
  },
];

// Fails with the API's own explanation (status, code, field errors) so a broken step is obvious.
async function call(client, method, path, body, expected) {
  const response = await client.request(method, path, body);
  const ok = expected ? [expected].flat().includes(response.status) : response.status < 300;
  if (!ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
const post = (client, path, body = {}, expected) => call(client, 'POST', path, body, expected);
const get = (client, path) => call(client, 'GET', path);

async function upload(client, label, purpose) {
  const response = await client.upload(pdf(label), `${label}.pdf`, purpose);
  if (response.status !== 201) throw new Error(`upload ${label} → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

// Retries a read until it holds (events travel between services asynchronously).
async function until(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

async function waitForPlatform() {
  await until(
    `the platform at ${baseUrl}`,
    async () => {
      try {
        const response = await fetch(`${baseUrl}/api/health`);
        return response.ok;
      } catch {
        return false;
      }
    },
    180_000,
  );
}

async function signIn(email, password) {
  const client = new ApiClient(baseUrl, 'fr');
  const response = await client.post('/api/auth/login', { email, password });
  return response.status === 200 ? client : null;
}

const operators = async () => {
  const [incert, aes] = await Promise.all([signIn(...DEMO.incert), signIn(...DEMO.aes)]);
  if (!incert || !aes)
    throw new Error('the demo operator accounts are missing: start the platform with the embedded defaults (npm start)');
  return { incert, aes };
};

function form1(v) {
  return {
    personType: 'legal',
    companyName: v.companyName,
    ceoFirstName: v.ceo[0],
    ceoLastName: v.ceo[1],
    matricule: `2017${String(v.six).slice(-7).padStart(7, '0')}`,
    rcsNumber: `B${v.six}`,
    vatNumber: luVat(v.six),
    iban: 'LU28 0019 4006 4475 0000',
    email: v.email.replace('admin@', 'contact@'),
    countryOfEstablishment: 'LU',
    vague1Participant: false,
    integrationMode: 'econnector_ng',
    intendedSoftwareName: v.software,
    addressStreet: `${v.six % 100}, rue de la Gare`,
    addressPostalCode: 'L-1611',
    addressCity: 'Luxembourg',
    declaration: true,
  };
}

async function enrol(v) {
  const client = new ApiClient(baseUrl, 'fr');
  await post(client, '/api/auth/register', { email: v.email, password: PASSWORD, displayName: `${v.ceo[0]} ${v.ceo[1]}` }, 201);
  const nda = await upload(client, `nda-${v.key}`, 'nda');
  const enrolment = await post(client, '/api/enrolments', { data: { ...form1(v), ndaAttachmentId: nda } }, 201);
  say(`${v.companyName}: Form 1 submitted (${enrolment.enrolmentId})`);
  return { client, enrolmentId: enrolment.enrolmentId, vendorId: enrolment.vendorId };
}

async function ensureDocumentation(ops) {
  const sets = await get(ops.incert, '/api/documentation?limit=1');
  if ((sets.items ?? sets).length) return;
  const file = await upload(ops.incert, 'econnector-ng-specifications-2026.1', 'documentation');
  await post(
    ops.incert,
    '/api/documentation',
    { versionLabel: '2026.1', title: 'eConnector NG — spécifications 2026.1', attachmentIds: [file] },
    201,
  );
  say('INCERT published the technical documentation 2026.1');
}

async function toTestAccess(v, ops) {
  const e = await enrol(v);
  const act = (client, action, body) => post(client, `/api/enrolments/${e.enrolmentId}/${action}`, body);
  await act(ops.incert, 'assign');
  await act(ops.incert, 'validate');
  await act(ops.aes, 'nda/countersign');
  await act(ops.incert, 'share-documentation');
  const signed = await upload(e.client, `form2-${v.key}`, 'form2');
  await act(e.client, 'form2', {
    data: {
      vendorName: v.companyName,
      providerCodeChoice: 'request',
      eHealthId: `EHID-${v.six}`,
      eHealthIdActive: true,
      mySecuActive: true,
      mySecuMatricule: form1(v).matricule,
      technicalContacts: [{ name: `${v.ceo[0]} ${v.ceo[1]}`, email: v.email, phone: '+352 621 000 000' }],
      signedForm2AttachmentId: signed,
    },
  });
  await act(ops.incert, 'test-access', {
    environment: {
      environmentUrl: 'https://econnector-test.esante.example/ws',
      configuration: { eConnectorProfile: 'test-ng-2025', certificateAlias: `sons-test-${v.key}` },
      credentials: { username: `${v.key}-test`, password: 'Demo-Test-Env-2026' },
      notes: 'Environnement de démonstration.',
    },
    providerCode: String(70000000 + (v.six % 1000)),
  });
  say(`${v.companyName}: validated, documentation shared, Form 2 received, test access granted`);
  await until('Form 3 to open for the vendor', async () => (await get(e.client, '/api/labelling/access')).form3Available);
  return e;
}

async function fileForm3(v, e, version) {
  const evidence = [];
  for (const requirementId of ['RECL-AUTH-01']) {
    evidence.push({
      requirementId,
      result: 'pass',
      proofAttachmentIds: [await upload(e.client, `preuve-${v.key}-${requirementId}-${version}`, 'evidence')],
    });
  }
  const request = await post(
    e.client,
    '/api/labelling/requests',
    {
      data: {
        softwareName: v.software,
        softwareVersion: version,
        integrationMode: 'econnector_ng',
        reclVersion: '1.0',
        evidence,
        declaration: true,
      },
      submit: true,
    },
    201,
  );
  say(`${v.companyName}: Form 3 for ${v.software} ${version} filed (${request.reference ?? request.labelRequestId})`);
  return request;
}

async function label(v, e, ops, request) {
  const step = (client, action, body) => post(client, `/api/labelling/requests/${request.labelRequestId}/${action}`, body);
  const taken = await post(ops.incert, '/api/labelling/queue/next');
  if (taken.labelRequestId !== request.labelRequestId)
    throw new Error(
      `the queue's head is ${taken.reference}, not ${v.companyName}'s request: run the demo on a platform without other queued requests`,
    );
  await step(ops.incert, 'pass');
  await step(ops.aes, 'agreement/send');
  await step(e.client, 'agreement/sign', { signedAttachmentId: await upload(e.client, `accord-signe-${v.key}`, 'agreement') });
  await step(ops.aes, 'agreement/confirm');
  say(`${v.companyName}: ${v.software} labelled (tests passed, service agreement signed)`);
}

let provider = 0;
async function connection(v, e, ops, version, doctors) {
  await until('the label to reach the connection service', async () =>
    (await get(e.client, '/api/connections/labels?limit=100')).items.some((l) => l.version === version),
  );
  // The doctors' practices send their first real transactions through the labelled software (recorded by the CNS).
  await sleep(1100);
  const providers = doctors.map((doctorName) => {
    provider++;
    return {
      providerCode: String(90100000 + (v.six % 1000) * 100 + provider),
      doctorName,
      transactionReference: `TX-DEMO-${v.key.toUpperCase()}-${provider}`,
    };
  });
  await post(
    ops.incert,
    '/api/connections/cns-simulator/transactions',
    {
      transactions: providers.map((p) => ({
        reference: p.transactionReference,
        providerCode: p.providerCode,
        timestamp: new Date().toISOString(),
      })),
    },
    201,
  );
  const note = await upload(e.client, `bon-de-livraison-${v.key}-${provider}`, 'delivery_note');
  const collective = providers.length > 1;
  const submitted = await post(
    e.client,
    '/api/connections',
    {
      data: {
        deliveryNoteType: collective ? 'medical_house' : 'individual',
        softwareName: v.software,
        softwareVersion: version,
        providers,
        deliveryNoteAttachmentId: note,
        ...(collective
          ? {
              sites: [{ siteName: 'Maison médicale du Centre', workstationCount: providers.length + 1 }],
              validatorName: 'Jeanne Hoffmann',
              validatorRole: 'Gestionnaire',
            }
          : {}),
      },
    },
    201,
  );
  const act = (client, action, body) => post(client, `/api/connections/${submitted.connectionId}/${action}`, body);
  const checked = await act(ops.incert, 'start-verification');
  if (checked.passedCount !== providers.length)
    throw new Error(`circuit check did not pass: ${JSON.stringify(checked.providers)}`);
  await act(ops.incert, 'verify');
  await act(e.client, 'payment-request');
  say(`${v.companyName}: connection of ${providers.length} practice(s) verified, payment requested`);
  return until(
    'the invoice to be issued',
    async () => (await get(e.client, `/api/invoices?connectionId=${submitted.connectionId}`)).items[0],
  );
}

async function main() {
  await waitForPlatform();
  const ops = await operators();
  await ensureDocumentation(ops);
  const existing = new Set();
  for (const v of VENDORS) if (await signIn(v.email, PASSWORD)) existing.add(v.key);
  if (existing.size)
    say(
      `already there, skipped: ${VENDORS.filter((v) => existing.has(v.key))
        .map((v) => v.companyName)
        .join(', ')}`,
    );
  const todo = (key) => !existing.has(key);

  if (todo('labelled')) {
    // Labelled first: the queue is FIFO, and INCERT takes its head.
    const v = VENDORS[3];
    const e = await toTestAccess(v, ops);
    await label(v, e, ops, await fileForm3(v, e, '3.1'));
    const paid = await connection(v, e, ops, '3.1', ['Dr Marie Lentz']);
    const approved = await connection(v, e, ops, '3.1', ['Dr Paul Schmit', 'Dr Lea Muller', 'Dr Tom Reuter']);
    await connection(v, e, ops, '3.1', ['Dr Nora Wagner']);
    for (const invoice of [paid, approved]) await post(ops.aes, `/api/invoices/${invoice.invoiceId}/approve`);
    await post(ops.aes, `/api/invoices/${paid.invoiceId}/payments`, {
      paidOn: new Date().toISOString().slice(0, 10),
      amountCents: paid.totalInclVatCents,
      reference: `Virement facture ${paid.number}`,
    });
    say(`${v.companyName}: invoice ${paid.number} approved and paid, ${approved.number} approved, a third one issued`);
  }
  if (todo('queued')) {
    const v = VENDORS[2];
    const e = await toTestAccess(v, ops);
    await fileForm3(v, e, '2.0');
  }
  if (todo('in_test')) await toTestAccess(VENDORS[1], ops);
  if (todo('enrolled')) await enrol(VENDORS[0]);

  say(`done — portal ${baseUrl}/login`);
  say(`vendors (password ${PASSWORD}): ${VENDORS.map((v) => v.email).join(', ')}`);
  say(
    `operators: ${Object.values(DEMO)
      .map(([email, password]) => `${email} / ${password}`)
      .join(', ')}`,
  );
}

main().catch((error) => {
  console.error(`[demo] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
