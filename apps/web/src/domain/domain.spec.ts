import { describe, expect, it } from '@jest/globals';
import { compile, match } from '../app/router.js';
import { cleanData } from '../formio/schema.js';
import { en } from '../i18n/en.js';
import { fr } from '../i18n/fr.js';
import { CONTACT_BY_STEP } from './contact.js';
import { ENROLMENT_STATUSES, operatorNextAction, stepOf, vendorNextAction } from './enrolment.js';
import { LABELLING_STATUSES, labellingStatusLabel, labellingVendorNext } from './labelling.js';

describe('contact point by step (PROCESS.md)', () => {
  it('should name AeS for enrolment, INCERT for tests and connection, AeS after the tests and for payment', () => {
    expect(CONTACT_BY_STEP).toEqual({
      enrolment: 'aes',
      tests: 'incert',
      labellingAfterTests: 'aes',
      connection: 'incert',
      payment: 'aes',
    });
  });

  it('should put the shared documentation and test access in the tests step and every other status in enrolment', () => {
    const tests = ['documentation_shared', 'test_access_requested', 'test_access_granted'];
    for (const s of tests) expect(stepOf(s as (typeof ENROLMENT_STATUSES)[number])).toBe('tests');
    for (const s of ENROLMENT_STATUSES.filter((x) => !tests.includes(x))) expect(stepOf(s)).toBe('enrolment');
  });

  // The enrolment service sends the contact point with the case (ENROLMENT_CONTACT_POINT); the step shown beside it
  // must name the same party: AeS for the enrolment step, INCERT for the tests.
  it('should agree with the enrolment service on who the contact is at every status', async () => {
    const { ENROLMENT_CONTACT_POINT } = await import('../../../enrolment/src/enrolment/enrolment-status.js');
    for (const s of ENROLMENT_STATUSES) expect([s, CONTACT_BY_STEP[stepOf(s)]]).toEqual([s, ENROLMENT_CONTACT_POINT[s]]);
  });
});

describe('next actions', () => {
  it('should ask the vendor to act only when the case waits for the vendor', () => {
    const vendorTurns = ENROLMENT_STATUSES.filter((s) => vendorNextAction(s).actor === 'vendor');
    expect(vendorTurns).toEqual(['information_requested', 'documentation_shared', 'test_access_granted']);
    expect(operatorNextAction('information_requested').actor).toBe('vendor');
    expect(operatorNextAction('validated_incert').actor).toBe('aes');
  });

  it('should give every labelling status a next step and a label', () => {
    for (const s of LABELLING_STATUSES) {
      expect(fr[labellingVendorNext(s).key]).toBeTruthy();
      expect(fr[labellingStatusLabel(s)]).toBeTruthy();
    }
    expect(labellingVendorNext('complement_requested').vendor).toBe(true);
    expect(labellingVendorNext('queued').vendor).toBe(false);
  });
});

describe('i18n catalogues', () => {
  it('should have the same keys in French and English, none empty, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [key, text] of Object.entries(fr)) {
      const enText = en[key as keyof typeof fr];
      expect(text.trim()).not.toBe('');
      expect(enText.trim()).not.toBe('');
      const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect([key, params(enText)]).toEqual([key, params(text)]);
    }
  });
});

describe('router', () => {
  const routes = [
    { path: '/portal', area: 'portal', access: 'vendor', title: 'nav.dashboard', render: () => undefined },
    { path: '/portal/enrolments/:id', area: 'portal', access: 'vendor', title: 'case.title', render: () => undefined },
  ].map((r) => compile(r as Parameters<typeof compile>[0]));

  it('should match a path with its parameters and ignore a trailing slash', () => {
    expect(match(routes, '/portal/enrolments/abc%20d/')?.params).toEqual({ id: 'abc d' });
    expect(match(routes, '/portal')?.route.path).toBe('/portal');
    expect(match(routes, '/portal/enrolments')).toBeNull();
  });
});

describe('submission data for the API', () => {
  const schema = {
    components: [
      { type: 'textfield', key: 'name' },
      { type: 'file', key: 'ndaFile' },
      {
        type: 'datagrid',
        key: 'evidence',
        components: [
          { type: 'file', key: 'proofFiles' },
          { type: 'textfield', key: 'requirementId' },
        ],
      },
      { type: 'button', key: 'submit' },
    ],
  };
  const file = {
    name: 'a.pdf',
    originalName: 'a.pdf',
    size: 3,
    type: 'application/pdf',
    storage: 'sons',
    url: '/api/attachments/x/content',
    attachmentId: 'x',
    sha256: 'f'.repeat(64),
    hash: 'md5',
    status: 'success',
  };

  it('should drop the submit button value and empty optional strings, and reduce file values to the allowed properties', () => {
    const out = cleanData(schema, {
      name: 'Medisoft',
      vat: '',
      submit: true,
      ndaFile: [file],
      evidence: [{ requirementId: 'R1', proofFiles: [file] }],
    });
    const clean = {
      name: 'a.pdf',
      originalName: 'a.pdf',
      size: 3,
      type: 'application/pdf',
      storage: 'sons',
      url: '/api/attachments/x/content',
      attachmentId: 'x',
      sha256: 'f'.repeat(64),
    };
    expect(out).toEqual({ name: 'Medisoft', ndaFile: [clean], evidence: [{ requirementId: 'R1', proofFiles: [clean] }] });
  });
});
